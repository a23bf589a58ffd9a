// What a device's status says after each way its connection ends, and what it last published on
// its status topic: a real Outpost (SQLite file, broker on a real port) and MQTT.js / raw sockets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestOutpost, adminWithDevice, connectDevice, waitFor, openLiveStream, ApiClient, type TestOutpost } from '../testing/harness.js';
import { RawMqtt } from '../testing/raw-mqtt.js';
import type { Device } from '../contract/api.js';

let outpost: TestOutpost;
let api: ApiClient;
let token: string;
const uid = 'door-1';
const statusTopic = `outpost/v1/${uid}/status`;

before(async () => {
  outpost = await startTestOutpost();
  ({ api, token } = await adminWithDevice(outpost, uid));
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

const connect = (opts: mqtt.IClientOptions = {}) => connectDevice(outpost.mqttPort, uid, token, { clientId: `${uid}:${Math.random()}`, ...opts });
const device = async (): Promise<Device> => (await api.get(`/api/devices/${uid}`)).body;
const deviceWhen = (ok: (d: Device) => boolean | undefined, what: string, timeoutMs?: number) =>
  waitFor(async () => { const d = await device(); return ok(d) ? d : undefined; }, what, timeoutMs);
const offline = () => deviceWhen((d) => d.status === 'offline', 'offline');
const online = () => deviceWhen((d) => d.status === 'online', 'online');

test('a retained status payload is captured, reaches the live stream, and an empty one clears it', async () => {
  const stream = await openLiveStream(outpost.url, api.cookie);
  try {
    const client = await connect();
    const before = Date.now();
    await client.publishAsync(statusTopic, 'maintenance', { qos: 1, retain: true });
    const d = await deviceWhen((x) => x.statusPayload === 'maintenance', 'status payload');
    assert.ok(d.statusPayloadTs! >= before && d.statusPayloadTs! <= Date.now());
    await waitFor(() => /"statusPayload":"maintenance"/.test(stream.text()), 'live device message with the payload');

    await client.publishAsync(statusTopic, Buffer.from([0xde, 0xad, 0xbe, 0xef]), { qos: 1 });
    await waitFor(async () => (await device()).statusPayload === 'binary, 4 bytes: deadbeef', 'binary payload as hex');

    await client.publishAsync(statusTopic, 'x'.repeat(5000), { qos: 1 });
    const long = await deviceWhen((x) => x.statusPayload?.startsWith('xxx'), 'long payload');
    assert.equal([...long.statusPayload!].length, 256);

    await client.publishAsync(statusTopic, '', { qos: 1, retain: true });
    await waitFor(async () => (await device()).statusPayload === null, 'cleared status');
    // telemetry and events do not touch it
    await client.publishAsync(`outpost/v1/${uid}/telemetry`, JSON.stringify({ t: 1 }), { qos: 1 });
    await client.publishAsync(`outpost/v1/${uid}/events`, 'door opened', { qos: 1 });
    assert.equal((await device()).statusPayload, null);
    await client.endAsync();
    const gone = await offline();
    assert.deepEqual([gone.offlineCause, gone.willSent, gone.statusReason], ['disconnected', false, 'disconnected']);
  } finally {
    await stream.close();
  }
});

test('a connection lost without goodbye sends the last will, which becomes the status payload', async () => {
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.send({
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:will`, keepalive: 60,
    username: uid, password: Buffer.from(token),
    will: { topic: statusTopic, payload: Buffer.from('offline (will)'), qos: 1, retain: true },
  });
  assert.equal((await raw.next('connack') as { returnCode: number }).returnCode, 0);
  await online();
  raw.destroy();
  const d = await offline();
  assert.deepEqual([d.offlineCause, d.willSent, d.statusPayload], ['connection-lost', true, 'offline (will)']);
  assert.match(d.statusReason!, /without DISCONNECT, last will sent/);
});

test('a keepalive timeout is its own cause', async () => {
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:ka`, keepalive: 1, username: uid, password: Buffer.from(token) });
  await raw.next('connack');
  await online();
  const d = await deviceWhen((x) => x.status === 'offline', 'offline', 4000);
  assert.deepEqual([d.offlineCause, d.statusReason], ['keepalive-timeout', 'keepalive timeout']);
  raw.destroy();
});

test('Outpost closing the connection (new token, packet over the limit) is "kicked", not the device\'s fault', async () => {
  const client = await connect();
  await online();
  const rotated = await api.post(`/api/devices/${uid}/token`);
  assert.equal(rotated.status, 200);
  const d = await offline();
  assert.deepEqual([d.offlineCause, d.statusReason], ['kicked', 'disconnected by Outpost: a new token was issued']);
  await client.endAsync(true);
  token = rotated.body.token;

  // a packet declaring more than the limit (1 MiB by default): the packet size guard closes it
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:big`, keepalive: 60, username: uid, password: Buffer.from(token) });
  await raw.next('connack');
  await online();
  raw.sendBytes(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f])); // PUBLISH, remaining length 268 MB
  const big = await offline();
  assert.equal(big.offlineCause, 'kicked');
  assert.match(big.statusReason!, /^closed by Outpost: packet of \d+ bytes declared, over the limit/);
  raw.destroy();
});

test('expected reporting interval: set, cleared with null, bad values refused with a clear error', async () => {
  const patch = (body: unknown) => api.call('PATCH', `/api/devices/${uid}`, body);
  const set = await patch({ expectedIntervalSec: 60 });
  assert.equal(set.status, 200);
  assert.equal(set.body.expectedIntervalSec, 60);
  assert.equal((await device()).expectedIntervalSec, 60);
  for (const [bad, words] of [[5, /at least 10 seconds/], [1.5, /whole seconds/], [10_000_000, /at most 2592000 seconds/], ['60', /number/]] as const) {
    const r = await patch({ expectedIntervalSec: bad });
    assert.equal(r.status, 400, `expectedIntervalSec ${bad}`);
    assert.match(JSON.stringify(r.body), words);
  }
  assert.equal((await device()).expectedIntervalSec, 60, 'refused values change nothing');
  const cleared = await patch({ expectedIntervalSec: null });
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.expectedIntervalSec, null);
});

test('a clean Outpost stop blames no device; the next start says "Outpost restarted" and when it was stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-restart-'));
  try {
    let first = await startTestOutpost(dir);
    const setup = await adminWithDevice(first, 'pump-1');
    const client = await connectDevice(first.mqttPort, 'pump-1', setup.token, {
      will: { topic: 'outpost/v1/pump-1/status', payload: Buffer.from('lost'), qos: 1, retain: true },
    });
    const watcher = setup.api;
    const get = async () => (await watcher.get('/api/devices/pump-1')).body as Device;
    await client.publishAsync('outpost/v1/pump-1/status', 'running', { qos: 1, retain: true });
    await waitFor(async () => { const d = await get(); return d.status === 'online' && d.statusPayload === 'running'; }, 'online and running');
    client.on('error', () => undefined);
    const stopping = Date.now();
    await first.close();
    const stopped = Date.now();
    client.end(true);

    first = await startTestOutpost(dir);
    try {
      const api2 = new ApiClient(first.url);
      api2.cookie = watcher.cookie; // sessions survive a restart
      const d = (await api2.get('/api/devices/pump-1')).body as Device;
      assert.deepEqual([d.status, d.offlineCause, d.statusReason, d.willSent], ['offline', 'outpost-restarted', 'Outpost restarted', false]);
      assert.ok(d.outpostStoppedAt! >= stopping && d.outpostStoppedAt! <= stopped, 'stopped at the moment of the shutdown');
      assert.ok(d.statusSince! >= stopped, 'since the new start');
      // the will was not sent: the retained status is still the device's own
      assert.equal(d.statusPayload, 'running');
      const events = ((await api2.get('/api/devices/pump-1/events')).body as Array<{ message: string }>).map((e) => e.message);
      assert.ok(!events.some((m) => /connection|lost|will/i.test(m)), `no blame in the events: ${events.join(' | ')}`);
      assert.match(events[0]!, /Outpost restarted/);
      const sub = await connectDevice(first.mqttPort, 'pump-1', setup.token, { clientId: 'pump-1:check' });
      const retained = await new Promise<string>((resolve) => {
        sub.on('message', (_t, payload) => resolve(payload.toString()));
        void sub.subscribeAsync('outpost/v1/pump-1/status');
      });
      assert.equal(retained, 'running');
      await sub.endAsync();
    } finally {
      await first.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
