// The window a chart shows, with zoom, pan, reset and follow-live on it (see view.ts). A new base
// range (a preset or custom range picked outside) resets the view to it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { follow, pan, sameView, viewOf, zoomTo, type BaseRange, type ChartView } from './view.js';

export interface ChartViewControls {
  view: ChartView;
  /** the view differs from the base range (zoomed, panned or frozen) */
  changed: boolean;
  zoom(from: number, to: number): void;
  pan(direction: -1 | 1): void;
  reset(): void;
  setFollow(on: boolean): void;
}

export function useChartView(base: BaseRange): ChartViewControls {
  const baseKey = base.kind === 'live' ? `live:${base.span}` : `fixed:${base.from}-${base.to}`;
  const baseRef = useRef(base);
  baseRef.current = base;
  const [view, setView] = useState<ChartView>(() => viewOf(base, Date.now()));
  // `base` counts through baseKey: a new object for the same range is no change
  useEffect(() => { setView((v) => { const next = viewOf(baseRef.current, Date.now()); return sameView(v, next) ? v : next; }); }, [baseKey]);
  const reset = useCallback(() => setView(viewOf(baseRef.current, Date.now())), []);
  const zoom = useCallback((from: number, to: number) => setView(zoomTo(from, to)), []);
  const panBy = useCallback((direction: -1 | 1) => setView((v) => pan(v, direction, Date.now())), []);
  const setFollow = useCallback((on: boolean) => setView((v) => follow(v, on, Date.now())), []);
  // the same object until the view or the base changes, so a memo'd chart is not rendered again
  // when its page renders for something else (e.g. the page's clock every second)
  const changed = !sameView(view, viewOf(base, Date.now()));
  return useMemo(() => ({ view, changed, zoom, pan: panBy, reset, setFollow }), [view, changed, zoom, panBy, reset, setFollow]);
}
