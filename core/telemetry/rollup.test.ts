import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../db/open.js';
import { storeFixture } from '../testing/store-fixture.js';
import { createTelemetryWriter } from './writer.js';
import { createTelemetryQuery } from './query.js';
import { createRollupJob, MINUTE } from './rollup.js';

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2025, 5, 1);

function fixture(dir?: string) {
  const f = storeFixture(dir);
  const writer = createTelemetryWriter(f.db, f.bus);
  const rollups = createRollupJob(f.db);
  const write = (points: Array<[number, number]>) =>
    Promise.all(points.map(([ts, value]) => writer.write({ deviceId: f.deviceId, uid: 'd', ts, values: [{ key: 'v', value }] })));
  return { ...f, rollups, write, withRollups: createTelemetryQuery(f.db, rollups.horizon), rawOnly: createTelemetryQuery(f.db) };
}
const rollupRows = (db: Db) => db.$client.prepare('SELECT count(*) FROM point_rollups').pluck().get() as number;

// deterministic pseudo-random values and times, unaligned to minutes
function series(n: number, span: number): Array<[number, number]> {
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => [T0 + Math.floor(next() * span), Math.round(next() * 1000) / 10] as [number, number]);
}

test('a long range read from rollups equals the same range read from raw points', async () => {
  const f = fixture();
  try {
    await f.write(series(30_000, 3 * DAY));
    assert.equal(f.rollups.run(T0 + 10 * DAY), 30_000);
    const [from, to] = [T0 + 12_345, T0 + 3 * DAY - 54_321]; // not on minute boundaries
    const a = f.withRollups.points(f.deviceId, 'v', from, to, 1000)!;
    const b = f.rawOnly.points(f.deviceId, 'v', from, to, 1000)!;
    assert.ok(rollupRows(f.db) > 1000, 'rollups were written');
    assert.equal(a.buckets.length, b.buckets.length);
    assert.ok(a.buckets.length <= 1000);
    a.buckets.forEach((x, i) => {
      const y = b.buckets[i]!;
      assert.deepEqual([x.ts, x.count, x.min, x.max], [y.ts, y.count, y.min, y.max], `bucket ${i}`);
      assert.ok(Math.abs(x.avg - y.avg) < 1e-9, `avg of bucket ${i}`);
    });
    assert.equal(a.buckets.reduce((n, x) => n + x.count, 0), b.buckets.reduce((n, x) => n + x.count, 0));
  } finally {
    f.done();
  }
});

test('points after the horizon are read raw at once; late points count after the next run, once', async () => {
  const f = fixture();
  try {
    await f.write([[T0, 1], [T0 + DAY, 2]]);
    f.rollups.run(T0 + 2 * DAY);
    const total = () => f.withRollups.points(f.deviceId, 'v', T0 - DAY, T0 + 4 * DAY, 1000)!
      .buckets.reduce((n, b) => n + b.count, 0);
    // force the rollup path: more points than buckets
    await f.write(Array.from({ length: 1200 }, (_, i) => [T0 + 2 * DAY + i * MINUTE, i] as [number, number]));
    assert.equal(total(), 1202, 'new points past the horizon are read raw');
    await f.write([[T0 + 5 * MINUTE, 99]]); // a late arrival, before the horizon
    assert.equal(total(), 1202, 'not yet rolled up');
    f.rollups.run(T0 + 3 * DAY);
    assert.equal(total(), 1203);
    f.rollups.run(T0 + 3 * DAY);
    assert.equal(total(), 1203, 'a second run adds nothing');
  } finally {
    f.done();
  }
});

test('progress survives a restart; deleting a device deletes its rollups', async () => {
  const f = fixture();
  try {
    await f.write(series(2000, DAY));
    f.rollups.run(T0 + 2 * DAY);
    const rows = rollupRows(f.db);
    f.close();
    const again = fixture(f.dir);
    assert.equal(again.rollups.run(T0 + 3 * DAY), 0, 'nothing rolled up twice');
    assert.equal(rollupRows(again.db), rows);
    again.devices.remove('d');
    assert.equal(rollupRows(again.db), 0);
    again.close();
  } finally {
    f.done();
  }
});
