// Inventory from the native agent's topic, its API, and the 30 s rule for asking for fresh inventory.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, adminWithDevice, waitFor, type TestOutpost } from '../testing/harness.js';
import { opDevice } from '../testing/op-device.js';

const outposts: TestOutpost[] = [];
after(async () => {
  for (const o of outposts) {
    await o.close();
    o.removeData();
  }
});

const inventory = {
  collectedAt: 1_800_000_000_000,
  system: { hostname: 'gw-7', os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS' }, kernel: '6.8.0-51-generic', uptimeSec: 3600 },
  snaps: [{ name: 'core22', version: '20241001', revision: '1663', channel: 'latest/stable' }],
  missing: { users: 'not root: snapd users unknown' },
};

test('inventory published by the agent is stored and shown; bad inventory is refused with a reason', async () => {
  const outpost = await startTestOutpost();
  outposts.push(outpost);
  const uid = 'inv-1';
  const { api, token } = await adminWithDevice(outpost, uid);
  const before = await api.get(`/api/devices/${uid}/inventory`);
  assert.deepEqual(before.body, { inventory: null, receivedAt: null, source: null });
  const device = await opDevice(outpost.mqttPort, uid, token);
  await device.client.publishAsync(`outpost/v1/${uid}/inventory`, JSON.stringify(inventory), { qos: 1, retain: true });
  const shown = await waitFor(async () => (await api.get(`/api/devices/${uid}/inventory`)).body.inventory ? (await api.get(`/api/devices/${uid}/inventory`)).body : undefined, 'stored');
  assert.equal(shown.source, 'agent');
  assert.equal(shown.inventory.system.hostname, 'gw-7');
  assert.equal(shown.inventory.snaps[0].revision, '1663');
  assert.equal(typeof shown.receivedAt, 'number');

  await device.client.publishAsync(`outpost/v1/${uid}/inventory`, '{"system": 5}', { qos: 1 });
  await waitFor(async () => (await api.get(`/api/devices/${uid}/events`)).body.some((e: { message: string }) => /inventory rejected: collectedAt/.test(e.message)), 'rejected');
  assert.equal((await api.get(`/api/devices/${uid}/inventory`)).body.inventory.system.hostname, 'gw-7', 'the good one is kept');
  await device.end();
});

test('asking for fresh inventory: an operation for an online device, at most every 30 s; offline devices keep the last known', async () => {
  const outpost = await startTestOutpost();
  outposts.push(outpost);
  const uid = 'inv-2';
  const { api, token } = await adminWithDevice(outpost, uid);
  let r = await api.post(`/api/devices/${uid}/inventory/refresh`);
  assert.deepEqual(r.body, { asked: false, operationId: null, reason: 'the device is offline: its last known inventory is shown' });
  const device = await opDevice(outpost.mqttPort, uid, token);
  await waitFor(async () => (await api.get(`/api/devices/${uid}`)).body.status === 'online', 'online');
  r = await api.post(`/api/devices/${uid}/inventory/refresh`);
  assert.equal(r.body.asked, true);
  const opId = r.body.operationId as number;
  const got = await waitFor(() => device.received.find((x) => x.opId === opId), 'inventory.refresh op');
  assert.equal(got.body.kind, 'inventory.refresh');
  r = await api.post(`/api/devices/${uid}/inventory/refresh`);
  assert.equal(r.body.asked, false);
  assert.match(r.body.reason, /^asked \d+ s ago; fresh inventory is asked for at most every 30 s$/);
  assert.equal((await api.get('/api/devices/nope/inventory')).status, 404);
  await device.end();
});
