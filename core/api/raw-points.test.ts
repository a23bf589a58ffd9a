import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, ApiClient, adminWithDevice, connectDevice, waitFor } from '../testing/harness.js';

let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let admin: ApiClient;
const t0 = 1_700_000_000_000;

before(async () => {
  outpost = await startTestOutpost();
  const made = await adminWithDevice(outpost, 'raw-dev');
  admin = made.api;
  const device = await connectDevice(outpost.mqttPort, 'raw-dev', made.token);
  for (let i = 0; i < 7; i++) {
    await device.publishAsync('outpost/v1/raw-dev/telemetry', JSON.stringify({ ts: t0 + i * 1000, t: i, on: i % 2 === 0 }), { qos: 1 });
  }
  // two points at the same device time: paging must neither skip nor repeat one of them
  await device.publishAsync('outpost/v1/raw-dev/telemetry', JSON.stringify({ ts: t0 + 3000, t: 30 }), { qos: 1 });
  await device.endAsync();
  await waitFor(async () => (await admin.get('/api/devices/raw-dev/series/t/raw?limit=500')).body.points?.length === 8, 'points stored');
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

test('raw points page newest first until the cursor runs out, none skipped or repeated', async () => {
  const seen: Array<{ ts: number; value: number }> = [];
  let query = 'limit=3';
  for (let pages = 0; pages < 10; pages++) {
    const r = await admin.get(`/api/devices/raw-dev/series/t/raw?${query}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.points.length <= 3);
    seen.push(...r.body.points.map((p: { ts: number; value: number }) => ({ ts: p.ts, value: p.value })));
    if (!r.body.next) break;
    query = `limit=3&before=${r.body.next.before}&beforeId=${r.body.next.beforeId}`;
  }
  assert.deepEqual(seen.map((p) => p.ts - t0), [6000, 5000, 4000, 3000, 3000, 2000, 1000, 0]);
  assert.deepEqual(seen.map((p) => p.value).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 30]);
  const older = await admin.get(`/api/devices/raw-dev/series/t/raw?before=${t0 + 2000}`);
  assert.deepEqual(older.body, { points: older.body.points, next: null });
  assert.deepEqual(older.body.points.map((p: { ts: number }) => p.ts - t0), [1000, 0]);
});

test('boolean raw points come back as booleans', async () => {
  const r = await admin.get('/api/devices/raw-dev/series/on/raw?limit=2');
  assert.deepEqual(r.body.points.map((p: { value: boolean }) => p.value), [true, false]);
});

test('bad raw-points queries get a 4xx with the reason', async () => {
  const bad = async (q: string) => {
    const r = await admin.get(`/api/devices/raw-dev/series/t/raw?${q}`);
    assert.equal(r.status, 400, q);
    return String(r.body.error);
  };
  assert.match(await bad('limit=0'), /limit/);
  assert.match(await bad('limit=501'), /limit/);
  assert.match(await bad('limit=abc'), /limit/);
  assert.match(await bad('before=yesterday'), /before/);
  assert.match(await bad('beforeId=3'), /beforeId needs before/);
  assert.equal((await admin.get('/api/devices/raw-dev/series/nope/raw')).status, 404);
  assert.equal((await admin.get('/api/devices/nobody/series/t/raw')).status, 404);
  assert.equal((await new ApiClient(outpost.url).get('/api/devices/raw-dev/series/t/raw')).status, 401);
});
