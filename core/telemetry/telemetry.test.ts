import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';
import { createTelemetryWriter } from './writer.js';
import { createTelemetryQuery } from './query.js';
import { bucketWidth } from './downsample.js';

function fixture() {
  const f = storeFixture();
  return { ...f, writer: createTelemetryWriter(f.db, f.bus), query: createTelemetryQuery(f.db) };
}

test('bucket width splits the range into at most maxBuckets', () => {
  assert.equal(bucketWidth(0, 1000, 10), 100);
  assert.equal(bucketWidth(0, 1001, 10), 101);
  assert.equal(bucketWidth(0, 5, 10), 1);
  assert.throws(() => bucketWidth(10, 10, 5), RangeError);
  assert.throws(() => bucketWidth(0, 10, 0), RangeError);
});

test('a large series comes back downsampled with exact min, max and average per bucket', async () => {
  const f = fixture();
  try {
    const t0 = Date.UTC(2025, 0, 1);
    const writes = [];
    for (let i = 0; i < 20_000; i++) {
      writes.push(f.writer.write({ deviceId: f.deviceId, uid: 'd', ts: t0 + i * 1000, values: [{ key: 'v', value: i % 100 }] }));
    }
    await Promise.all(writes);
    const r = f.query.points(f.deviceId, 'v', t0, t0 + 20_000_000, 1000)!;
    assert.equal(r.downsampled, true);
    assert.ok(r.buckets.length <= 1000 && r.buckets.length >= 990, `${r.buckets.length} buckets`);
    assert.equal(r.buckets.reduce((n, b) => n + b.count, 0), 20_000);
    // each bucket holds 20 consecutive seconds: values k..k+19 within one 0..99 cycle
    const first = r.buckets[0]!;
    assert.deepEqual([first.min, first.max, first.avg, first.count], [0, 19, 9.5, 20]);
    assert.ok(r.buckets.every((b, i) => i === 0 || b.ts > r.buckets[i - 1]!.ts), 'ordered by time');

    const small = f.query.points(f.deviceId, 'v', t0, t0 + 50_000, 1000)!;
    assert.equal(small.downsampled, false);
    assert.deepEqual(small.buckets.slice(0, 2).map((b) => [b.ts, b.avg]), [[t0, 0], [t0 + 1000, 1]]);
    assert.equal(f.query.points(f.deviceId, 'nope', t0, t0 + 1, 10), undefined);
  } finally {
    f.done();
  }
});

test('latest value follows device time, not arrival order; strings and booleans are kept', async () => {
  const f = fixture();
  try {
    const w = (ts: number, value: number | string | boolean, key = 'v') => f.writer.write({ deviceId: f.deviceId, uid: 'd', ts, values: [{ key, value }] });
    await w(2000, 2);
    await w(1000, 1); // late arrival of an older reading
    await w(5, 'hello', 's');
    await w(6, true, 'b');
    f.writer.flushLatest();
    const series = Object.fromEntries(f.query.series(f.deviceId).map((s) => [s.key, [s.lastTs, s.lastValue, s.type]]));
    assert.deepEqual(series, { v: [2000, 2, 'number'], s: [5, 'hello', 'string'], b: [6, true, 'boolean'] });
    assert.deepEqual(f.query.points(f.deviceId, 's', 0, 10, 100)!.values, [{ ts: 5, value: 'hello' }]);
    assert.equal(f.query.points(f.deviceId, 'b', 0, 10, 100)!.buckets[0]!.avg, 1);
  } finally {
    f.done();
  }
});

test('committed points are published live, grouped by device', async () => {
  const f = fixture();
  try {
    const seen: unknown[] = [];
    f.bus.subscribe((m) => seen.push(m));
    await Promise.all([1, 2].map((i) => f.writer.write({ deviceId: f.deviceId, uid: 'd', ts: i, values: [{ key: 'x', value: i }] })));
    assert.deepEqual(seen, [{ type: 'points', uid: 'd', points: [{ key: 'x', ts: 1, value: 1 }, { key: 'x', ts: 2, value: 2 }] }]);
  } finally {
    f.done();
  }
});

test('a message for a deleted device fails alone; the rest of the batch commits', async () => {
  const f = fixture();
  try {
    const ok = f.writer.write({ deviceId: f.deviceId, uid: 'd', ts: 1, values: [{ key: 'x', value: 1 }] });
    const gone = f.writer.write({ deviceId: 9999, uid: 'ghost', ts: 1, values: [{ key: 'x', value: 1 }] });
    await ok;
    await assert.rejects(gone, /FOREIGN KEY/);
    assert.equal(f.query.points(f.deviceId, 'x', 0, 10, 10)!.buckets.length, 1);
  } finally {
    f.done();
  }
});

test('latest values lost in a crash are taken from the points at the next start', async () => {
  const first = storeFixture();
  try {
    const { deviceId } = first;
    const writer = createTelemetryWriter(first.db, first.bus);
    await writer.write({ deviceId, uid: 'd', ts: 10, values: [{ key: 'n', value: 1.5 }, { key: 's', value: 'a' }, { key: 'b', value: false }] });
    await writer.write({ deviceId, uid: 'd', ts: 5, values: [{ key: 'n', value: 9 }] });
    first.close(); // no writer.close(): the latest values were never written

    const again = storeFixture(first.dir);
    createTelemetryWriter(again.db, again.bus).close();
    const series = Object.fromEntries(createTelemetryQuery(again.db).series(deviceId).map((s) => [s.key, [s.lastTs, s.lastValue]]));
    assert.deepEqual(series, { n: [10, 1.5], s: [10, 'a'], b: [10, false] });
    again.close();
  } finally {
    first.done();
  }
});

test('export pages through a range in time order without holding the database', async () => {
  const f = fixture();
  try {
    const t0 = Date.UTC(2025, 0, 1);
    // equal timestamps across a page boundary must neither repeat nor vanish
    await Promise.all(Array.from({ length: 25_000 }, (_, i) =>
      f.writer.write({ deviceId: f.deviceId, uid: 'd', ts: t0 + Math.floor(i / 3), values: [{ key: 'v', value: i }] })));
    const cursor = f.query.export(f.deviceId, 'v', t0, t0 + 8000)!;
    const seen: number[] = [];
    for (let page = cursor.next(); page.length > 0; page = cursor.next()) {
      // the connection is free between pages: another statement runs fine
      await f.writer.write({ deviceId: f.deviceId, uid: 'd', ts: t0 - 1, values: [{ key: 'other', value: 1 }] });
      for (const p of page) seen.push(p.value as number);
    }
    assert.equal(seen.length, 24_000);
    assert.deepEqual(seen, Array.from({ length: 24_000 }, (_, i) => i));
    assert.equal(f.query.export(f.deviceId, 'missing', 0, 1), undefined);
  } finally {
    f.done();
  }
});
