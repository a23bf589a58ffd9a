// Points of the charted series for a view: fetched together (one paint for all), once the chart's
// width is known (no request at a guessed resolution that the real one would replace), and again
// on refresh() at most once a second. A followed view also slides with time.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PointsResponse } from '../../../core/contract/api.js';
import { windowOf, type ChartView, type TimeWindow } from './view.js';

export type FetchPoints = (key: string, window: TimeWindow, maxPoints: number, signal: AbortSignal) => Promise<PointsResponse>;

export interface SeriesPoints {
  /** the latest answer per key; a key's old answer stays until its new one arrives */
  data: ReadonlyMap<string, PointsResponse>;
  /** the window of the latest request */
  window: TimeWindow;
  loading: boolean;
  error: string | null;
  refresh(): void;
}

/**
 * scope: what the keys belong to (e.g. a device uid); resolution: buckets to ask for, null while
 * the width is unknown (nothing is fetched then).
 */
export function useSeriesPoints(scope: string, keys: readonly string[], view: ChartView, resolution: number | null,
  fetchPoints: FetchPoints, describeError: (e: unknown) => string): SeriesPoints {
  const [data, setData] = useState<ReadonlyMap<string, PointsResponse>>(new Map());
  const [window, setWindow] = useState<TimeWindow>(() => windowOf(view, Date.now()));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refreshCurrent = useRef(() => {});
  const fetchRef = useRef(fetchPoints);
  fetchRef.current = fetchPoints;
  const errorRef = useRef(describeError);
  errorRef.current = describeError;
  const keysKey = keys.join('\n');
  const viewKey = view.follow ? `live:${view.span}` : `${view.end - view.span}-${view.end}`;

  // One run per key set, view and resolution. Its requests share one AbortController: once the
  // run is replaced, their answers are dropped.
  useEffect(() => {
    if (resolution === null || keysKey === '') { setLoading(false); return; }
    const wanted = keysKey.split('\n');
    const ac = new AbortController();
    const fetchAll = () => {
      setLoading(true);
      const w = windowOf(view, Date.now());
      setWindow(w);
      const done = Promise.all(wanted.map((k) => fetchRef.current(k, w, resolution, ac.signal))).then(
        (answers) => {
          if (ac.signal.aborted) return;
          setData(new Map(answers.map((a, i) => [wanted[i]!, a])));
          setError(null);
          setLoading(false);
        },
        (e: unknown) => { if (!ac.signal.aborted) { setError(errorRef.current(e)); setLoading(false); } },
      );
      // the next request may start once this one has ended and a second has passed
      return Promise.all([done, new Promise((resolve) => setTimeout(resolve, 1000))]);
    };
    let ready = fetchAll();
    let queued = false;
    const refresh = () => {
      if (queued) return; // the queued request will fetch the newest points anyway
      queued = true;
      void ready.then(() => {
        queued = false;
        if (!ac.signal.aborted) ready = fetchAll();
      });
    };
    refreshCurrent.current = refresh;
    const slide = view.follow ? setInterval(refresh, Math.max(15_000, view.span / 200)) : undefined;
    return () => {
      ac.abort();
      clearInterval(slide);
      refreshCurrent.current = () => {};
    };
    // `view` counts through viewKey: a followed view is the same while its end moves with time
  }, [scope, keysKey, viewKey, resolution]);

  const refresh = useCallback(() => refreshCurrent.current(), []);
  return { data, window, loading, error, refresh };
}
