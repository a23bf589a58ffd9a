// Bench page (bench/chart-render.ts builds and opens it): renders the product chart
// (renderer/src/chart/TimeChart) or a plain recharts LineChart from the same data, and reports
// the time from the data's arrival (a JSON text, as a response body) to the painted chart.
import { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import type { Bucket, PointsResponse } from '../../core/contract/api.js';
import { TimeChart } from '../../renderer/src/chart/TimeChart.js';
import type { ChartSeries } from '../../renderer/src/chart/types.js';

type Kind = 'outpost' | 'baseline';
interface Job { kind: Kind; data: PointsResponse[]; arrived: number; done: (ms: number) => void }

const WIDTH = 1200;
let start: (job: Job | null) => void = () => {};

function Bench() {
  const [job, setJob] = useState<Job | null>(null);
  start = setJob;
  useLayoutEffect(() => {
    if (!job) return;
    // committed; the frame after the next animation frame callback is painted
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => job.done(performance.now() - job.arrived);
      ch.port2.postMessage(null);
    });
  }, [job]);
  if (!job) return null;
  const { from, to } = job.data[0]!;
  if (job.kind === 'baseline') {
    return (
      <LineChart width={WIDTH} height={294} data={job.data[0]!.buckets as Bucket[]}>
        <XAxis dataKey="ts" type="number" scale="time" domain={[from, to]} />
        <YAxis />
        {job.data.map((d, i) => <Line key={i} data={d.buckets as Bucket[]} dataKey="avg" dot={false} isAnimationActive={false} stroke="var(--accent)" />)}
      </LineChart>
    );
  }
  const series: ChartSeries[] = job.data.map((d, i) => ({ id: d.key, label: d.key, unit: i === 0 ? '°C' : '%', kind: 'line', buckets: d.buckets, downsampled: d.downsampled }));
  return <TimeChart series={series} window={{ from, to }} width={WIDTH} />;
}

createRoot(document.getElementById('root')!).render(<Bench />);

/** One render of `body` (JSON of PointsResponse[]) by `kind`; resolves with ms from arrival to paint. */
async function renderOnce(kind: Kind, body: string): Promise<number> {
  start(null); // unmount the previous chart first: each run is a first render
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
  return new Promise((resolve) => {
    const arrived = performance.now();
    const data = JSON.parse(body) as PointsResponse[];
    start({ kind, data, arrived, done: resolve });
  });
}
(window as unknown as { renderOnce: typeof renderOnce }).renderOnce = renderOnce;
