import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import mqtt from 'mqtt';
import { startTestOutpost, ApiClient, waitFor, openLiveStream } from '../testing/harness.js';

let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let admin: ApiClient;

before(async () => {
  outpost = await startTestOutpost();
  admin = new ApiClient(outpost.url);
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

test('first start needs setup; setup creates the owner and logs in once only', async () => {
  assert.deepEqual((await admin.get('/api/setup')).body, { needsSetup: true });
  assert.equal((await admin.get('/api/me')).status, 401);
  const weak = await admin.post('/api/setup', { username: 'owner', password: 'short' });
  assert.equal(weak.status, 400);
  assert.match(weak.body.error, /password: at least 8 characters/);
  const setup = await admin.post('/api/setup', { username: 'owner', password: 'correct horse' });
  assert.equal(setup.status, 200);
  assert.equal(setup.body.role, 'admin');
  assert.match(setup.headers.get('set-cookie') ?? '', /HttpOnly/i);
  assert.match(setup.headers.get('set-cookie') ?? '', /SameSite=Strict/i);
  assert.equal((await admin.get('/api/me')).body.username, 'owner');
  assert.deepEqual((await admin.get('/api/setup')).body, { needsSetup: false });
  const again = await new ApiClient(outpost.url).post('/api/setup', { username: 'intruder', password: 'correct horse' });
  assert.equal(again.status, 409);
});

test('concurrent setup requests create exactly one owner', async () => {
  const other = await startTestOutpost();
  try {
    const results = await Promise.all(['first', 'second', 'third'].map((username) =>
      new ApiClient(other.url).post('/api/setup', { username, password: 'correct horse' })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409]);
  } finally {
    await other.close();
    other.removeData();
  }
});

test('login, logout and failed logins in the audit log', async () => {
  const c = new ApiClient(outpost.url);
  const bad = await c.post('/api/login', { username: 'owner', password: 'wrong password' });
  assert.equal(bad.status, 401);
  assert.equal((await c.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
  assert.equal((await c.get('/api/me')).status, 200);
  await c.post('/api/logout');
  assert.equal((await c.get('/api/me')).status, 401);
  const audit = (await admin.get('/api/audit')).body as Array<{ action: string; detail: { reason?: string }; source: string | null }>;
  assert.ok(audit.some((e) => e.action === 'login-failed' && e.detail.reason === 'wrong password'));
  // every entry says where the request came from
  assert.deepEqual([...new Set(audit.map((e) => e.source))], ['127.0.0.1']);
  assert.ok(audit.some((e) => e.action === 'setup'));
});

test('roles: viewer reads, operator adds devices, only admin manages users', async () => {
  for (const [username, role] of [['vic', 'viewer'], ['oli', 'operator']]) {
    const r = await admin.post('/api/users', { username, password: 'password-123', role });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const viewer = new ApiClient(outpost.url);
  await viewer.post('/api/login', { username: 'vic', password: 'password-123' });
  const operator = new ApiClient(outpost.url);
  await operator.post('/api/login', { username: 'oli', password: 'password-123' });

  assert.equal((await viewer.get('/api/devices')).status, 200);
  assert.equal((await viewer.post('/api/devices', { uid: 'v1', name: 'x' })).status, 403);
  assert.equal((await viewer.get('/api/users')).status, 403);
  assert.equal((await viewer.get('/api/audit')).status, 403);
  assert.equal((await viewer.call('PUT', '/api/settings', { anonymousMqtt: true })).status, 403);
  assert.equal((await operator.post('/api/devices', { uid: 'op-dev', name: 'x' })).status, 200);
  assert.equal((await operator.post('/api/users', { username: 'x', password: 'password-123', role: 'admin' })).status, 403);
  assert.equal((await operator.call('DELETE', '/api/devices/op-dev')).status, 403);
});

test('admin disables a user, resets a password, changes a role; the last admin stays', async () => {
  const users = (await admin.get('/api/users')).body as Array<{ id: number; username: string }>;
  const vic = users.find((u) => u.username === 'vic')!;
  const owner = users.find((u) => u.username === 'owner')!;
  const session = new ApiClient(outpost.url);
  await session.post('/api/login', { username: 'vic', password: 'password-123' });
  assert.equal((await admin.call('PATCH', `/api/users/${vic.id}`, { disabled: true })).status, 200);
  assert.equal((await session.get('/api/me')).status, 401, 'sessions end when disabled');
  assert.equal((await new ApiClient(outpost.url).post('/api/login', { username: 'vic', password: 'password-123' })).status, 401);
  await admin.call('PATCH', `/api/users/${vic.id}`, { disabled: false, password: 'new-password-1', role: 'operator' });
  const back = new ApiClient(outpost.url);
  const login = await back.post('/api/login', { username: 'vic', password: 'new-password-1' });
  assert.equal(login.body.role, 'operator');
  const demote = await admin.call('PATCH', `/api/users/${owner.id}`, { role: 'viewer' });
  assert.equal(demote.status, 409);
  assert.match(demote.body.error, /last enabled admin/);
  assert.equal((await admin.call('PATCH', `/api/users/${vic.id}`, {})).status, 400);
  const audit = (await admin.get('/api/audit')).body as Array<{ action: string; detail: { password?: string } }>;
  assert.ok(audit.some((e) => e.action === 'user-updated' && e.detail.password === '(reset)'));
});

test('adding a device returns its token once; only a hash is stored', async () => {
  const created = await admin.post('/api/devices', { uid: 'pump-7', name: 'Pump 7', tags: ['basement', 'pumps'] });
  assert.equal(created.status, 200);
  const { token, mosquittoPub, port } = created.body.credentials;
  assert.ok(token.length >= 24);
  assert.equal(port, outpost.mqttPort);
  assert.ok(mosquittoPub.includes(token) && mosquittoPub.includes('outpost/v1/pump-7/telemetry'));
  assert.ok(!JSON.stringify((await admin.get('/api/devices/pump-7')).body).includes(token));
  assert.equal((await admin.post('/api/devices', { uid: 'pump-7', name: 'dup' })).status, 409);
  assert.equal((await admin.get('/api/devices?q=basement')).body.length, 1);
  assert.equal((await admin.get('/api/devices?q=nothing-like-this')).body.length, 0);
  const audit = (await admin.get('/api/audit')).body as Array<{ action: string; target: string }>;
  assert.ok(audit.some((e) => e.action === 'device-created' && e.target === 'device:pump-7'));
});

test('bad API input gets a clear 4xx, never a crash', async () => {
  const notJson = await admin.call('POST', '/api/devices', '{"uid":', { 'content-type': 'application/json' });
  assert.equal(notJson.status, 400);
  assert.match(notJson.body.error, /not valid JSON/);
  const badUid = await admin.post('/api/devices', { uid: 'has space', name: 'x' });
  assert.equal(badUid.status, 400);
  assert.match(badUid.body.error, /uid/);
  assert.equal((await admin.post('/api/devices', { uid: 'x'.repeat(100000), name: 'x' })).status, 413);
  assert.equal((await admin.get('/api/devices/nope')).status, 404);
  const range = await admin.get('/api/devices/pump-7/series/t/points?from=10&to=5');
  assert.equal(range.status, 400);
  assert.match(range.body.error, /from must be before to/);
  assert.equal((await admin.get('/api/nothing-here')).status, 404);
  assert.equal((await admin.get('/api/health')).status, 200);
});

test('a foreign Host or Origin is refused', async () => {
  // fetch() will not send a foreign Host header; node:http will, as a rebinding browser does
  const rebinding = await new Promise<number>((resolve, reject) => {
    request(`${outpost.url}/api/devices`, { headers: { host: 'evil.example', cookie: admin.cookie } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });
  assert.equal(rebinding, 403);
  const csrf = await admin.call('POST', '/api/devices', { uid: 'csrf', name: 'x' }, { origin: 'http://evil.example' });
  assert.equal(csrf.status, 403);
  assert.equal((await admin.get('/api/devices/csrf')).status, 404);
  const page = await admin.get('/');
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('OpenAPI document lists the routes', async () => {
  const doc = (await admin.get('/api/openapi.json')).body;
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/devices'].post.requestBody);
  assert.ok(doc.paths['/api/devices/{uid}/series/{key}/points'].get.parameters.some((p: { name: string }) => p.name === 'maxPoints'));
});

test('the live stream delivers device changes to a logged-in client only', async () => {
  assert.equal((await new ApiClient(outpost.url).get('/api/stream')).status, 401);
  const stream = await openLiveStream(outpost.url, admin.cookie);
  assert.equal(stream.response.headers.get('content-type'), 'text/event-stream');
  const text = stream.text;
  await waitFor(() => text().includes('event: hello'), 'hello');
  await admin.post('/api/devices', { uid: 'live-1', name: 'Live' });
  await waitFor(() => text().includes('event: device') && text().includes('"uid":"live-1"'), 'device event');

  // a burst of points reaches the stream coalesced to the newest value per series
  const { token } = outpost.provisionDevice('live-2', 'Live 2');
  const device = await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, username: 'live-2', password: token, clientId: 'live-2', reconnectPeriod: 0 });
  for (let i = 1; i <= 50; i++) await device.publishAsync('outpost/v1/live-2/telemetry', JSON.stringify({ ts: 1_700_000_000_000 + i, n: i }), { qos: 1 });
  await device.endAsync();
  await waitFor(() => text().includes('"value":50'), 'points event');
  const pointEvents = text().split('\n').filter((l) => l.startsWith('data:') && l.includes('"type":"points"'));
  assert.ok(pointEvents.length < 50, `${pointEvents.length} points events for 50 messages`);
  assert.ok(pointEvents.every((l) => (JSON.parse(l.slice(5)) as { points: unknown[] }).points.length === 1));
  await stream.close();
});

test('operators set the unit of a series; viewers cannot', async () => {
  const { token } = outpost.provisionDevice('unit-dev', 'Unit device');
  const device = await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, username: 'unit-dev', password: token, clientId: 'unit-dev', reconnectPeriod: 0 });
  await device.publishAsync('outpost/v1/unit-dev/telemetry', '{"temperature":20}', { qos: 1 });
  await device.endAsync();
  const set = await admin.call('PATCH', '/api/devices/unit-dev/series/temperature', { unit: '°C' });
  assert.equal(set.status, 200);
  assert.equal(set.body.unit, '°C');
  assert.equal((await admin.get('/api/devices/unit-dev/series')).body[0].unit, '°C');
  assert.equal((await admin.call('PATCH', '/api/devices/unit-dev/series/nope', { unit: 'x' })).status, 404);
  assert.equal((await admin.call('PATCH', '/api/devices/unit-dev/series/temperature', { unit: 'x'.repeat(40) })).status, 400);
  const viewer = new ApiClient(outpost.url);
  await admin.post('/api/users', { username: 'unit-viewer', password: 'password-123', role: 'viewer' });
  await viewer.post('/api/login', { username: 'unit-viewer', password: 'password-123' });
  assert.equal((await viewer.call('PATCH', '/api/devices/unit-dev/series/temperature', { unit: null })).status, 403);
  assert.equal((await admin.call('PATCH', '/api/devices/unit-dev/series/temperature', { unit: null })).body.unit, null);
});

test('operators rename a device and change its tags; the change is audited', async () => {
  await admin.post('/api/devices', { uid: 'renamed', name: 'Old name', tags: ['a'] });
  const r = await admin.call('PATCH', '/api/devices/renamed', { name: 'New name', tags: ['b', 'c', 'b'] });
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.name, r.body.tags], ['New name', ['b', 'c']]);
  assert.equal((await admin.call('PATCH', '/api/devices/renamed', {})).status, 400);
  assert.equal((await admin.call('PATCH', '/api/devices/renamed', { name: '' })).status, 400);
  assert.equal((await admin.call('PATCH', '/api/devices/nope', { name: 'x' })).status, 404);
  const audit = (await admin.get('/api/audit')).body as Array<{ action: string; target: string }>;
  assert.ok(audit.some((e) => e.action === 'device-updated' && e.target === 'device:renamed'));
});

test('a series exports as CSV: every point of the range, quoted where needed', async () => {
  const { token } = outpost.provisionDevice('csv-dev', 'CSV');
  const device = await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, username: 'csv-dev', password: token, clientId: 'csv-dev', reconnectPeriod: 0 });
  await device.publishAsync('outpost/v1/csv-dev/telemetry', JSON.stringify({ ts: 1_700_000_000_000, t: 1.5, note: 'a "quoted", text' }), { qos: 1 });
  await device.publishAsync('outpost/v1/csv-dev/telemetry', JSON.stringify({ ts: 1_700_000_001_000, t: 2 }), { qos: 1 });
  await device.endAsync();
  const t = await admin.get('/api/devices/csv-dev/series/t/export.csv?from=0&to=4102444800000');
  assert.equal(t.status, 200);
  assert.match(t.headers.get('content-type') ?? '', /text\/csv/);
  assert.equal(t.body, 'time,ts_ms,value\n2023-11-14T22:13:20.000Z,1700000000000,1.5\n2023-11-14T22:13:21.000Z,1700000001000,2\n');
  const note = await admin.get('/api/devices/csv-dev/series/note/export.csv?from=0&to=4102444800000');
  assert.equal(note.body, 'time,ts_ms,value\n2023-11-14T22:13:20.000Z,1700000000000,"a ""quoted"", text"\n');
  assert.equal((await admin.get('/api/devices/csv-dev/series/t/export.csv?from=1700000000500&to=4102444800000')).body.split('\n').length, 3);
  assert.equal((await admin.get('/api/devices/csv-dev/series/nope/export.csv?from=0&to=1')).status, 404);
  assert.equal((await admin.get('/api/devices/csv-dev/series/t/export.csv?from=5&to=1')).status, 400);
  assert.equal((await new ApiClient(outpost.url).get('/api/devices/csv-dev/series/t/export.csv?from=0&to=1')).status, 401);
});
