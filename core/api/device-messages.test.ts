// The device message explorer against a real broker: the SSE stream of a device's messages and the
// operator's publish route. Devices are MQTT.js clients and Debian's mosquitto_pub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { get } from 'node:http';
import { startTestOutpost, adminWithDevice, connectDevice, waitFor, ApiClient, openLiveStream, type LiveStream } from '../testing/harness.js';
import { DeviceMessageEvent, type DeviceMessage } from '../contract/device-messages.js';
import { MAX_STREAMS, QUEUE_ITEMS } from './device-message-stream.js';

const run = promisify(execFile);
let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let api: ApiClient;
let token: string;
let otherToken: string;
const uid = 'sensor-1';
// a uid that starts like the first: its topics must not leak into sensor-1's stream
const other = 'sensor-10';
const root = `outpost/v1/${uid}`;

before(async () => {
  outpost = await startTestOutpost();
  ({ api, token } = await adminWithDevice(outpost, uid));
  otherToken = (await api.post('/api/devices', { uid: other, name: 'Other', tags: [] })).body.credentials.token;
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

const connect = (who = uid, password = token, suffix = String(Math.random())) =>
  connectDevice(outpost.mqttPort, who, password, { clientId: `${who}:${suffix}` });

/** The events of an SSE text, parsed with the contract's schema. */
function events(text: string): DeviceMessageEvent[] {
  const out: DeviceMessageEvent[] = [];
  const blocks = text.split('\n\n');
  blocks.pop(); // not complete yet (or empty)
  for (const block of blocks) {
    const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
    if (data) out.push(DeviceMessageEvent.parse(JSON.parse(data)));
  }
  return out;
}
const messagesOf = (text: string): DeviceMessage[] =>
  events(text).flatMap((e) => (e.type === 'message' ? [e.message] : []));
const openStream = (device = uid, cookie = api.cookie) => openLiveStream(outpost.url, cookie, `/api/devices/${device}/messages/stream`);
const synced = (s: LiveStream) => waitFor(() => events(s.text()).some((e) => e.type === 'synced'), 'synced');

/**
 * mosquitto_pub as the device, returning once the broker has sent the message on: aedes acks a
 * QoS 1 publish before it delivers it, so a stream opened right after the ack could see it live.
 */
async function mosquittoPub(topic: string, ...args: string[]) {
  const witness = await openStream();
  try {
    await synced(witness);
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(outpost.mqttPort), '-i', `${uid}:pub`, '-u', uid, '-P', token,
      '-q', '1', '-t', topic, ...args]);
    await waitFor(() => messagesOf(witness.text()).some((m) => m.topic === topic && m.origin === 'live'), `${topic} delivered`);
  } finally {
    await witness.close();
  }
}

test('the stream sends the stored retained messages first, marked as such, then live ones', async () => {
  await mosquittoPub(`${root}/status`, '-r', '-m', 'maintenance');
  const stream = await openStream();
  try {
    assert.equal(stream.response.status, 200);
    assert.match(stream.response.headers.get('content-type') ?? '', /text\/event-stream/);
    await synced(stream);
    const device = await connect();
    await device.publishAsync(`${root}/telemetry`, JSON.stringify({ t: 21.5 }), { qos: 1 });
    await waitFor(() => messagesOf(stream.text()).some((m) => m.origin === 'live'), 'the live message');
    await device.endAsync();

    const seen = events(stream.text());
    assert.deepEqual(seen.map((e) => e.type), ['hello', 'message', 'synced', 'message']);
    assert.deepEqual(seen[0], { type: 'hello', uid, root: `${root}/`, maxPayloadShown: 64 * 1024, queueLimit: QUEUE_ITEMS });
    const [stored, live] = messagesOf(stream.text());
    assert.deepEqual(stored, {
      topic: `${root}/status`, payload: 'maintenance', encoding: 'text', size: 11, truncated: false, qos: 1, retain: true,
      ts: null, direction: null, origin: 'retained', // the store keeps neither time nor publisher
    });
    assert.equal(live!.topic, `${root}/telemetry`);
    assert.equal(live!.payload, '{"t":21.5}');
    assert.deepEqual([live!.qos, live!.retain, live!.direction, live!.origin], [1, false, 'from-device', 'live']);
    assert.ok(live!.ts !== null && Math.abs(live!.ts - Date.now()) < 5000);
  } finally {
    await stream.close();
  }
  // cleared, so that the next tests' streams start without it
  await mosquittoPub(`${root}/status`, '-r', '-n');
});

