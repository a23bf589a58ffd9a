// POST /api/devices/bulk against a real core: validation, roles, all-or-nothing, unknown uids,
// the audit entry, live messages, and deletes that end the devices' MQTT connections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, ApiClient, connectDevice, waitFor, openLiveStream, type LiveStream } from '../testing/harness.js';

let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let admin: ApiClient;
let operator: ApiClient;
let viewer: ApiClient;
const tokens = new Map<string, string>();

const bulk = (client: ApiClient, body: unknown) => client.post('/api/devices/bulk', body);
const tagsOf = async (uid: string) => ((await admin.get(`/api/devices/${uid}`)).body as { tags: string[] }).tags;
const liveData = (live: LiveStream) => live.text().split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)));

before(async () => {
  outpost = await startTestOutpost();
  admin = new ApiClient(outpost.url);
  assert.equal((await admin.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
  for (const [username, role] of [['vic', 'viewer'], ['oli', 'operator']] as const) {
    assert.equal((await admin.post('/api/users', { username, password: 'password-123', role })).status, 200);
  }
  viewer = new ApiClient(outpost.url);
  await viewer.post('/api/login', { username: 'vic', password: 'password-123' });
  operator = new ApiClient(outpost.url);
  await operator.post('/api/login', { username: 'oli', password: 'password-123' });
  for (let i = 1; i <= 6; i++) {
    const r = await admin.post('/api/devices', { uid: `b-${i}`, name: `Bulk ${i}`, tags: ['start'] });
    assert.equal(r.status, 200);
    tokens.set(`b-${i}`, r.body.credentials.token);
  }
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

test('bad bulk requests get a clear 400 and change nothing', async () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ action: 'tag', uids: [], tag: 'x' }, /choose at least one device/],
    [{ action: 'tag', uids: Array.from({ length: 1001 }, (_, i) => `d${i}`), tag: 'x' }, /at most 1000 devices/],
    [{ action: 'tag', uids: ['b-1'] }, /tag/],
    [{ action: 'tag', uids: ['b-1'], tag: '   ' }, /tag cannot be empty/],
    [{ action: 'tag', uids: ['b-1'], tag: 'x'.repeat(65) }, /tag/],
    [{ action: 'rename', uids: ['b-1'] }, /action/],
    [{ action: 'delete', uids: ['has space'] }, /uids\.0/],
    [{ action: 'delete', uids: 'b-1' }, /uids/],
  ];
  for (const [body, message] of cases) {
    const r = await bulk(admin, body);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
    assert.match(r.body.error, message);
  }
  assert.deepEqual(await tagsOf('b-1'), ['start']);
  // the upper bound itself is accepted
  const most = await bulk(admin, { action: 'tag', uids: Array.from({ length: 1000 }, (_, i) => `ghost-device-${i}`), tag: 'x' });
  assert.equal(most.status, 200, JSON.stringify(most.body).slice(0, 200));
  assert.equal(most.body.unknown.length, 1000);
});

test('roles: viewers cannot bulk-change, operators tag but cannot delete, admins delete', async () => {
  assert.equal((await bulk(viewer, { action: 'tag', uids: ['b-1'], tag: 'v' })).status, 403);
  const denied = await bulk(operator, { action: 'delete', uids: ['b-6'] });
  assert.equal(denied.status, 403);
  assert.match(denied.body.error, /admin role/);
  assert.equal((await admin.get('/api/devices/b-6')).status, 200);
  const untag = await bulk(operator, { action: 'untag', uids: ['b-6'], tag: 'start' });
  assert.equal(untag.status, 200);
  assert.deepEqual(untag.body.changed, ['b-6']);
});

