// Chart query benchmark: Outpost's downsampled range query (SQLite buckets; per-minute rollups for
// long ranges) against
// the common alternative of reading the raw points of the range and bucketing them in JavaScript.
// Usage: npm run bench:chart -- [--points N=2000000] [--repeat R=15]
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { storeFixture } from '../core/testing/store-fixture.js';
import { createTelemetryWriter } from '../core/telemetry/writer.js';
import { createTelemetryQuery } from '../core/telemetry/query.js';
import { createRollupJob } from '../core/telemetry/rollup.js';
import { bucketWidth } from '../core/telemetry/downsample.js';

const { values } = parseArgs({ options: { points: { type: 'string' }, repeat: { type: 'string' } } });
const total = Number(values.points ?? 2_000_000);
const repeat = Number(values.repeat ?? 15);
const MAX_POINTS = 1000;
const WEEK = 7 * 24 * 3600_000;

const store = storeFixture(undefined, 'bench');
try {
  const { db, bus, deviceId } = store;
  const writer = createTelemetryWriter(db, bus);
  const rollups = createRollupJob(db);
  const query = createTelemetryQuery(db, rollups.horizon);

  const end = Date.UTC(2026, 0, 8);
  const start = end - WEEK;
  const step = WEEK / total;
  process.stdout.write(`[bench] writing ${total.toLocaleString('en-US')} points over 7 days… `);
  const t0 = performance.now();
  for (let i = 0; i < total; i += 50_000) {
    const batch = [];
    for (let j = i; j < Math.min(total, i + 50_000); j++) {
      batch.push(writer.write({ deviceId, uid: 'bench', ts: Math.floor(start + j * step), values: [{ key: 't', value: 20 + Math.sin(j / 1000) * 5 }] }));
    }
    await Promise.all(batch);
  }
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // what core's background job does every 10 s, here all at once
  const t1 = performance.now();
  let rolled = 0;
  for (let n = rollups.run(); n > 0; n = rollups.run()) rolled += n;
  console.log(`[bench] per-minute rollups of ${rolled.toLocaleString('en-US')} points: ${((performance.now() - t1) / 1000).toFixed(1)} s (background, off the ingest path)`);

  const seriesId = db.$client.prepare("SELECT id FROM series WHERE key = 't'").pluck().get() as number;
  const raw = db.$client.prepare('SELECT ts, num FROM points WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts');
  // the peer: fetch every raw point of the range, bucket in JavaScript
  const peer = (from: number, to: number) => {
    const width = bucketWidth(from, to, MAX_POINTS);
    const buckets = new Map<number, { min: number; max: number; sum: number; count: number }>();
    for (const r of raw.iterate(seriesId, from, to) as Iterable<{ ts: number; num: number }>) {
      const b = Math.floor((r.ts - from) / width);
      const x = buckets.get(b);
      if (x) { x.min = Math.min(x.min, r.num); x.max = Math.max(x.max, r.num); x.sum += r.num; x.count++; }
      else buckets.set(b, { min: r.num, max: r.num, sum: r.num, count: 1 });
    }
    return buckets.size;
  };
  const median = (f: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const s = performance.now();
      f();
      times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };

  console.log(`\nmachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}); one series of ${total.toLocaleString('en-US')} points over 7 days; ` +
    `≤ ${MAX_POINTS} buckets per query; median of ${repeat} runs\n`);
  const rows: string[][] = [];
  for (const [label, span] of [['15 min', 15 * 60_000], ['1 h', 3600_000], ['24 h', 24 * 3600_000], ['7 d', WEEK]] as const) {
    const from = end - span;
    const inRange = db.$client.prepare('SELECT count(*) FROM points WHERE series_id = ? AND ts >= ? AND ts < ?').pluck().get(seriesId, from, end) as number;
    const ours = median(() => query.points(deviceId, 't', from, end, MAX_POINTS));
    const theirs = median(() => peer(from, end));
    rows.push([label, inRange.toLocaleString('en-US'), ours.toFixed(2), theirs.toFixed(2), `${(theirs / ours).toFixed(2)}x`]);
  }
  const header = ['range', 'raw points', 'Outpost ms', 'raw + JS bucketing ms', 'speed-up'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, widths.map((w) => '-'.repeat(w)), ...rows]) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  writer.close();
} finally {
  store.done();
}
