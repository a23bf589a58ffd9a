import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { startTestOutpost, adminWithDevice, ApiClient } from './testing/harness.js';

test('a restart keeps users, devices, credentials, points and the audit log', async () => {
  const first = await startTestOutpost();
  const { token } = await adminWithDevice(first, 'keeper');
  const client = await mqtt.connectAsync({ host: '127.0.0.1', port: first.mqttPort, username: 'keeper', password: token, reconnectPeriod: 0 });
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
    const again = await mqtt.connectAsync({ host: '127.0.0.1', port: second.mqttPort, username: 'keeper', password: token, reconnectPeriod: 0 });
    await again.endAsync();
  } finally {
    await second.close();
    second.removeData();
  }
});