test("only the device's own root is streamed, any topic below it, with binary payloads as base64 and big ones capped", async () => {
  const stream = await openStream();
  try {
    await synced(stream);
    const device = await connect();
    const neighbour = await connect(other, otherToken);
    await neighbour.publishAsync(`outpost/v1/${other}/telemetry`, '{"x":1}', { qos: 1 });
    await neighbour.publishAsync(`outpost/v1/${other}/status`, 'not yours', { qos: 1 });
    await device.publishAsync(`${root}/custom/deep/topic`, Buffer.from([0xff, 0x00, 0x10]), { qos: 0 });
    await device.publishAsync(`${root}/blob`, Buffer.alloc(100 * 1024, 'a'), { qos: 1 });
    await device.publishAsync(`${root}/last`, 'end', { qos: 1 });
    await waitFor(() => messagesOf(stream.text()).some((m) => m.topic === `${root}/last`), 'the last message');
    await Promise.all([device.endAsync(), neighbour.endAsync()]);

    const got = messagesOf(stream.text());
    assert.deepEqual(got.map((m) => m.topic), [`${root}/custom/deep/topic`, `${root}/blob`, `${root}/last`]);
    assert.deepEqual([got[0]!.encoding, got[0]!.payload, got[0]!.size], ['base64', Buffer.from([0xff, 0x00, 0x10]).toString('base64'), 3]);
    assert.deepEqual([got[1]!.payload.length, got[1]!.size, got[1]!.truncated], [64 * 1024, 100 * 1024, true]);
  } finally {
    await stream.close();
  }
});

test('nobody watching costs nothing: no message is built, and watching one device builds none for another', async () => {
  await waitFor(() => outpost.messageTapStats().watchers === 0, 'no watchers left');
  const { built } = outpost.messageTapStats();
  const device = await connect();
  for (let i = 0; i < 20; i++) await device.publishAsync(`${root}/telemetry`, JSON.stringify({ n: i }), { qos: 1 });
  assert.deepEqual(outpost.messageTapStats(), { watchedDevices: 0, watchers: 0, built });

  const watchingOther = await openStream(other);
  try {
    await synced(watchingOther);
    assert.deepEqual(outpost.messageTapStats(), { watchedDevices: 1, watchers: 1, built });
    for (let i = 0; i < 20; i++) await device.publishAsync(`${root}/telemetry`, JSON.stringify({ n: i }), { qos: 1 });
    assert.equal(outpost.messageTapStats().built, built, "sensor-1's messages are not built for sensor-10's watcher");
  } finally {
    await watchingOther.close();
    await device.endAsync();
  }
  // the watcher goes with its connection
  await waitFor(() => outpost.messageTapStats().watchedDevices === 0, 'the watcher removed');
});

