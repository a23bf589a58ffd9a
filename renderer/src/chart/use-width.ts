// Width of an element (attach the returned callback ref), kept current with a ResizeObserver.
// 0 until the element is laid out, so callers can wait for it instead of guessing. Measured before
// the browser paints (a layout effect): what needs the width is drawn in the same frame, not one
// frame later after a layout and a paint without it.
import { useLayoutEffect, useState } from 'react';

export function useWidth<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [el, setEl] = useState<T | null>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    if (!el) return;
    setWidth(Math.round(el.getBoundingClientRect().width));
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.round(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, width];
}
