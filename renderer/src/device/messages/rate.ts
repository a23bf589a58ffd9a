// Message rate per topic: arrivals counted per second, kept for the last minute. Pure; a new
// array on every change, so a frozen (paused) view keeps its own.

export const RATE_WINDOW_SEC = 60;

/** [second, arrivals in that second], oldest first, none older than the window. */
export type Arrivals = ReadonlyArray<readonly [number, number]>;

export function recordArrival(arrivals: Arrivals, nowMs: number): Arrivals {
  const second = Math.floor(nowMs / 1000);
  const kept = arrivals.filter(([s]) => s > second - RATE_WINDOW_SEC);
  const last = kept.at(-1);
  if (last && last[0] === second) return [...kept.slice(0, -1), [second, last[1] + 1]];
  return [...kept, [second, 1]];
}

/** Arrivals in the last minute. */
export function arrivalsInWindow(arrivals: Arrivals, nowMs: number): number {
  const second = Math.floor(nowMs / 1000);
  let n = 0;
  for (const [s, count] of arrivals) if (s > second - RATE_WINDOW_SEC) n += count;
  return n;
}

/** Messages per second, averaged over the last minute. */
export const ratePerSecond = (arrivals: Arrivals, nowMs: number): number => arrivalsInWindow(arrivals, nowMs) / RATE_WINDOW_SEC;

/** e.g. "0.50 msg/s", "12 msg/s", "0 msg/s" */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0 msg/s';
  return `${perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(2)} msg/s`;
}
