import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';
import { createTelemetryWriter } from './writer.js';
import { createTelemetryQuery } from './query.js';
import { mergeShortRuns } from './segments.js';

function fixture() {
  const f = storeFixture();
  const writer = createTelemetryWriter(f.db, f.bus);
  const write = (key: string, pts: Array<[number, number | string | boolean]>) =>
    Promise.all(pts.map(([ts, value]) => writer.write({ deviceId: f.deviceId, uid: 'd', ts, values: [{ key, value }] })));
  return { ...f, write, query: createTelemetryQuery(f.db) };
}

test('a boolean series comes back as runs of one value, with its buckets kept', async () => {
  const f = fixture();
  try {
    await f.write('door', [[1000, false], [2000, false], [3000, true], [4000, true], [5000, true], [6000, false]]);
    const r = f.query.points(f.deviceId, 'door', 0, 10_000, 100)!;
    assert.deepEqual(r.segments, [
      { from: 1000, to: 3000, value: false, count: 2 },
      { from: 3000, to: 6000, value: true, count: 3 },
      { from: 6000, to: 6000, value: false, count: 1 },
    ]);
    assert.equal(r.buckets.length, 6, 'buckets stay for other readers');
  } finally {
    f.done();
  }
});

test('a range opens in the state of the last point before it', async () => {
  const f = fixture();
  try {
    await f.write('mode', [[1000, 'auto'], [5000, 'manual'], [8000, 'auto']]);
    assert.deepEqual(f.query.points(f.deviceId, 'mode', 2000, 10_000, 100)!.segments, [
      { from: 2000, to: 5000, value: 'auto', count: 0 },
      { from: 5000, to: 8000, value: 'manual', count: 1 },
      { from: 8000, to: 8000, value: 'auto', count: 1 },
    ]);
    // the same value before and at the start: one run from the range start
    await f.write('mode', [[9000, 'auto']]);
    assert.deepEqual(f.query.points(f.deviceId, 'mode', 8500, 10_000, 100)!.segments, [
      { from: 8500, to: 9000, value: 'auto', count: 1 },
    ]);
    // nothing in the range, a state before it: that state over the range start
    assert.deepEqual(f.query.points(f.deviceId, 'mode', 20_000, 30_000, 100)!.segments, [
      { from: 20_000, to: 20_000, value: 'auto', count: 0 },
    ]);
    assert.deepEqual(f.query.points(f.deviceId, 'mode', 0, 500, 100)!.segments, []);
    assert.equal(f.query.points(f.deviceId, 'nope', 0, 500, 100), undefined);
  } finally {
    f.done();
  }
});

test('100k changes reach the caller as about maxPoints runs, every point counted', async () => {
  const f = fixture();
  try {
    const pts: Array<[number, boolean]> = [];
    for (let i = 0; i < 100_000; i++) pts.push([i * 10, i % 2 === 0]);
    await f.write('flap', pts);
    const started = performance.now();
    const r = f.query.points(f.deviceId, 'flap', 0, 1_000_000, 500)!;
    const ms = performance.now() - started;
    const segs = r.segments!;
    assert.ok(segs.length <= 1001, `${segs.length} runs`);
    assert.equal(segs.reduce((n, s) => n + s.count, 0), 100_000);
    assert.ok(segs.some((s) => s.value === null), 'fast flapping reads as several values');
    // a guard against a query that grows with the square of the points (minutes here), not a speed
    // target: tests are not timed (2 s failed on a busy 2-core machine at 2.9 s; about 0.5 s when idle)
    assert.ok(ms < 20_000, `took ${ms} ms`);
  } finally {
    f.done();
  }
});

test('short runs fold into one; a fold of one value keeps it', () => {
  const run = (from: number, to: number, value: string) => ({ from, to, value, count: 1 });
  assert.deepEqual(mergeShortRuns([run(0, 100, 'a'), run(100, 101, 'b'), run(101, 102, 'c'), run(102, 300, 'a')], 10), [
    run(0, 100, 'a'), { from: 100, to: 102, value: null, count: 2 }, run(102, 300, 'a'),
  ]);
  assert.deepEqual(mergeShortRuns([run(0, 1, 'a'), run(1, 2, 'a')], 10), [{ from: 0, to: 2, value: 'a', count: 2 }]);
});
