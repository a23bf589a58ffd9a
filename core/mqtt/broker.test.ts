import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { startTestOutpost, adminWithDevice, connectDevice, waitFor, ApiClient } from '../testing/harness.js';
import { RawMqtt } from '../testing/raw-mqtt.js';

const run = promisify(execFile);
let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let api: ApiClient;
let token: string;
const uid = 'sensor-1';
const topic = `outpost/v1/${uid}/telemetry`;

before(async () => {
  outpost = await startTestOutpost();
  ({ api, token } = await adminWithDevice(outpost, uid));
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

const connectAsDevice = (opts: mqtt.IClientOptions = {}) =>
  connectDevice(outpost.mqttPort, uid, token, { clientId: `${uid}:${Math.random()}`, ...opts });
const device = async () => (await api.get(`/api/devices/${uid}`)).body;
const points = async (key: string) =>
  (await api.get(`/api/devices/${uid}/series/${encodeURIComponent(key)}/points?from=0&to=4102444800000`)).body;
const eventMessages = async () => ((await api.get(`/api/devices/${uid}/events`)).body as Array<{ message: string }>).map((e) => e.message);

test('MQTT.js telemetry is stored and the device is online while connected', async () => {
  const client = await connectAsDevice();
  await waitFor(async () => (await device()).status === 'online', 'online', 1000);
  await client.publishAsync(topic, JSON.stringify({ temperature: 21.5, door: { open: true }, mode: 'eco' }), { qos: 1 });
  const series = (await api.get(`/api/devices/${uid}/series`)).body as Array<{ key: string; lastValue: unknown }>;
  assert.deepEqual(Object.fromEntries(series.map((s) => [s.key, s.lastValue])), { temperature: 21.5, 'door.open': true, mode: 'eco' });
  await client.endAsync();
  const d = await waitFor(async () => { const x = await device(); return x.status === 'offline' && x; }, 'offline');
  assert.equal(d.statusReason, 'disconnected');
});

test('QoS 1 PUBACK comes after the point is committed; device time is kept', async () => {
  const client = await connectAsDevice();
  await client.publishAsync(topic, JSON.stringify({ ts: '2025-03-01T12:00:00Z', pressure: 1013 }), { qos: 1 });
  // no waiting: the ack itself promises the row exists
  const p = await points('pressure');
  assert.deepEqual(p.buckets.map((b: { ts: number; avg: number }) => [b.ts, b.avg]), [[Date.UTC(2025, 2, 1, 12), 1013]]);
  await client.publishAsync(topic, JSON.stringify({ pressure: 1000 }), { qos: 2 });
  assert.equal((await points('pressure')).buckets.length, 2);
  await client.endAsync();
});

test("Debian's mosquitto_pub publishes telemetry", async () => {
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(outpost.mqttPort), '-i', uid, '-u', uid, '-P', token,
    '-q', '1', '-t', topic, '-m', '{"humidity":40.5}']);
  const p = await points('humidity');
  assert.equal(p.buckets[0].avg, 40.5);
});

test('wrong or missing credentials are refused at CONNACK', async () => {
  await assert.rejects(connectAsDevice({ password: 'wrong' }), /Bad username or password|bad user name/i);
  await assert.rejects(connectAsDevice({ username: 'no-such-device' }), /Bad username or password|bad user name/i);
  await assert.rejects(connectAsDevice({ username: undefined, password: undefined }), /Not authorized/i);
  const pub = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(outpost.mqttPort), '-u', uid, '-P', 'nope',
    '-t', topic, '-m', '{"x":1}']).then(() => 0, (e: { code: number }) => e.code);
  assert.notEqual(pub, 0);
  assert.ok((await eventMessages()).some((m) => /refused: wrong token/.test(m)));
});

test('anonymous access only when turned on in settings', async () => {
  const anon = () => mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, reconnectPeriod: 0 });
  await assert.rejects(anon(), /Not authorized/i);
  assert.equal((await api.call('PUT', '/api/settings', { anonymousMqtt: true })).status, 200);
  const client = await anon();
  await client.publishAsync(topic, '{"anon":7}', { qos: 1 });
  assert.equal((await points('anon')).buckets[0].avg, 7);
  await client.endAsync();
  await api.call('PUT', '/api/settings', { anonymousMqtt: false });
  await assert.rejects(anon(), /Not authorized/i);
});