test('tag and untag: unknown uids reported, the rest applied, one audit entry, live device messages', async () => {
  const live = await openLiveStream(outpost.url, operator.cookie);
  try {
    const r = await bulk(operator, { action: 'tag', uids: ['b-1', 'b-2', 'ghost', 'b-2'], tag: 'lab' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { action: 'tag', changed: ['b-1', 'b-2'], unchanged: [], unknown: ['ghost'] });
    assert.deepEqual(await tagsOf('b-1'), ['start', 'lab']);
    assert.deepEqual(await tagsOf('b-3'), ['start']);
    await waitFor(() => liveData(live).filter((m) => m.type === 'device' && m.device.tags.includes('lab')).length === 2, 'two live device messages');

    const again = await bulk(operator, { action: 'tag', uids: ['b-1', 'b-3'], tag: 'lab' });
    assert.deepEqual(again.body, { action: 'tag', changed: ['b-3'], unchanged: ['b-1'], unknown: [] });

    const untag = await bulk(operator, { action: 'untag', uids: ['b-1', 'b-2', 'b-4'], tag: 'lab' });
    assert.deepEqual(untag.body, { action: 'untag', changed: ['b-1', 'b-2'], unchanged: ['b-4'], unknown: [] });
    assert.deepEqual(await tagsOf('b-2'), ['start']);

    const audit = (await admin.get('/api/audit?action=devices-tagged')).body as Array<{ actor: string; target: string; detail: { tag: string; uids: string[] } }>;
    assert.equal(audit.length, 2);
    assert.deepEqual(audit[1], { ...audit[1]!, actor: 'oli', target: 'devices:2', detail: { tag: 'lab', uids: ['b-1', 'b-2'] } });
    const untagged = (await admin.get('/api/audit?action=devices-untagged')).body as Array<{ detail: { uids: string[] } }>;
    assert.deepEqual(untagged.map((e) => e.detail.uids), [['b-1', 'b-2'], ['b-6']]);
  } finally {
    await live.close();
  }
});

test('all or nothing: one device that cannot take the tag leaves every device unchanged', async () => {
  const full = Array.from({ length: 32 }, (_, i) => `t${i}`);
  assert.equal((await admin.call('PATCH', '/api/devices/b-5', { tags: full })).status, 200);
  const auditBefore = (await admin.get('/api/audit')).body.length;
  const r = await bulk(operator, { action: 'tag', uids: ['b-3', 'b-4', 'b-5'], tag: 'extra' });
  assert.equal(r.status, 400);
  assert.match(r.body.error, /b-5 already has 32 tags; nothing was changed/);
  for (const uid of ['b-3', 'b-4']) assert.ok(!(await tagsOf(uid)).includes('extra'), uid);
  assert.equal((await admin.get('/api/audit')).body.length, auditBefore);
});

test('bulk delete removes the devices and their data, ends their MQTT connections, and is audited', async () => {
  const uid = 'b-4';
  const device = await connectDevice(outpost.mqttPort, uid, tokens.get(uid)!);
  let closed = false;
  device.on('close', () => { closed = true; });
  await device.publishAsync(`outpost/v1/${uid}/telemetry`, '{"t":1}', { qos: 1 });
  await waitFor(async () => (await admin.get(`/api/devices/${uid}`)).body.status === 'online', 'device online');
  const live = await openLiveStream(outpost.url, admin.cookie);
  try {
    const r = await bulk(admin, { action: 'delete', uids: [uid, 'b-6', 'gone'] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { action: 'delete', changed: [uid, 'b-6'], unchanged: [], unknown: ['gone'] });
    await waitFor(() => closed, 'the deleted device disconnected');
    assert.equal((await admin.get(`/api/devices/${uid}`)).status, 404);
    assert.equal((await admin.get('/api/devices/b-6')).status, 404);
    assert.equal((await admin.get('/api/devices/b-1')).status, 200);
    await waitFor(() => liveData(live).filter((m) => m.type === 'device-deleted').length === 2, 'device-deleted messages');
    // the token died with the device
    await assert.rejects(connectDevice(outpost.mqttPort, uid, tokens.get(uid)!));
    const audit = (await admin.get('/api/audit?action=devices-deleted')).body as Array<{ actor: string; detail: { uids: string[] } }>;
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, 'owner');
    assert.deepEqual(audit[0]!.detail.uids, [uid, 'b-6']);
    // a uid freed by a delete can be registered again from scratch
    const again = await admin.post('/api/devices', { uid, name: 'again' });
    assert.equal(again.status, 200);
    assert.equal(again.body.device.status, 'never');
  } finally {
    await live.close();
    await device.endAsync().catch(() => undefined);
  }
});
