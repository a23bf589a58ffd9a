// GET /api/devices/:uid/lwm2m/objects: the simulator registers with a real Outpost; its objects come
// back named by the models, also after it de-registered (from its last registration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLwm2mClient } from '../../agent/lwm2m/index.js';
import { ApiClient, startTestOutpost, waitFor } from '../testing/harness.js';
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';

test('the objects view: registered objects with their models; 404 for other devices; kept after de-register', async () => {
  const outpost = await startTestOutpost();
  const client = createLwm2mClient({ server: `coap://127.0.0.1:${outpost.coapPort}`, endpoint: 'sim-1', lwm2mVersion: '1.1', intervalMs: 0 });
  try {
    const api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
    assert.equal((await api.post('/api/devices', { uid: 'sim-1', name: 'Sim', dialect: 'lwm2m' })).status, 200);
    assert.equal((await api.post('/api/devices', { uid: 'mqtt-1', name: 'MQTT' })).status, 200);
    const before = (await api.get<Lwm2mDeviceObjects>('/api/devices/sim-1/lwm2m/objects')).body;
    assert.deepEqual(before, { registration: null, objects: [], values: [], observations: [] });
    assert.equal((await api.get('/api/devices/mqtt-1/lwm2m/objects')).status, 404);

    await client.start();
    const view = (await api.get<Lwm2mDeviceObjects>('/api/devices/sim-1/lwm2m/objects')).body;
    assert.equal(view.registration?.version, '1.1');
    const device = view.objects.find((o) => o.id === 3)!;
    assert.deepEqual([device.instances, device.model?.name], [[0], 'Device']);
    assert.equal(device.model?.resources.find((r) => r.id === 0)?.name, 'Manufacturer');
    const temperature = view.objects.find((o) => o.id === 3303)!;
    assert.equal(temperature.model?.name, 'Temperature');

    await client.stop();
    await waitFor(async () => (await api.get('/api/devices/sim-1/lwm2m/registration')).status === 404, 'de-registered');
    const after = (await api.get<Lwm2mDeviceObjects>('/api/devices/sim-1/lwm2m/objects')).body;
    assert.equal(after.registration, null);
    assert.deepEqual(after.objects.map((o) => o.id), view.objects.map((o) => o.id));
  } finally {
    await client.stop().catch(() => undefined);
    await outpost.close();
    outpost.removeData();
  }
});
