// GET /api/devices/:uid/events?groups=&before= against a real core: events written by the broker
// (a device's own messages, status changes, refusals) picked by group, paged, and bad input refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, adminWithDevice, connectDevice, waitFor, type ApiClient } from '../testing/harness.js';
import { eventGroup } from '../contract/event-kinds.js';

const uid = 'ev-1';
let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let api: ApiClient;
type Ev = { id: number; kind: string; message: string };
const events = async (query = '') => {
  const r = await api.get(`/api/devices/${uid}/events${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as Ev[];
};

before(async () => {
  outpost = await startTestOutpost();
  const d = await adminWithDevice(outpost, uid);
  api = d.api;
  const connect = (opts: { password?: string; clientId?: string } = {}) =>
    connectDevice(outpost.mqttPort, uid, opts.password ?? d.token, opts.clientId ? { clientId: opts.clientId } : {});
  for (let round = 0; round < 3; round++) {
    const device = await connect();
    await device.publishAsync(`outpost/v1/${uid}/events`, `door opened ${round}`, { qos: 1 });
    await device.publishAsync(`outpost/v1/${uid}/telemetry`, 'not json', { qos: 1 });
    await device.endAsync();
    await waitFor(async () => (await api.get(`/api/devices/${uid}`)).body.status === 'offline', 'offline');
  }
  await assert.rejects(connect({ password: 'wrong-token' }));
  await assert.rejects(connect({ clientId: 'someone-else' }));
  await waitFor(async () => (await events()).some((e) => e.kind === 'refused'), 'refusal events');
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

test('every kind the broker wrote here belongs to a named group', async () => {
  const kinds = new Set((await events()).map((e) => e.kind));
  assert.deepEqual([...kinds].sort(), ['auth-failed', 'device', 'offline', 'online', 'refused', 'rejected']);
  for (const k of kinds) assert.notEqual(eventGroup(k), 'other', k);
});

test('groups pick kinds: device messages, status changes, refusals, and combinations', async () => {
  const messages = await events('?groups=messages');
  assert.deepEqual(messages.map((e) => e.message), ['door opened 2', 'door opened 1', 'door opened 0']);
  const status = await events('?groups=status');
  assert.equal(status.length, 6);
  assert.ok(status.every((e) => e.kind === 'online' || e.kind === 'offline'));
  const refusals = await events('?groups=refusals');
  assert.deepEqual(new Set(refusals.map((e) => e.kind)), new Set(['rejected', 'auth-failed', 'refused']));
  const both = await events('?groups=messages,refusals');
  assert.equal(both.length, messages.length + refusals.length);
  assert.deepEqual(await events('?groups=other'), []);
  assert.equal((await events()).length, messages.length + status.length + refusals.length);
});

test('paging with before= walks the filtered list newest first without repeats', async () => {
  const all = await events('?groups=status');
  const first = await events('?groups=status&limit=4');
  const rest = await events(`?groups=status&limit=4&before=${first.at(-1)!.id}`);
  assert.deepEqual([...first, ...rest].map((e) => e.id), all.map((e) => e.id));
  assert.deepEqual(await events(`?groups=status&before=${all.at(-1)!.id}`), []);
});

test('bad event queries get a 400 that names the problem', async () => {
  for (const [query, message] of [
    ['?groups=chatter', /groups/], ['?groups=', /at least one group/], ['?limit=0', /limit/], ['?before=-3', /before/],
  ] as const) {
    const r = await api.get(`/api/devices/${uid}/events${query}`);
    assert.equal(r.status, 400, query);
    assert.match(r.body.error, message, query);
  }
  assert.equal((await api.get(`/api/devices/${uid}/events?groups=status,`)).status, 200, 'a trailing comma is tolerated');
  assert.equal((await api.get('/api/devices/nope/events?groups=status')).status, 404);
});
