// LwM2M in the whole app: a real Outpost (temp data dir, ports 0) with libcoap as the device and the
// HTTP API as the operator: registration view and its 404, restarts, pending devices, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { startOutpost } from '../app.js';
import { ApiClient, connectDevice, openLiveStream, startTestOutpost, waitFor, type TestOutpost } from '../testing/harness.js';
import { coapClient } from './libcoap-client.js';

async function admin(outpost: TestOutpost) {
  const api = new ApiClient(outpost.url);
  assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
  return api;
}
const rd = (outpost: { coapPort: number | null }, path: string) => `coap://127.0.0.1:${outpost.coapPort}${path}`;
const register = (outpost: { coapPort: number | null }, query: string, links = '</1/0>,</3/0>') =>
  coapClient(['-m', 'post', '-t', '40', '-e', links], rd(outpost, `/rd?${query}`));

test('a device made in advance registers; the API shows the registration, 404 before; a restart keeps it', async () => {
  let outpost = await startTestOutpost();
  try {
    let api = await admin(outpost);
    assert.notEqual(outpost.coapPort, null);
    const settings = (await api.get('/api/settings')).body;
    assert.deepEqual([settings.running.coapPort, settings.running.coapError, settings.running.coapPortFromFlag, settings.settings.coapPort],
      [outpost.coapPort, null, true, 5683]);
    const created = await api.post('/api/devices', { uid: 'node-1', name: 'Node 1', dialect: 'lwm2m' });
    assert.equal(created.status, 200);
    const none = await api.get('/api/devices/node-1/lwm2m/registration');
    assert.equal(none.status, 404);
    assert.match(none.body.error, /node-1 is not registered/);

    const reg = await register(outpost, 'ep=node-1&lt=300&lwm2m=1.1&b=U&Q', '</>;rt="oma.lwm2m";ct=112,</1/0>,</3/0>,</3303/0>');
    assert.equal(reg.code, '2.01', reg.output);
    const view = (await api.get('/api/devices/node-1/lwm2m/registration')).body;
    assert.deepEqual([view.registrationId, view.version, view.queueMode, view.lifetimeSec, view.objects.length, view.pending],
      [reg.locationPath[1], '1.1', true, 300, 3, false]);
    const device = (await api.get('/api/devices/node-1')).body;
    assert.deepEqual([device.status, device.statusReason, device.dialect, device.pending], ['online', 'registered', 'lwm2m', false]);

    // its MQTT token is of no use: it speaks CoAP
    await assert.rejects(connectDevice(outpost.mqttPort, 'node-1', created.body.credentials.token), /Bad username or password|Not authorized|bad user/i);

    await outpost.close();
    outpost = await startTestOutpost(outpost.dataDir);
    api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
    const kept = (await api.get('/api/devices/node-1/lwm2m/registration')).body;
    assert.deepEqual([kept.registrationId, kept.lifetimeSec], [reg.locationPath[1], 300]);
    assert.equal((await api.get('/api/devices/node-1')).body.offlineCause, 'outpost-restarted', 'unknown until it speaks');
    // the port changed with the restart (0 = any); the device finds it again and updates
    const upd = await coapClient(['-m', 'post'], rd(outpost, `/rd/${reg.locationPath[1]}`));
    assert.equal(upd.code, '2.04');
    const back = (await api.get('/api/devices/node-1')).body;
    assert.deepEqual([back.status, back.statusReason], ['online', 'registration updated']);

    const del = await coapClient(['-m', 'delete'], rd(outpost, `/rd/${reg.locationPath[1]}`));
    assert.equal(del.code, '2.02');
    const gone = (await api.get('/api/devices/node-1')).body;
    assert.deepEqual([gone.status, gone.offlineCause, gone.statusReason], ['offline', 'deregistered', 'de-registered']);
    assert.equal((await api.get('/api/devices/node-1/lwm2m/registration')).status, 404);
  } finally {
    await outpost.close();
    outpost.removeData();
  }
});

