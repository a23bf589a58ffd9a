import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { startOutpost } from './app.js';
import { startTestOutpost, adminWithDevice, ApiClient } from './testing/harness.js';

test('a restart keeps users, devices, credentials, points and the audit log', async () => {
  const first = await startTestOutpost();
  const { token } = await adminWithDevice(first, 'keeper');
  const client = await mqtt.connectAsync({ host: '127.0.0.1', port: first.mqttPort, username: 'keeper', password: token, clientId: 'keeper', reconnectPeriod: 0 });
  await client.publishAsync('outpost/v1/keeper/telemetry', '{"t":1.25}', { qos: 1 });
  // the broker goes away under a connected device
  await first.close();
  client.end(true);

  const second = await startTestOutpost(first.dataDir);
  try {
    const api = new ApiClient(second.url);
    assert.deepEqual((await api.get('/api/setup')).body, { needsSetup: false });
    assert.equal((await api.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
    const device = (await api.get('/api/devices/keeper')).body;
    assert.equal(device.status, 'offline');
    const series = (await api.get('/api/devices/keeper/series')).body;
    assert.deepEqual(series.map((s: { key: string; lastValue: number }) => [s.key, s.lastValue]), [['t', 1.25]]);
    const audit = (await api.get('/api/audit')).body as Array<{ action: string }>;
    assert.ok(audit.some((e) => e.action === 'device-created'));
    const again = await mqtt.connectAsync({ host: '127.0.0.1', port: second.mqttPort, username: 'keeper', password: token, clientId: 'keeper', reconnectPeriod: 0 });
    await again.endAsync();
  } finally {
    await second.close();
    second.removeData();
  }
});

test('a saved MQTT port taken by another program does not stop Outpost; the UI is told why', async () => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const taken = (blocker.address() as AddressInfo).port;
  const first = await startTestOutpost();
  const api = new ApiClient(first.url);
  await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
  assert.equal((await api.call('PUT', '/api/settings', { mqttPort: taken })).status, 200);
  await first.close();

  // no --mqtt-port: the saved one is used
  const second = await startOutpost({ dataDir: first.dataDir, httpPort: 0, quiet: true });
  try {
    assert.equal(second.mqttPort, null);
    const again = new ApiClient(second.url);
    await again.post('/api/login', { username: 'owner', password: 'correct horse' });
    const running = (await again.get('/api/settings')).body.running;
    assert.equal(running.mqttPort, null);
    assert.match(running.mqttError, new RegExp(`MQTT port ${taken} is in use`));
    // and the fix is possible from the UI
    assert.equal((await again.call('PUT', '/api/settings', { mqttPort: 0 })).status, 200);
  } finally {
    await second.close();
  }
  try {
    // an explicit port the user asked for fails loudly instead
    await assert.rejects(startOutpost({ dataDir: first.dataDir, httpPort: 0, mqttPort: taken, quiet: true }), /EADDRINUSE/);
  } finally {
    blocker.close();
    first.removeData();
  }
});
