// The LwM2M operations against the simulator as a 1.0 client (TLV), a re-registration that makes
// Outpost observe again, and a client over IPv6 (::1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLwm2mClient, type Lwm2mClientOptions } from '../../agent/lwm2m/index.js';
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';
import { ApiClient, startTestOutpost, waitFor } from '../testing/harness.js';
import { exchangesOf, resultOf, setupDm } from './dm-test-support.js';

const TLV = 11542;
const sim = (server: string, endpoint: string, options: Partial<Lwm2mClientOptions>) =>
  createLwm2mClient({ server, endpoint, intervalMs: 0, requestTimeoutMs: 1000, workMs: 50, ...options });

test('1.0 client (TLV): read, write replace and update, execute, discover, create (device chooses), delete, attributes, observe, cancel', async () => {
  const dm = await setupDm('sim-10', (server) => sim(server, 'sim-10', { lwm2mVersion: '1.0' }));
  try {
    const read = await dm.op('lwm2m.read', { path: '/3/0' });
    assert.deepEqual([exchangesOf(read)[0]!.request.accept, exchangesOf(read)[0]!.response.contentFormat], [TLV, TLV]);
    const values = resultOf(read).values as Array<{ path: string; value: unknown }>;
    assert.ok(values.some((v) => v.path === '/3/0/0' && v.value === 'Outpost'));
    assert.ok(values.some((v) => v.path === '/3/0/6/1' && v.value === 5), 'multi-instance resource');
    assert.equal(resultOf(await dm.op('lwm2m.read', { path: '/3/0/9' })).values[0].path, '/3/0/9');
    assert.ok(resultOf(await dm.op('lwm2m.read', { path: '/3311' })).values.length > 0);

    const replace = await dm.op('lwm2m.write', { path: '/3311/0', values: { 5850: true, 5851: 33, 5852: 0, 5706: 'green' } });
    assert.equal(exchangesOf(replace)[0]!.request.method, 'PUT');
    assert.equal(exchangesOf(replace)[0]!.request.contentFormat, TLV);
    resultOf(replace);
    assert.deepEqual([dm.client.get('/3311/0/5851'), dm.client.get('/3311/0/5706')], [33, 'green']);
    resultOf(await dm.op('lwm2m.write', { path: '/3311/0', values: { 5851: 12 }, mode: 'update' }));
    assert.deepEqual([dm.client.get('/3311/0/5851'), dm.client.get('/3311/0/5706')], [12, 'green']);
    resultOf(await dm.op('lwm2m.write', { path: '/3/0/13', value: '2026-01-01T00:00:00Z' }));
    assert.equal((await dm.objects()).values.find((v) => v.path === '/3/0/13')?.value, 1767225600);

    assert.equal(resultOf(await dm.op('lwm2m.execute', { path: '/3/0/12' })).code, '2.04');
    const discover = resultOf(await dm.op('lwm2m.discover', { path: '/3' }));
    assert.ok(discover.links.length > 3);

    const created = await dm.op('lwm2m.create', { path: '/3311', values: { 5850: false, 5851: 5 } });
    const path = resultOf(created).path as string;
    assert.match(path, /^\/3311\/\d+$/);
    assert.equal(exchangesOf(created)[0]!.response.locationPath, path, 'the new instance from Location-Path');
    assert.equal(dm.client.get(`${path}/5851`), 5);
    resultOf(await dm.op('lwm2m.delete', { path }));
    assert.equal(dm.client.get(`${path}/5851`), undefined);
    resultOf(await dm.op('lwm2m.write-attributes', { path: '/3/0/9', pmin: 0, pmax: 30 }));

    resultOf(await dm.op('lwm2m.observe', { path: '/3/0/9' }));
    dm.client.set('/3/0/9', 42);
    await waitFor(async () => (await dm.api.get('/api/devices/sim-10/series/%2F3%2F0%2F9/raw')).body?.points?.some((p: any) => p.value === 42), 'notification stored');
    const series = (await dm.api.get('/api/devices/sim-10/series')).body as Array<{ key: string; unit: string | null }>;
    assert.equal(series.find((s) => s.key === '/3/0/9')?.unit, '%');
    resultOf(await dm.op('lwm2m.cancel-observe', { path: '/3/0/9' }));
    await waitFor(() => dm.client.observationCount === 0, 'cancelled on the device');

    // composite operations are LwM2M 1.1: a clear failure for a 1.0 client
    const composite = await dm.op('lwm2m.read-composite', { paths: ['/3/0/0'] });
    assert.equal(composite.state, 'failed');
    assert.ok(composite.error!.message.length > 10, composite.error!.message);
  } finally {
    await dm.close();
  }
});