test('a subscriber that does not read loses the oldest messages, is told how many, and gets the newest', async () => {
  const total = 2000;
  const payload = 'x'.repeat(16 * 1024); // 2000 × 16 KiB = 32 MiB published, far beyond the queue's bound
  const { built } = outpost.messageTapStats();
  let text = '';
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    get(`${outpost.url}/api/devices/${uid}/messages/stream`, { headers: { cookie: api.cookie } }, resolve).on('error', reject);
  });
  response.setEncoding('utf8');
  response.on('data', (d: string) => { text += d; });
  try {
    await waitFor(() => events(text).some((e) => e.type === 'synced'), 'synced');
    response.pause(); // reads nothing more: the socket's buffers fill, then the server-side queue
    const device = await connect();
    for (let i = 0; i < total; i++) await device.publishAsync(`${root}/flood`, i === total - 1 ? 'newest' : payload, { qos: 0 });
    await device.publishAsync(`${root}/flood-done`, 'sync', { qos: 1 });
    await waitFor(() => outpost.messageTapStats().built >= built + total + 1, 'every message reached the tap', 20_000);
    await device.endAsync();
    response.resume();
    await waitFor(() => messagesOf(text).some((m) => m.topic === `${root}/flood-done`), 'the last message after resuming', 20_000);

    const seen = events(text);
    const received = seen.filter((e) => e.type === 'message' && e.message.topic === `${root}/flood`).length;
    const drops = seen.flatMap((e) => (e.type === 'dropped' ? [e] : []));
    assert.ok(drops.length > 0, 'the client is told about dropped messages');
    const dropped = drops.at(-1)!.total;
    assert.equal(drops.reduce((n, e) => n + e.count, 0), dropped, 'counts add up to the total');
    assert.equal(received + dropped, total, 'every message was either sent or counted as dropped');
    assert.ok(received < total / 2, `most were dropped, not held in memory (received ${received})`);
    assert.ok(messagesOf(text).some((m) => m.payload === 'newest'), 'the newest message is kept, the oldest dropped');
  } finally {
    response.destroy();
  }
});

test('open streams are bounded in number (each may hold its queue), and a closed one frees its place', async () => {
  await waitFor(() => outpost.messageTapStats().watchers === 0, 'no watchers left');
  const open: LiveStream[] = [];
  try {
    for (let i = 0; i < MAX_STREAMS; i++) open.push(await openStream(i % 2 === 0 ? uid : other));
    await waitFor(() => outpost.messageTapStats().watchers === MAX_STREAMS, 'all watching');
    const refused = await fetch(`${outpost.url}/api/devices/${uid}/messages/stream`, { headers: { cookie: api.cookie } });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.match((await refused.json()).error, /message streams are open already/);
    await open.pop()!.close();
    await waitFor(() => outpost.messageTapStats().watchers === MAX_STREAMS - 1, 'one closed');
    open.push(await openStream());
    assert.equal(open.at(-1)!.response.status, 200);
  } finally {
    await Promise.all(open.map((s) => s.close()));
  }
});

test('the stream needs a login and a known device', async () => {
  assert.equal((await fetch(`${outpost.url}/api/devices/${uid}/messages/stream`)).status, 401);
  const missing = await fetch(`${outpost.url}/api/devices/nope/messages/stream`, { headers: { cookie: api.cookie } });
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { error: 'no device nope' });
});

test('an operator publishes under the device root: the device receives it, the stream shows it, the audit log has it', async () => {
  const device = await connect(uid, token, 'listener');
  const received: Array<{ topic: string; payload: string; retain: boolean }> = [];
  device.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString(), retain: packet.retain }));
  await device.subscribeAsync(`${root}/#`, { qos: 1 });
  const stream = await openStream();
  try {
    await synced(stream);
    const r = await api.post(`/api/devices/${uid}/messages`, { topic: `${root}/cmd/led`, payload: '{"on":true}', qos: 1, retain: false });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { topic: `${root}/cmd/led`, bytes: 11, qos: 1, retain: false });
    await waitFor(() => received.length > 0, 'the device receives it');
    assert.deepEqual(received, [{ topic: `${root}/cmd/led`, payload: '{"on":true}', retain: false }]);
    const shown = await waitFor(() => messagesOf(stream.text()).find((m) => m.topic === `${root}/cmd/led`), 'shown in the stream');
    assert.deepEqual([shown.direction, shown.qos, shown.payload], ['to-device', 1, '{"on":true}']);

    // base64 for bytes; defaults QoS 0, no retain
    const bin = await api.post(`/api/devices/${uid}/messages`, { topic: `${root}/cmd/raw`, payload: '//4AQQ==', encoding: 'base64' });
    assert.deepEqual(bin.body, { topic: `${root}/cmd/raw`, bytes: 4, qos: 0, retain: false });
    await waitFor(() => received.length === 2, 'the binary message');

    const audit = (await api.get('/api/audit')).body as Array<{ action: string; target: string; detail: Record<string, unknown> }>;
    const entry = audit.find((a) => a.action === 'message-published' && a.detail['topic'] === `${root}/cmd/led`);
    assert.ok(entry, 'audited');
    assert.deepEqual([entry.target, entry.detail['qos'], entry.detail['bytes'], entry.detail['payload']], [`device:${uid}`, 1, 11, '{"on":true}']);
  } finally {
    await stream.close();
    await device.endAsync();
  }
});

