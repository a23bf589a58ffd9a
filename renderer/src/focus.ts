// Where keyboard focus goes when parts of the page open, close or change, so that it never
// falls back to the page body (WAI-ARIA dialog and navigation practice).
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

// the last element that had focus: a button that disabled itself while its action ran has lost
// focus by the time the result opens, yet it is the control to return to
let lastFocused: Element | null = null;
if (typeof document !== 'undefined') document.addEventListener('focusin', (e) => { lastFocused = e.target as Element; });

/** Focus fell off the page: onto the body, or an element that is no longer in the document. */
function focusLost(): boolean {
  const a = document.activeElement;
  return !a || a === document.body || !a.isConnected;
}

/** Focuses an element that is not focusable by itself (a heading) without a tab stop of its own. */
export function focusElement(el: HTMLElement | null, opts: FocusOptions = {}): boolean {
  if (!el) return false;
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.tabIndex = -1;
  el.focus(opts);
  return document.activeElement === el;
}

/** The page's main heading, the landing place after navigation, login and closing things. */
export function pageHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#main h1');
}

/**
 * For a panel that opens in place (a form, the credentials): focus `target` when it mounts and,
 * when it closes while focus is inside it, move focus back to the control that opened it (or
 * `fallback`, a selector, when that control is gone, else the page heading).
 */
export function useDialogFocus(target: RefObject<HTMLElement | null>, fallback?: string): void {
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    // focus may have left the opener already (it disabled itself while busy, or is gone with its form)
    const was = focusLost() ? lastFocused : document.activeElement;
    if (was && !target.current?.contains(was)) opener.current = was;
    focusElement(target.current);
    return () => {
      // after React removed the panel: only step in when focus went with it
      queueMicrotask(() => {
        if (!focusLost()) return;
        const o = opener.current;
        const usable = o instanceof HTMLElement && o.isConnected && !(o as HTMLButtonElement).disabled;
        const back = usable ? o : (fallback ? document.querySelector<HTMLElement>(fallback) : null) ?? pageHeading();
        focusElement(back);
      });
    };
  }, [target, fallback]);
}

/** When `open` turns false and focus went with what closed, focus `ref` (the control that opens it). */
export function useFocusWhenClosed(open: boolean, ref: RefObject<HTMLElement | null>): void {
  const was = useRef(open);
  useEffect(() => {
    if (was.current && !open && focusLost()) focusElement(ref.current);
    was.current = open;
  }, [open, ref]);
}

/** When this component goes away and focus with it, focus `selector` instead (the control that opened it). */
export function useReturnFocus(selector: string): void {
  useEffect(() => () => {
    queueMicrotask(() => {
      if (focusLost()) focusElement(document.querySelector<HTMLElement>(selector) ?? pageHeading());
    });
  }, [selector]);
}

/**
 * Focuses the page's h1 when `key` changes (navigation) and when first shown (after login), once
 * the page has rendered it; unless the user has meanwhile put focus somewhere on the page.
 */
export function useFocusHeadingOn(key: string): void {
  useEffect(() => {
    const main = document.getElementById('main');
    const settle = (): boolean => {
      const active = document.activeElement;
      // focus on a control of the page (not the nav link that was used): the user is busy there
      if (!focusLost() && active !== main && !active?.closest('.sidebar') && main?.contains(active)) return true;
      return focusElement(pageHeading());
    };
    if (settle() || !main) return;
    const watch = new MutationObserver(() => { if (settle()) watch.disconnect(); });
    watch.observe(main, { childList: true, subtree: true });
    const stop = setTimeout(() => watch.disconnect(), 10_000);
    return () => { watch.disconnect(); clearTimeout(stop); };
  }, [key]);
}