test('a new Register voids the observations: Outpost observes again, by itself, and says so', async () => {
  const dm = await setupDm('reg-again', (server) => sim(server, 'reg-again', { lwm2mVersion: '1.1' }));
  let second: ReturnType<typeof createLwm2mClient> | undefined;
  try {
    resultOf(await dm.op('lwm2m.observe', { path: '/3303/0/5700' }));
    // the device reboots with a fresh stack: a new Register from a new port, without De-register (the old
    // stack stays up and quiet: its lifetime is far away)
    const server = `coap://127.0.0.1:${dm.outpost.coapPort}`;
    second = sim(server, 'reg-again', { lwm2mVersion: '1.1' });
    await second.start();
    await waitFor(() => second!.observationCount === 1, 'observed again on the new registration', 10_000);
    const objects = await waitFor(async () => {
      const o = (await dm.api.get<Lwm2mDeviceObjects>('/api/devices/reg-again/lwm2m/objects')).body;
      return o.observations[0]?.state === 'active' ? o : undefined;
    }, 'active again');
    assert.deepEqual(objects.observations.map((o) => o.paths), [['/3303/0/5700']]);
    const events = (await dm.api.get('/api/devices/reg-again/events')).body as Array<{ message: string }>;
    assert.ok(events.some((e) => e.message === 're-observed /3303/0/5700 after a new registration'), JSON.stringify(events.map((e) => e.message)));
    second.set('/3303/0/5700', 19.75);
    await waitFor(async () => (await dm.api.get('/api/devices/reg-again/series/%2F3303%2F0%2F5700/raw')).body?.points?.some((p: any) => p.value === 19.75), 'notification of the new observation stored');
  } finally {
    await second?.stop().catch(() => undefined);
    await dm.close();
  }
});

test('IPv6: a client on ::1 registers and is read', async () => {
  const dm = await setupDm('v6', (server) => sim(server, 'v6', { lwm2mVersion: '1.1' }), { host: '::1' });
  try {
    assert.equal(resultOf(await dm.op('lwm2m.read', { path: '/3/0/0' })).values[0].value, 'Outpost');
    assert.equal((await dm.objects()).registration?.peer.address, '::1');
  } finally {
    await dm.close();
  }
});

test('observations survive a restart of Outpost: pending, then observed again when the device speaks', async () => {
  const dm = await setupDm('restart', (server) => sim(server, 'restart', { lwm2mVersion: '1.1' }));
  let outpost = dm.outpost;
  let second: ReturnType<typeof createLwm2mClient> | undefined;
  try {
    resultOf(await dm.op('lwm2m.observe', { path: '/3/0/9' }));
    await outpost.close();
    outpost = await startTestOutpost(dm.outpost.dataDir, { lwm2mDm: { requestTimeoutMs: 2000, awakeWindowMs: 1500 } });
    const api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
    const before = (await api.get<Lwm2mDeviceObjects>('/api/devices/restart/lwm2m/objects')).body;
    assert.deepEqual(before.observations.map((o) => [o.paths, o.state]), [[['/3/0/9'], 'pending']]);
    // the port changed with the restart: the device comes back with a Register
    second = sim(`coap://127.0.0.1:${outpost.coapPort}`, 'restart', { lwm2mVersion: '1.1' });
    await second.start();
    await waitFor(() => second!.observationCount === 1, 'observed again', 10_000);
    await waitFor(async () => (await api.get<Lwm2mDeviceObjects>('/api/devices/restart/lwm2m/objects')).body.observations[0]?.state === 'active', 'active');
  } finally {
    await second?.stop().catch(() => undefined);
    await dm.client.stop().catch(() => undefined);
    await outpost.close();
    outpost.removeData();
  }
});
