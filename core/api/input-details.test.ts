// Refused input comes back with the zod issues as `details`, so the UI can word each field;
// Settings says which ports came from command-line flags.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOutpost } from '../app.js';
import { startTestOutpost, ApiClient } from '../testing/harness.js';

let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let admin: ApiClient;

before(async () => {
  outpost = await startTestOutpost();
  admin = new ApiClient(outpost.url);
  assert.equal((await admin.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

interface Issue { path: (string | number)[]; code: string; maximum?: number; minimum?: number }

test('a too long tag and a blank name come back as issues with their paths and limits', async () => {
  const res = await admin.post<{ error: string; details: Issue[] }>('/api/devices',
    { uid: 'ok-1', name: '   ', tags: ['a', 'b', 'c', 'd', 'x'.repeat(70)] });
  assert.equal(res.status, 400);
  assert.match(res.body.error, /^invalid body: /);
  const byPath = new Map(res.body.details.map((i) => [i.path.join('.'), i]));
  assert.equal(byPath.get('name')?.code, 'too_small');
  assert.equal(byPath.get('name')?.minimum, 1);
  assert.equal(byPath.get('tags.4')?.code, 'too_big');
  assert.equal(byPath.get('tags.4')?.maximum, 64);
  assert.equal(res.body.details.length, 2);
});

test('a bad query comes back with issues too; other errors have no details', async () => {
  const bad = await admin.get<{ details: Issue[] }>('/api/audit?limit=abc');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.details.map((i) => i.path), [['limit']]);
  const missing = await admin.get<{ error: string; details?: unknown }>('/api/devices/nobody');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.details, undefined);
});

test('Settings tells which running ports were set by command-line flags', async () => {
  const flagged = await admin.get<{ running: { httpPortFromFlag: boolean; mqttPortFromFlag: boolean } }>('/api/settings');
  assert.deepEqual([flagged.body.running.httpPortFromFlag, flagged.body.running.mqttPortFromFlag], [true, true]);

  // the same data directory started with only --http-port: the MQTT port comes from Settings
  assert.equal((await admin.call('PUT', '/api/settings', { mqttPort: 0 })).status, 200);
  await outpost.close();
  const again = await startOutpost({ dataDir: outpost.dataDir, httpPort: 0, quiet: true });
  try {
    const api = new ApiClient(again.url);
    assert.equal((await api.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
    const r = await api.get<{ running: { httpPortFromFlag: boolean; mqttPortFromFlag: boolean } }>('/api/settings');
    assert.deepEqual([r.body.running.httpPortFromFlag, r.body.running.mqttPortFromFlag], [true, false]);
  } finally {
    await again.close();
  }
  outpost = await startTestOutpost(outpost.dataDir);
});
