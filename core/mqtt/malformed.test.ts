// Garbage on the wire, from many connections at once: each bad connection is dropped, the broker
// keeps serving and stored data stays intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { startTestOutpost, adminWithDevice, waitFor } from '../testing/harness.js';
import { RawMqtt } from '../testing/raw-mqtt.js';

test('malformed packets never take the broker down', async () => {
  const outpost = await startTestOutpost();
  try {
    const { api, token } = await adminWithDevice(outpost, 'fuzz');
    const topic = 'outpost/v1/fuzz/telemetry';
    const good = await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, username: 'fuzz', password: token, clientId: 'fuzz', reconnectPeriod: 0 });
    await good.publishAsync(topic, '{"before":1}', { qos: 1 });
    await good.endAsync();

    const connect = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'fuzz:raw', keepalive: 30, username: 'fuzz', password: Buffer.from(token) });
    const cases: Buffer[] = [
      randomBytes(64), randomBytes(2048), Buffer.alloc(0),
      Buffer.from([0x10, 0x00]), // CONNECT with no body
      Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff]), // remaining length over 4 bytes
      Buffer.from([0xf0, 0x00]), // reserved packet type
      Buffer.concat([connect.subarray(0, 10)]), // truncated CONNECT, then nothing
      Buffer.concat([connect, Buffer.from([0x32, 0x05, 0x00, 0x10, 0x61])]), // PUBLISH whose topic overruns it
      Buffer.concat([connect, Buffer.from([0x82, 0x04, 0x00, 0x01, 0x00, 0x00])]), // SUBSCRIBE with an empty filter list
      Buffer.concat([connect, connect]), // a second CONNECT is a protocol violation
    ];
    for (let i = 0; i < 30; i++) cases.push(Buffer.concat([connect, randomBytes(1 + (i * 37) % 300)]));
    const clients = await Promise.all(cases.map(async (bytes) => {
      const raw = await RawMqtt.open(outpost.mqttPort);
      raw.socket.on('error', () => undefined);
      if (bytes.length) raw.sendBytes(bytes);
      return raw;
    }));
    // the clearly broken ones are closed by the broker
    await waitFor(() => clients.slice(3, 6).every((c) => c.closed), 'broken connections closed');
    for (const c of clients) c.destroy();

    const after = await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, username: 'fuzz', password: token, clientId: 'fuzz', reconnectPeriod: 0 });
    await after.publishAsync(topic, '{"after":2}', { qos: 1 });
    await after.endAsync();
    const series = (await api.get('/api/devices/fuzz/series')).body as Array<{ key: string; lastValue: number }>;
    assert.deepEqual(Object.fromEntries(series.filter((s) => s.key === 'before' || s.key === 'after').map((s) => [s.key, s.lastValue])), { before: 1, after: 2 });
  } finally {
    await outpost.close();
    outpost.removeData();
  }
});
