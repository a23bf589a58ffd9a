// A small live chart of one observed numeric resource: its notifications are stored as the
// telemetry series named by its path ('/3303/0/5700'), so the existing chart and points API serve
// it; new points on the live stream move it.
import { useCallback, useMemo, useRef } from 'react';
import { call, errorMessage } from '../../api.js';
import { LazyTimeChart } from '../../chart/LazyTimeChart.js';
import type { ChartSeries } from '../../chart/types.js';
import { useChartView } from '../../chart/use-chart-view.js';
import { useSeriesPoints, type FetchPoints } from '../../chart/use-series-points.js';
import { useWidth } from '../../chart/use-width.js';
import { resolutionFor, windowOf, type BaseRange } from '../../chart/view.js';
import { ErrorMessage } from '../../components/common.js';
import { useLive } from '../../live.js';
import { href } from '../../router.js';

const BASE: BaseRange = { kind: 'live', span: 15 * 60_000 };

export function ObservedChart({ uid, path, label, unit }: { uid: string; path: string; label: string; unit: string | null }) {
  const controls = useChartView(BASE);
  const [chartRef, width] = useWidth<HTMLDivElement>();
  const resolutionRef = useRef<number | null>(null);
  if (width > 0) resolutionRef.current = resolutionFor(width, resolutionRef.current);
  const resolution = width > 0 ? resolutionRef.current : null;
  const fetchPoints = useCallback<FetchPoints>((key, w, maxPoints, signal) => call('getPoints', {
    params: { uid, key }, query: { from: Math.floor(w.from), to: Math.ceil(w.to), maxPoints }, signal,
  }), [uid]);
  const keys = useMemo(() => [path], [path]);
  const points = useSeriesPoints(`${uid} ${path}`, keys, controls.view, resolution, fetchPoints, errorMessage);
  const p = points.data.get(path);
  const series = useMemo<ChartSeries[]>(() => [{ id: path, label, unit, kind: 'line', buckets: p?.buckets, downsampled: p?.downsampled }], [path, label, unit, p]);

  useLive((msg) => {
    if (msg.type !== 'points' || msg.uid !== uid) return;
    const w = windowOf(controls.view, Date.now());
    if (msg.points.some((x) => x.key === path && x.ts >= w.from)) points.refresh();
  });

  return (
    <figure className="lw-chart" data-testid={`lw-chart-${path.slice(1).replaceAll('/', '-')}`}>
      <figcaption><strong>{label}</strong> <span className="muted">{path}{unit ? ` (${unit})` : ''}</span>{' '}
        <a href={href({ name: 'device', uid, tab: 'telemetry' })}>Telemetry</a></figcaption>
      <ErrorMessage error={points.error} />
      <div ref={chartRef} className="chart-wrap">
        <LazyTimeChart series={series} window={points.window} width={width} loading={points.loading} lineHeight={140}
          empty="No notification yet: values appear as the device sends them." />
      </div>
    </figure>
  );
}
