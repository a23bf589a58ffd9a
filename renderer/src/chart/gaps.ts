// Outages drawn as breaks: a gap is a spacing between neighbouring points well beyond the series'
// own interval, judged by the median spacing (robust against a few late or missing points).

/** How many median spacings apart two points must be to count as a gap. */
export const GAP_FACTOR = 3;

/** Median distance between neighbouring times (sorted ascending); null with fewer than 2 spacings. */
export function medianSpacing(ts: readonly number[]): number | null {
  if (ts.length < 3) return null;
  const d: number[] = [];
  for (let i = 1; i < ts.length; i++) d.push(ts[i]! - ts[i - 1]!);
  d.sort((a, b) => a - b);
  const mid = d.length >> 1;
  return d.length % 2 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2;
}

/** The spacing beyond which the line breaks; null when the series is too short to tell. */
export function gapThreshold(ts: readonly number[], factor = GAP_FACTOR): number | null {
  const m = medianSpacing(ts);
  return m === null || m <= 0 ? null : m * factor;
}

/**
 * Rows with a break row (made by gapRow, its values null) inserted in the middle of every gap, so
 * that a recharts Line with connectNulls={false} stops and starts again there.
 */
export function withGaps<T>(rows: readonly T[], tsOf: (r: T) => number, gapRow: (ts: number) => T,
  threshold: number | null = gapThreshold(rows.map(tsOf))): { rows: T[]; gaps: number } {
  if (threshold === null) return { rows: rows.slice(), gaps: 0 };
  const out: T[] = [];
  let gaps = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i > 0) {
      const prev = tsOf(rows[i - 1]!), cur = tsOf(r);
      if (cur - prev > threshold) { out.push(gapRow((prev + cur) / 2)); gaps++; }
    }
    out.push(r);
  }
  return { rows: out, gaps };
}