test('publishing outside the own topic root is refused and nothing is stored', async () => {
  const other = await api.post('/api/devices', { uid: 'other', name: 'Other' });
  assert.equal(other.status, 200);
  const client = await connectAsDevice();
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.publish('outpost/v1/other/telemetry', '{"stolen":1}', { qos: 1 });
  await closed;
  assert.equal((await api.get('/api/devices/other/series')).body.length, 0);
  client.end(true);
});

test('subscribing outside the own root gets SUBACK failure, inside is granted', async () => {
  const client = await connectAsDevice();
  const refusedWith128 = (e: { packet?: { granted?: number[] } }) => e.packet?.granted?.[0] === 128;
  try {
    await assert.rejects(client.subscribeAsync('outpost/v1/+/telemetry', { qos: 1 }), refusedWith128);
    await assert.rejects(client.subscribeAsync('#', { qos: 0 }), refusedWith128);
  } finally {
    if (!client.connected) await client.endAsync();
  }
  const granted = await client.subscribeAsync(`outpost/v1/${uid}/op/+`, { qos: 1 });
  assert.equal(granted[0]?.qos, 1);
  await client.endAsync();
});

test('bad payloads are rejected with a reason and the broker keeps serving', async () => {
  const client = await connectAsDevice();
  for (const bad of ['not json', '[1,2,3]', '{}', '{"ts":"tomorrow","v":1}', Buffer.from([0xff, 0x00, 0xfe])]) {
    await client.publishAsync(topic, bad as string, { qos: 1 });
  }
  const messages = await eventMessages();
  assert.ok(messages.some((m) => /telemetry rejected: payload is not valid JSON/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /JSON object/.test(m)));
  assert.ok(messages.some((m) => /no values/.test(m)));
  assert.ok(messages.some((m) => /ts/.test(m)));
  // garbage bytes on the wire: this connection dies, the broker does not
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.sendBytes(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
  await waitFor(() => raw.closed, 'raw socket closed');
  await client.publishAsync(topic, '{"after":1}', { qos: 1 });
  assert.equal((await points('after')).buckets.length, 1);
  await client.endAsync();
});

test('a zero-length client id with clean session off is refused with 0x02', async () => {
  const raw = await RawMqtt.open(outpost.mqttPort);
  // built by hand: mqtt-packet itself refuses to generate this CONNECT
  const str = (s: string) => { const b = Buffer.from(s); return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]); };
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc0, 0, 30]), str(''), str(uid), str(token)]);
  raw.sendBytes(Buffer.concat([Buffer.from([0x10, body.length]), body]));
  const connack = await raw.next('connack');
  assert.equal((connack as { returnCode: number }).returnCode, 2);
  raw.destroy();
});

test('last will: a dropped connection turns the device offline with the reason', async () => {
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.send({
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:will`, keepalive: 60,
    username: uid, password: Buffer.from(token),
    will: { topic: `outpost/v1/${uid}/status`, payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  assert.equal((await raw.next('connack') as { returnCode: number }).returnCode, 0);
  await waitFor(async () => (await device()).status === 'online', 'online');
  raw.destroy();
  const d = await waitFor(async () => { const x = await device(); return x.status === 'offline' && x; }, 'offline');
  assert.match(d.statusReason, /without DISCONNECT/);
});

test('keepalive timeout turns the device offline', async () => {
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:ka`, keepalive: 1, username: uid, password: Buffer.from(token) });
  await raw.next('connack');
  await waitFor(async () => (await device()).status === 'online', 'online');
  // no PINGREQ: the broker gives up after 1.5 x keepalive
  const d = await waitFor(async () => { const x = await device(); return x.status === 'offline' && x; }, 'offline', 4000);
  assert.equal(d.statusReason, 'keepalive timeout');
  raw.destroy();
});

test('a QoS 2 message resent before PUBREL is stored once', async () => {
  const raw = await RawMqtt.open(outpost.mqttPort);
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:qos2`, keepalive: 30, username: uid, password: Buffer.from(token) });
  await raw.next('connack');
  const publish = { cmd: 'publish' as const, topic, payload: Buffer.from('{"exactly_once":1}'), qos: 2 as const, messageId: 7, retain: false, dup: false };
  raw.send(publish);
  await raw.next('pubrec');
  raw.packets.length = 0;
  raw.send({ ...publish, dup: true });
  await raw.next('pubrec');
  raw.send({ cmd: 'pubrel', messageId: 7 });
  await raw.next('pubcomp');
  assert.equal((await points('exactly_once')).buckets.length, 1);
  raw.send({ cmd: 'disconnect' });
  raw.destroy();
});
