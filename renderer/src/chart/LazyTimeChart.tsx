// The time chart in a chunk of its own with recharts: the device page's own code runs, and its
// data requests go out, while recharts is still being fetched and evaluated. The import starts
// when this module runs (with the device page's chunk), not when the chart first renders.
import { memo, Suspense } from 'react';
import { lazyNamed } from '../lazy-named.js';
import type { TimeChartProps } from './TimeChart.js';
import './lazy-chart.css';

const chart = lazyNamed<TimeChartProps>(() => import('./TimeChart.js').then((m) => m.TimeChart));
// a failure is shown by the chart's own load (the page's error boundary offers a reload)
void chart.preload().catch(() => undefined);

// memo: the page around the chart renders every second (its clock); the chart only when its own
// props change (the tab keeps series, window and controls the same objects until they change)
export const LazyTimeChart = memo(function LazyTimeChart(props: TimeChartProps) {
  return (
    <Suspense fallback={<div className="tchart-pending muted" aria-busy="true">Loading the chart…</div>}>
      <chart.Component {...props} />
    </Suspense>
  );
});
