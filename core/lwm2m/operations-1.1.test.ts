// Every LwM2M operation against the simulator as a 1.1 client (SenML CBOR), through the queue and
// the HTTP API, over real UDP; each with the CoAP exchange in its history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLwm2mClient, type Lwm2mClientOptions } from '../../agent/lwm2m/index.js';
import { exchangesOf, resultOf, setupDm } from './dm-test-support.js';

const sim = (server: string, endpoint: string, options: Partial<Lwm2mClientOptions>) =>
  createLwm2mClient({ server, endpoint, intervalMs: 0, requestTimeoutMs: 1000, workMs: 50, ...options });
import { waitFor } from '../testing/harness.js';

const SENML_CBOR = 112;

test('1.1 client: read, write (replace, update, block-wise), execute, discover, create, delete, attributes, composites', async () => {
  const dm = await setupDm('sim-11', (server) => sim(server, 'sim-11', { lwm2mVersion: '1.1' }));
  try {
    // read at resource, instance and object level
    const manufacturer = await dm.op('lwm2m.read', { path: '/3/0/0' });
    assert.deepEqual(resultOf(manufacturer).values.map((v: any) => [v.path, v.value, v.name]), [['/3/0/0', 'Outpost', 'Device / Manufacturer']]);
    const [ex] = exchangesOf(manufacturer);
    assert.deepEqual([ex!.request.method, ex!.request.path, ex!.request.accept, ex!.response.code, ex!.response.contentFormat], ['GET', '/3/0/0', SENML_CBOR, '2.05', SENML_CBOR]);
    const instance = resultOf(await dm.op('lwm2m.read', { path: '/3/0' }));
    assert.ok(instance.values.some((v: any) => v.path === '/3/0/7/1' && v.value === 5000), JSON.stringify(instance.values));
    const object = resultOf(await dm.op('lwm2m.read', { path: '/3303' }));
    assert.ok(object.values.some((v: any) => v.path === '/3303/0/5700' && v.units === undefined || v.path === '/3303/0/5700'));

    // write: replace a resource, partial update of an instance; known values follow the 2.04
    const dimmer = await dm.op('lwm2m.write', { path: '/3311/0/5851', value: 40 });
    assert.equal(resultOf(dimmer).code, '2.04');
    assert.equal(dm.client.get('/3311/0/5851'), 40);
    const update = await dm.op('lwm2m.write', { path: '/3311/0', values: { 5850: true, 5706: 'red' }, mode: 'update' });
    assert.equal(resultOf(update).code, '2.04');
    assert.deepEqual([dm.client.get('/3311/0/5850'), dm.client.get('/3311/0/5706'), dm.client.get('/3311/0/5851')], [true, 'red', 40]);
    assert.equal(exchangesOf(update)[0]!.request.method, 'POST');
    const known = await dm.objects();
    assert.deepEqual(known.values.filter((v) => v.path.startsWith('/3311/0/585')).map((v) => [v.path, v.value, v.source]),
      [['/3311/0/5850', true, 'write'], ['/3311/0/5851', 40, 'write']]);

    // block-wise both ways: a 3000-character string written (Block1) and read back (Block2)
    const long = 'abcdefghij'.repeat(300);
    resultOf(await dm.op('lwm2m.write', { path: '/3311/0/5706', value: long }));
    assert.equal(dm.client.get('/3311/0/5706'), long);
    const readLong = resultOf(await dm.op('lwm2m.read', { path: '/3311/0/5706' }));
    assert.equal(readLong.values[0].value, long);

    // execute with arguments; discover; create; delete; write-attributes
    const executed = await dm.op('lwm2m.execute', { path: '/3/0/12', args: "0='x',1" });
    assert.equal(resultOf(executed).code, '2.04');
    assert.deepEqual([exchangesOf(executed)[0]!.request.method, exchangesOf(executed)[0]!.request.contentFormat, exchangesOf(executed)[0]!.request.payloadBytes], ['POST', 0, 7]);
    const discover = resultOf(await dm.op('lwm2m.discover', { path: '/3303/0' }));
    assert.ok(discover.links.some((l: any) => l.path === '/3303/0/5700' && l.name === 'Temperature / Sensor Value'), JSON.stringify(discover.links));
    // SenML names values by full path: a 1.1 Create gives the instance id (the TLV test lets the device choose)
    const created = await dm.op('lwm2m.create', { path: '/3311', instanceId: 5, values: { 5850: false, 5851: 10 } });
    const createdPath = resultOf(created).path as string;
    assert.equal(createdPath, '/3311/5');
    assert.equal(exchangesOf(created)[0]!.response.code, '2.01');
    assert.equal(dm.client.get(`${createdPath}/5851`), 10);
    resultOf(await dm.op('lwm2m.delete', { path: createdPath }));
    assert.equal(dm.client.get(`${createdPath}/5851`), undefined);
    const attrs = await dm.op('lwm2m.write-attributes', { path: '/3303/0/5700', pmin: 1, pmax: 60, gt: 30 });
    resultOf(attrs);
    assert.equal(exchangesOf(attrs)[0]!.request.method, 'PUT');
    assert.ok(exchangesOf(attrs)[0]!.request.query.includes('pmin=1'));

    // composites
    const rc = resultOf(await dm.op('lwm2m.read-composite', { paths: ['/3/0/0', '/3303/0/5700'] }));
    assert.deepEqual(rc.values.map((v: any) => v.path).sort(), ['/3/0/0', '/3303/0/5700']);
    resultOf(await dm.op('lwm2m.write-composite', { values: { '/3311/0/5851': 77, '/3311/0/5706': 'blue' } }));
    assert.deepEqual([dm.client.get('/3311/0/5851'), dm.client.get('/3311/0/5706')], [77, 'blue']);

    // errors from the device: a clear failed operation with the CoAP code
    const missing = await dm.op('lwm2m.read', { path: '/3/0/99' });
    assert.equal(missing.state, 'failed');
    assert.equal(missing.error?.code, 'coap-4.04');
    assert.equal(exchangesOf(missing)[0]!.response.code, '4.04');
    // an operation the request cannot be built for: failed at once, nothing sent
    const notWritable = await dm.op('lwm2m.write', { path: '/3/0/0', value: 'x' });
    assert.equal(notWritable.state, 'failed');
    assert.equal(notWritable.error?.code, 'not-writable');
  } finally {
    await dm.close();
  }
});

