// The points of one series for the chart: fetched at once for a new series, range or width, and
// again on refresh() at most once a second. Preset ranges also slide with time.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PointsResponse } from '../../core/contract/api.js';
import { call, errorMessage } from './api.js';

export type RangeChoice = { kind: 'preset'; id: string; ms: number } | { kind: 'custom'; from: number; to: number };

export function resolveRange(r: RangeChoice, now = Date.now()): { from: number; to: number } {
  // a little headroom past "now" so points stamped by a device clock slightly ahead still show
  if (r.kind === 'preset') return { from: now - r.ms, to: now + 5_000 };
  return { from: r.from, to: r.to };
}

export function useChartPoints(uid: string, key: string | null, range: RangeChoice, maxPoints: number) {
  const [points, setPoints] = useState<PointsResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refreshCurrent = useRef(() => {});
  const rangeKey = range.kind === 'preset' ? range.id : `${range.from}-${range.to}`;

  // One run per series, range and width. Its requests share one AbortController: once the run is
  // replaced, their answers are dropped.
  useEffect(() => {
    if (key === null) { setLoading(false); return; }
    const ac = new AbortController();
    const fetchPoints = () => {
      setLoading(true);
      const { from, to } = resolveRange(range);
      const done = call('getPoints', { params: { uid, key }, query: { from, to, maxPoints }, signal: ac.signal }).then(
        (res) => { if (!ac.signal.aborted) { setPoints(res); setError(null); setLoading(false); } },
        (e) => { if (!ac.signal.aborted) { setError(errorMessage(e)); setLoading(false); } },
      );
      // the next request may start once this one has ended and a second has passed
      return Promise.all([done, new Promise((resolve) => setTimeout(resolve, 1000))]);
    };
    let ready = fetchPoints();
    let queued = false;
    const refresh = () => {
      if (queued) return; // the queued request will fetch the newest points anyway
      queued = true;
      void ready.then(() => {
        queued = false;
        if (!ac.signal.aborted) ready = fetchPoints();
      });
    };
    refreshCurrent.current = refresh;
    const slide = range.kind === 'preset' ? setInterval(refresh, Math.max(15_000, range.ms / 200)) : undefined;
    return () => {
      ac.abort();
      clearInterval(slide);
      refreshCurrent.current = () => {};
    };
    // `range` counts through rangeKey: a new object for the same range is no change
  }, [uid, key, rangeKey, maxPoints]);

  const refresh = useCallback(() => refreshCurrent.current(), []);
  // the points of another series are not shown; those of another range or width are, until replaced
  return { points: points?.key === key ? points : null, loading, error, refresh };
}
