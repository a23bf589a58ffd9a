// Line chart of one numeric series: avg line plus a min–max band, time on the X axis.
import { useEffect, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { PointsResponse } from '../../../core/contract/api.js';
import { formatDateTime, formatValue } from '../format.js';

/** Width of an element (attach the returned callback ref), kept current with a ResizeObserver. */
export function useWidth<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [el, setEl] = useState<T | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
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

const pad = (n: number) => String(n).padStart(2, '0');
function tickFormatter(span: number) {
  return (v: number) => {
    const d = new Date(v);
    const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    if (span <= 30 * 60_000) return `${hm}:${pad(d.getSeconds())}`;
    if (span <= 36 * 3600_000) return hm;
    return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
  };
}

interface Row { ts: number; avg: number; band: [number, number]; count: number }

export function TelemetryChart({ points, unit, width, height = 300, loading }: {
  points: PointsResponse | null; unit: string | null; width: number; height?: number; loading: boolean;
}) {
  const rows: Row[] = (points?.buckets ?? []).map((b) => ({ ts: b.ts, avg: b.avg, band: [b.min, b.max], count: b.count }));
  const span = points ? points.to - points.from : 3600_000;
  const showDots = rows.length > 0 && rows.length <= 60;
  const hasBand = rows.some((r) => r.band[0] !== r.band[1]);
  return (
    <div className="chart" data-testid="chart" data-points-count={rows.length} data-loading={loading ? 'true' : 'false'}
      data-downsampled={points?.downsampled ? 'true' : 'false'}>
      {width > 0 && points && (
        <ComposedChart width={width} height={height} data={rows} margin={{ top: 10, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="ts" type="number" scale="time" domain={[points.from, points.to]} allowDataOverflow
            tickFormatter={tickFormatter(span)} stroke="var(--chart-axis)" fontSize={12} minTickGap={40} />
          <YAxis stroke="var(--chart-axis)" fontSize={12} width={56} domain={['auto', 'auto']}
            tickFormatter={(v: number) => formatValue(v)} />
          <Tooltip
            isAnimationActive={false}
            contentStyle={{ background: 'var(--chart-tooltip-bg)', borderColor: 'var(--chart-tooltip-line)', color: 'var(--ink)' }}
            labelFormatter={(l) => formatDateTime(Number(l))}
            formatter={(value, name) => {
              const u = unit ? ` ${unit}` : '';
              if (Array.isArray(value)) return [`${formatValue(Number(value[0]))} – ${formatValue(Number(value[1]))}${u}`, 'min – max'];
              return [`${formatValue(Number(value))}${u}`, name === 'avg' ? (rows.some((r) => r.count > 1) ? 'average' : 'value') : String(name)];
            }}
          />
          {hasBand && <Area dataKey="band" type="linear" stroke="none" fill="var(--chart-1)" fillOpacity={0.15} isAnimationActive={false} activeDot={false} />}
          <Line dataKey="avg" type="linear" stroke="var(--chart-1)" strokeWidth={2} dot={showDots ? { r: 2.5, fill: 'var(--panel)' } : false}
            isAnimationActive={false} connectNulls />
        </ComposedChart>
      )}
      {points && rows.length === 0 && !loading && <div className="chart-empty">No data in this range.</div>}
    </div>
  );
}