test('1.1 client: observe → telemetry with unit and known values, cancel; observe-composite; Send stored', async () => {
  const dm = await setupDm('sim-obs', (server) => sim(server, 'sim-obs', { lwm2mVersion: '1.1' }));
  try {
    // the IPSO sensor's unit is in its 5701 Sensor Units, known once read
    assert.equal(resultOf(await dm.op('lwm2m.read', { path: '/3303/0/5701' })).values[0].value, 'Cel');
    const observed = await dm.op('lwm2m.observe', { path: '/3303/0/5700' });
    assert.equal(resultOf(observed).code, '2.05');
    const raw = async () => (await dm.api.get('/api/devices/sim-obs/series/%2F3303%2F0%2F5700/raw')).body as { points?: Array<{ value: unknown }> };
    dm.client.set('/3303/0/5700', 21.5);
    await waitFor(async () => (await raw()).points?.some((p) => p.value === 21.5), 'first notification stored');
    dm.client.set('/3303/0/5700', 22.5);
    const points = await waitFor(async () => {
      const r = await dm.api.get('/api/devices/sim-obs/series/%2F3303%2F0%2F5700/raw');
      return r.status === 200 && r.body.points.some((p: any) => p.value === 22.5) ? r.body : undefined;
    }, 'notifications stored');
    assert.ok(points.points.some((p: any) => p.value === 21.5));
    const series = (await dm.api.get('/api/devices/sim-obs/series')).body as Array<{ key: string; unit: string | null }>;
    assert.equal(series.find((s) => s.key === '/3303/0/5700')?.unit, 'Cel');
    let objects = await dm.objects();
    assert.deepEqual(objects.observations.map((o) => [o.paths, o.state]), [[['/3303/0/5700'], 'active']]);
    assert.ok(objects.observations[0]!.lastNotificationAt);
    assert.equal(objects.values.find((v) => v.path === '/3303/0/5700')?.source, 'notify');

    const cancelled = await dm.op('lwm2m.cancel-observe', { path: '/3303/0/5700' });
    assert.equal(resultOf(cancelled).cancelled, true);
    await waitFor(() => dm.client.observationCount === 0, 'the device forgot the observation');
    assert.deepEqual((await dm.objects()).observations, []);

    const composite = await dm.op('lwm2m.observe-composite', { paths: ['/3303/0/5700', '/3304/0/5700'] });
    assert.equal(exchangesOf(composite)[0]!.request.method, 'FETCH');
    resultOf(composite);
    dm.client.set('/3304/0/5700', 55.5);
    await waitFor(async () => (await dm.api.get('/api/devices/sim-obs/series/%2F3304%2F0%2F5700/raw')).body?.points?.some((p: any) => p.value === 55.5), 'composite notification stored');
    resultOf(await dm.op('lwm2m.cancel-observe-composite', { paths: ['/3303/0/5700', '/3304/0/5700'] }));
    objects = await dm.objects();
    assert.deepEqual(objects.observations, []);

    // Send (POST /dp): 2.04 after the values are stored
    dm.client.set('/3303/0/5700', 30.25);
    assert.equal(await dm.client.send(['/3303/0/5700']), '2.04');
    const sent = (await dm.api.get('/api/devices/sim-obs/series/%2F3303%2F0%2F5700/raw')).body;
    assert.ok(sent.points.some((p: any) => p.value === 30.25));
    assert.equal((await dm.objects()).values.find((v) => v.path === '/3303/0/5700')?.source, 'send');
  } finally {
    await dm.close();
  }
});
