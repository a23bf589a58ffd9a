// Chart rows of a numeric series: average line and min–max band per bucket, with break rows where
// the series has gaps (see gaps.ts).
import type { Bucket } from '../../../core/contract/api.js';
import { withGaps } from './gaps.js';

export interface LineRow { ts: number; avg: number | null; band: [number, number] | null; count: number }

export function lineRows(buckets: readonly Bucket[]): { rows: LineRow[]; gaps: number; hasBand: boolean } {
  const base: LineRow[] = buckets.map((b) => ({ ts: b.ts, avg: b.avg, band: [b.min, b.max], count: b.count }));
  const { rows, gaps } = withGaps(base, (r) => r.ts, (ts) => ({ ts, avg: null, band: null, count: 0 }));
  return { rows, gaps, hasBand: buckets.some((b) => b.min !== b.max) };
}

/** Index of the row nearest to ts among rows sorted by ts (break rows skipped); -1 when none. */
export function nearestRow(rows: readonly LineRow[], ts: number): number {
  let lo = 0, hi = rows.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.ts < ts) lo = mid + 1; else hi = mid;
  }
  let best = -1;
  for (const i of [lo - 1, lo, lo + 1]) {
    const r = rows[i];
    if (!r || r.avg === null) continue;
    if (best < 0 || Math.abs(r.ts - ts) < Math.abs(rows[best]!.ts - ts)) best = i;
  }
  return best;
}
