// Device identity on the broker: no device (or anonymous client) can end another device's
// session, anonymous access is exactly what the settings say, MQTT 5 clients are told why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { startTestOutpost, adminWithDevice, waitFor, type ApiClient, type TestOutpost } from '../testing/harness.js';
import { createLogger, type LogLevel } from '../log.js';

let outpost: TestOutpost;
let api: ApiClient;
const tokens: Record<string, string> = {};
const lines: string[] = [];

before(async () => {
  outpost = await startTestOutpost(undefined, { log: createLogger({ level: 'debug', sink: (_l: LogLevel, line: string) => lines.push(line) }) });
  let first;
  ({ api, token: tokens.devA, ...first } = await adminWithDevice(outpost, 'devA'));
  const b = await api.post('/api/devices', { uid: 'devB', name: 'B', tags: [] });
  tokens.devB = b.body.credentials.token;
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

const connect = (opts: mqtt.IClientOptions) => mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, reconnectPeriod: 0, connectTimeout: 3000, ...opts });
const device = async (uid: string) => (await api.get(`/api/devices/${uid}`)).body;
const events = async (uid: string) => (await api.get(`/api/devices/${uid}/events`)).body as Array<{ kind: string; message: string; count: number }>;
const settings = (patch: object) => api.call('PUT', '/api/settings', patch);

test("a device cannot take over another device's session with its client id", async () => {
  const b = await connect({ clientId: 'devB', username: 'devB', password: tokens.devB });
  await waitFor(async () => (await device('devB')).status === 'online', 'devB online');
  let bClosed = false;
  b.on('close', () => { bClosed = true; });
  await assert.rejects(connect({ clientId: 'devB', username: 'devA', password: tokens.devA }), /Identifier rejected/i);
  await assert.rejects(connect({ clientId: 'devB:x', username: 'devA', password: tokens.devA }), /Identifier rejected/i);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(bClosed, false, 'devB keeps its connection');
  assert.equal((await device('devB')).status, 'online');
  assert.ok((await events('devA')).some((e) => e.kind === 'refused' && /client id devB is not "devA"/.test(e.message)));
  assert.ok(lines.some((l) => /WARN mqtt: refused devB .* as devA: client id must be "devA"/.test(l)), lines.join('\n'));
  // its own uid and uid:suffix work, side by side
  const a1 = await connect({ clientId: 'devA', username: 'devA', password: tokens.devA });
  const a2 = await connect({ clientId: 'devA:second', username: 'devA', password: tokens.devA });
  assert.ok(a1.connected && a2.connected);
  await Promise.all([a1.endAsync(), a2.endAsync(), b.endAsync()]);
});

test('an anonymous client cannot use a device client id either', async () => {
  assert.equal((await settings({ anonymousMqtt: true })).status, 200);
  try {
    await assert.rejects(connect({ clientId: 'devB' }), /Identifier rejected/i);
    await assert.rejects(connect({ clientId: 'devB:spy' }), /Identifier rejected/i);
    const anon = await connect({ clientId: 'some-sensor' });
    await anon.endAsync();
  } finally {
    await settings({ anonymousMqtt: false });
  }
});

test('turning anonymous access off disconnects anonymous clients at once', async () => {
  await settings({ anonymousMqtt: true });
  const anon = await connect({ clientId: 'anon-1' });
  const closed = new Promise<void>((r) => anon.once('close', () => r()));
  const deviceClient = await connect({ clientId: 'devA', username: 'devA', password: tokens.devA });
  assert.equal((await settings({ anonymousMqtt: false })).status, 200);
  await closed;
  assert.equal(deviceClient.connected, true, 'devices stay connected');
  await assert.rejects(connect({ clientId: 'anon-2' }), /Not authorized/i);
  await deviceClient.endAsync();
});

test('anonymous clients read device data only with their own setting', async () => {
  await settings({ anonymousMqtt: true, anonymousMqttRead: false });
  try {
    const anon = await connect({ clientId: 'reader' });
    const refused = await anon.subscribeAsync('outpost/v1/devA/#', { qos: 0 })
      .then(() => 'granted', (e: { packet?: { granted?: number[] } }) => e.packet?.granted?.[0]);
    assert.equal(refused, 128, 'SUBACK 0x80 without the read setting');
    await anon.publishAsync('outpost/v1/devA/telemetry', '{"anonWrite":1}', { qos: 1 }); // publishing still works
    await anon.endAsync();

    await settings({ anonymousMqttRead: true });
    const reader = await connect({ clientId: 'reader' });
    const ok = await reader.subscribeAsync('outpost/v1/devA/#', { qos: 0 });
    assert.equal(ok[0]?.qos, 0);
    const got = new Promise<string>((r) => reader.once('message', (_t, p) => r(p.toString())));
    const a = await connect({ clientId: 'devA', username: 'devA', password: tokens.devA });
    await a.publishAsync('outpost/v1/devA/events', 'hello reader', { qos: 1 });
    assert.equal(await got, 'hello reader');
    // turning reading off ends subscribed anonymous clients
    const closed = new Promise<void>((r) => reader.once('close', () => r()));
    await settings({ anonymousMqttRead: false });
    await closed;
    await a.endAsync();
  } finally {
    await settings({ anonymousMqtt: false, anonymousMqttRead: false });
  }
});

test('an MQTT 5 client gets the 3.1.1 refusal, a log line and a device event that says what to do', async () => {
  await assert.rejects(connect({ clientId: 'devA', username: 'devA', password: tokens.devA, protocolVersion: 5 }), /Unsupported protocol version|protocol/i);
  await waitFor(async () => (await events('devA')).some((e) => /MQTT 5.*protocol version 3\.1\.1/.test(e.message)), 'MQTT 5 event');
  assert.ok(lines.some((l) => /MQTT 5 is not supported/.test(l)));
});

test('2,000 wrong-token connects become one event row with a count; other events stay visible', async () => {
  const a = await connect({ clientId: 'devA', username: 'devA', password: tokens.devA });
  await a.publishAsync('outpost/v1/devA/events', 'a device event before the flood', { qos: 1 });
  await a.endAsync();
  const attempts = 2000;
  for (let i = 0; i < attempts; i += 50) {
    await Promise.all(Array.from({ length: 50 }, () => connect({ clientId: 'devA', username: 'devA', password: 'wrong' }).then(
      () => assert.fail('accepted a wrong token'), () => undefined)));
  }
  const list = await events('devA');
  const failures = list.filter((e) => e.kind === 'auth-failed');
  assert.ok(failures.length <= 2, `${failures.length} auth-failed rows (one per minute and source)`);
  assert.equal(failures.reduce((n, e) => n + e.count, 0), attempts);
  assert.ok(list.some((e) => e.message === 'a device event before the flood'));
});