test('unknown endpoints: refused and audited (folded per address), or pending until approved or rejected', async () => {
  const outpost = await startTestOutpost(undefined, { lwm2m: { expirySweepMs: 100 } });
  try {
    const api = await admin(outpost);
    for (const ep of ['x1', 'x2', 'x3']) {
      const r = await register(outpost, `ep=${ep}`);
      assert.equal(r.code, '4.03');
      assert.match(r.payload, new RegExp(`unknown endpoint ${ep}`));
    }
    const audit = (await api.get('/api/audit?action=lwm2m-refused')).body as Array<{ target: string; count: number; detail: { endpoint: string } }>;
    assert.equal(audit.length, 1, JSON.stringify(audit));
    assert.deepEqual([audit[0]!.target, audit[0]!.count, audit[0]!.detail.endpoint], ['peer:127.0.0.1', 3, 'x3']);

    assert.equal((await api.call('PUT', '/api/settings', { acceptNewLwm2mDevices: true })).status, 200);
    assert.equal((await api.call('PUT', '/api/settings', { acceptNewLwm2mDevices: 'yes' })).status, 400);
    const live = await openLiveStream(outpost.url, api.cookie);
    assert.equal((await register(outpost, 'ep=newbie&lt=60')).code, '2.01');
    assert.equal((await register(outpost, 'ep=intruder&lt=60')).code, '2.01');
    const listed = (await api.get('/api/devices')).body as Array<{ uid: string; pending: boolean; dialect: string }>;
    assert.deepEqual(listed.filter((d) => d.pending).map((d) => [d.uid, d.dialect]), [['intruder', 'lwm2m'], ['newbie', 'lwm2m']]);
    assert.equal((await api.get('/api/devices/newbie/lwm2m/registration')).body.pending, true);

    const approved = await api.post('/api/devices/newbie/approve');
    assert.deepEqual([approved.status, approved.body.pending], [200, false]);
    assert.equal((await api.post('/api/devices/newbie/approve')).status, 409);
    // the UI hears of it: the device appeared pending and online, then approved
    await waitFor(() => /"uid":"newbie"[^\n]*"pending":false/.test(live.text()), 'the approval on the live stream');
    assert.match(live.text(), /"uid":"newbie"[^\n]*"status":"online"[^\n]*"pending":true/);
    await live.close();
    assert.equal((await api.post('/api/devices/newbie/reject')).status, 409, 'an approved device is deleted, not rejected');
    assert.equal((await api.post('/api/devices/intruder/reject')).status, 200);
    assert.equal((await api.get('/api/devices/intruder')).status, 404);
    assert.equal((await api.post('/api/devices/nobody/approve')).status, 404);
    const actions = ((await api.get('/api/audit')).body as Array<{ action: string }>).map((a) => a.action);
    assert.ok(actions.includes('device-approved') && actions.includes('device-rejected'));

    // a short lifetime in the whole app: offline with the cause, seen through the API
    assert.equal((await register(outpost, 'ep=newbie&lt=1')).code, '2.01');
    const deadline = Date.now() + 4000;
    let d = (await api.get('/api/devices/newbie')).body;
    while (d.offlineCause !== 'lifetime-expired' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      d = (await api.get('/api/devices/newbie')).body;
    }
    assert.deepEqual([d.status, d.statusReason], ['offline', 'registration lifetime of 1 s expired']);
  } finally {
    await outpost.close();
    outpost.removeData();
  }
});

test('a taken CoAP port does not keep Outpost from starting: coapError says so', async () => {
  const blocker = createSocket('udp4');
  await new Promise<void>((r) => blocker.bind(0, '127.0.0.1', () => r()));
  const taken = (blocker.address() as AddressInfo).port;
  const first = await startTestOutpost();
  try {
    const api = await admin(first);
    assert.equal((await api.call('PUT', '/api/settings', { coapPort: taken })).status, 200);
    assert.equal((await api.call('PUT', '/api/settings', { coapPort: 70000 })).status, 400);
    await first.close();
    const second = await startOutpost({ dataDir: first.dataDir, httpPort: 0, mqttPort: 0, quiet: true });
    try {
      assert.equal(second.coapPort, null);
      assert.match(second.coapError ?? '', new RegExp(`port ${taken} is in use`));
      const again = new ApiClient(second.url);
      await again.post('/api/login', { username: 'owner', password: 'correct horse' });
      const running = (await again.get('/api/settings')).body.running;
      assert.deepEqual([running.coapPort, running.coapPortFromFlag], [null, false]);
      assert.match(running.coapError, /in use by another program/);
      await again.post('/api/devices', { uid: 'n', name: 'N', dialect: 'lwm2m' });
      assert.match((await again.get('/api/devices/n/lwm2m/registration')).body.error, /LwM2M server is not running/);
    } finally {
      await second.close();
    }
  } finally {
    blocker.close();
    first.removeData();
  }
});
