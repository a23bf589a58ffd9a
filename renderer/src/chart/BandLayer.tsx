// The min–max band of a downsampled line as one SVG path per unbroken stretch, drawn with the
// chart's own scales. A recharts <Area> of ranges costs about 75 ms at 2,000 buckets (see
// bench/chart-render.ts); this path costs next to nothing.
import { useXAxisScale, useYAxisScale } from 'recharts';
import type { LineRow } from './rows.js';

export function BandLayer({ rows, axisId, color }: { rows: readonly LineRow[]; axisId: string; color: string }) {
  const x = useXAxisScale();
  const y = useYAxisScale(axisId);
  if (!x || !y) return null;
  let d = '';
  let upper: string[] = [], lower: string[] = [];
  const flush = () => {
    if (upper.length > 0) d += `M${upper.join('L')}L${lower.reverse().join('L')}Z`;
    upper = []; lower = [];
  };
  for (const r of rows) {
    if (!r.band) { flush(); continue; } // a break row: the band stops with the line
    const px = x(r.ts), lo = y(r.band[0]), hi = y(r.band[1]);
    if (px === undefined || lo === undefined || hi === undefined) continue;
    const xs = px.toFixed(1);
    upper.push(`${xs},${hi.toFixed(1)}`);
    lower.push(`${xs},${lo.toFixed(1)}`);
  }
  flush();
  return <path className="tchart-band-area" d={d} fill={color} fillOpacity={0.15} stroke="none" pointerEvents="none" />;
}

/** The extent of the bands of some rows, so the Y axis domain holds them, not only the averages. */
export function bandExtent(rows: readonly LineRow[]): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (const r of rows) {
    if (!r.band) continue;
    if (r.band[0] < lo) lo = r.band[0];
    if (r.band[1] > hi) hi = r.band[1];
  }
  return lo <= hi ? [lo, hi] : null;
}