test('a retained message published by an operator is in the next stream\'s retained messages', async () => {
  const r = await api.post(`/api/devices/${uid}/messages`, { topic: `${root}/config`, payload: 'interval=60', qos: 1, retain: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const stream = await openStream();
  try {
    await synced(stream);
    const stored = messagesOf(stream.text()).find((m) => m.topic === `${root}/config`);
    assert.deepEqual([stored?.payload, stored?.retain, stored?.origin], ['interval=60', true, 'retained']);
  } finally {
    await stream.close();
    await api.post(`/api/devices/${uid}/messages`, { topic: `${root}/config`, payload: '', retain: true }); // cleared
  }
});

test('the publish route refuses bad input with a clear 400, and viewers with 403', async () => {
  const publish = (body: unknown, device = uid, client = api) => client.post(`/api/devices/${device}/messages`, body);
  const cases: Array<[unknown, RegExp]> = [
    [{ topic: `outpost/v1/${other}/cmd`, payload: 'x' }, /topic must be under outpost\/v1\/sensor-1\//],
    [{ topic: 'elsewhere/cmd', payload: 'x' }, /topic must be under/],
    [{ topic: `${root}`, payload: 'x' }, /topic must be under/],
    [{ topic: `${root}/`, payload: 'x' }, /topic must be under/],
    [{ topic: `${root}/#`, payload: 'x' }, /cannot have the wildcards/],
    [{ topic: `${root}/a`, payload: 'x', qos: 2 }, /QoS must be 0 or 1/],
    [{ topic: `${root}/a`, payload: 'x', qos: '1' }, /QoS must be 0 or 1/],
    [{ topic: `${root}/a`, payload: 'x', retain: 'yes' }, /retain must be true or false/],
    [{ topic: `${root}/a` }, /payload must be text/],
    [{ payload: 'x' }, /a topic is needed/],
    [{ topic: `${root}/a`, payload: 'not base64!', encoding: 'base64' }, /not valid base64/],
  ];
  for (const [body, message] of cases) {
    const r = await publish(body);
    assert.equal(r.status, 400, `${JSON.stringify(body)} -> ${JSON.stringify(r.body)}`);
    assert.match(r.body.error, message);
  }
  assert.equal((await publish({ topic: 'outpost/v1/nope/a', payload: 'x' }, 'nope')).status, 404);

  // bigger than the broker's packet limit (Settings, 1024 bytes at least)
  assert.equal((await api.call('PUT', '/api/settings', { mqttMaxPacketBytes: 1024 })).status, 200);
  try {
    const big = await publish({ topic: `${root}/a`, payload: 'y'.repeat(2000) });
    assert.equal(big.status, 400);
    assert.match(big.body.error, /2\d{3}-byte MQTT packet; the broker's limit is 1024 bytes/);
    assert.equal((await publish({ topic: `${root}/a`, payload: 'y'.repeat(900) })).status, 200, 'under the limit it goes');
  } finally {
    await api.call('PUT', '/api/settings', { mqttMaxPacketBytes: 1024 * 1024 });
  }

  await api.post('/api/users', { username: 'vic', password: 'password-123', role: 'viewer' });
  const viewer = new ApiClient(outpost.url);
  assert.equal((await viewer.post('/api/login', { username: 'vic', password: 'password-123' })).status, 200);
  const refused = await publish({ topic: `${root}/a`, payload: 'x' }, uid, viewer);
  assert.equal(refused.status, 403);
  // a viewer may watch
  const stream = await openStream(uid, viewer.cookie);
  try {
    assert.equal(stream.response.status, 200);
    await synced(stream);
  } finally {
    await stream.close();
  }
});
