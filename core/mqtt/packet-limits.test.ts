// Packet size limits against a real Outpost: a packet over the limit closes its connection as soon
// as its fixed header is read, so its body is never buffered (issue 5 §1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcpConnect, type Socket } from 'node:net';
import { once } from 'node:events';
import mqtt, { type MqttClient } from 'mqtt';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { startTestOutpost, adminWithDevice, waitFor, type TestOutpost } from '../testing/harness.js';
import { RawMqtt, fixedHeader } from '../testing/raw-mqtt.js';
import { createLogger } from '../log.js';

const MiB = 1024 * 1024;

// connections of the running test, closed when it ends: a failed assertion leaves none open
const raws: RawMqtt[] = [];
const clients: MqttClient[] = [];
async function openRaw(port: number): Promise<RawMqtt> {
  const raw = await RawMqtt.open(port);
  raws.push(raw);
  return raw;
}
function closeConnections() {
  for (const r of raws.splice(0)) r.destroy();
  for (const c of clients.splice(0)) c.end(true);
}

async function outpostWithLog(): Promise<{ outpost: TestOutpost; warnings: string[] }> {
  const warnings: string[] = [];
  const log = createLogger({ level: 'warn', sink: (_level, line) => warnings.push(line) });
  return { outpost: await startTestOutpost(undefined, { log }), warnings };
}


const connectPacket = (clientId: string, username?: string, password?: string, extra: Partial<Packet> = {}) =>
  mqttPacket.generate({
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 30, clientId,
    ...(username === undefined ? {} : { username, password: Buffer.from(password ?? '') }), ...extra,
  } as Packet);

function publishPacket(topic: string, payload: Buffer, messageId = 1): Buffer {
  return mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 1, messageId, retain: false, dup: false });
}

async function device(outpost: TestOutpost, uid: string, token: string, suffix?: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, clientId: suffix ? `${uid}:${suffix}` : uid, username: uid, password: token, reconnectPeriod: 0 });
  clients.push(client);
  return client;
}

/** A subscriber of the device under its own root that collects what it receives. */
async function subscriber(outpost: TestOutpost, uid: string, token: string, topic: string) {
  const client = await device(outpost, uid, token, 'sub');
  const received: Buffer[] = [];
  client.on('message', (_t, payload) => received.push(payload));
  await client.subscribeAsync(topic, { qos: 1 });
  return { client, received };
}

/** Resolves true when the client's connection was closed within `ms`, false otherwise. */
function closedWithin(client: MqttClient, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.once('close', () => { clearTimeout(timer); resolve(true); });
  });
}

const connackCode = async (raw: RawMqtt) => ((await raw.next('connack')) as { returnCode?: number }).returnCode;

const payload = (bytes: number, seed: number) => Buffer.alloc(bytes, seed);

/**
 * Sends the header of a CONNECT declaring `declared` body bytes, then streams zeros (with
 * backpressure) until the server closes or all of them are sent.
 */
async function streamHugeConnect(port: number, declared: number, giveUpMs: number) {
  const socket: Socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => undefined); // EPIPE / ECONNRESET once the server closed
  await once(socket, 'connect');
  let closed = false;
  // not events.once: it rejects on the 'error' that comes with the close
  const closedP = new Promise<void>((resolve) => socket.once('close', () => { closed = true; resolve(); }));
  const real = connectPacket('huge');
  // a genuine CONNECT start (protocol name, level, flags, client id) behind a header that lies about the size
  const start = Buffer.concat([fixedHeader(0x10, declared), real.subarray(2)]);
  const started = Date.now();
  socket.write(start);
  let sent = start.length - 2;
  const chunk = Buffer.alloc(64 * 1024);
  while (!closed && sent < declared && Date.now() - started < giveUpMs) {
    const n = Math.min(chunk.length, declared - sent);
    const ok = socket.write(n === chunk.length ? chunk : chunk.subarray(0, n));
    sent += n;
    if (!ok) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closedP]);
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closedP, new Promise((resolve) => { timer = setTimeout(resolve, Math.max(0, giveUpMs - (Date.now() - started))); })]);
  clearTimeout(timer);
  const result = { closed, closedAfterMs: Date.now() - started, written: socket.bytesWritten };
  socket.destroy();
  return result;
}

test('five CONNECTs declaring 200 MB each are closed after their header; memory stays put', { timeout: 90_000 }, async (t) => {
  const { outpost, warnings } = await outpostWithLog();
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  try {
    const before = process.memoryUsage().rss;
    peak = before;
    const declared = 200 * MiB;
    const results = await Promise.all(Array.from({ length: 5 }, () => streamHugeConnect(outpost.mqttPort, declared, 15_000)));
    peak = Math.max(peak, process.memoryUsage().rss);
    const growth = peak - before;
    t.diagnostic(`closed after ${results.map((r) => r.closedAfterMs).join(', ')} ms; written ${results.map((r) => Math.round(r.written / 1024)).join(', ')} KiB; RSS +${Math.round(growth / MiB)} MB`);
    for (const r of results) {
      assert.ok(r.closed, `connection not closed after ${r.closedAfterMs} ms, ${r.written} bytes written`);
      assert.ok(r.closedAfterMs < 5000, `closed only after ${r.closedAfterMs} ms`);
      // what loopback socket buffers take before the close arrives; without the guard all 200 MB go in
      assert.ok(r.written < 32 * MiB, `the client wrote ${r.written} bytes`);
    }
    assert.ok(growth < 100 * MiB, `RSS grew by ${Math.round(growth / MiB)} MB`);
    const refusals = warnings.filter((w) => /closed the connection from 127\.0\.0\.1:\d+: packet of 209715205 bytes declared, over the limit of 65536 bytes before authentication/.test(w));
    assert.equal(refusals.length, 5, warnings.join('\n'));

    // the broker still serves
    const { token } = await adminWithDevice(outpost, 'after');
    const ok = await device(outpost, 'after', token);
    await ok.publishAsync('outpost/v1/after/telemetry', '{"t":1}', { qos: 1 });
    await ok.endAsync();
  } finally {
    clearInterval(sampler);
    closeConnections();
    await outpost.close();
    outpost.removeData();
  }
});

test('an authenticated device may send up to the configured size; a raised setting applies to new connections', { timeout: 60_000 }, async () => {
  const { outpost, warnings } = await outpostWithLog();
  const uid = 'big';
  const topic = `outpost/v1/${uid}/blob`;
  try {
    const { api, token } = await adminWithDevice(outpost, uid);
    const sub = await subscriber(outpost, uid, token, topic);
    const pub = await device(outpost, uid, token);

    // 900 KB: under the default 1 MiB, delivered whole
    const fine = payload(900 * 1024, 0x41);
    await pub.publishAsync(topic, fine, { qos: 1 });
    await waitFor(() => sub.received.length === 1, '900 KB message delivered', 10_000);
    assert.ok(sub.received[0]!.equals(fine));

    // 2 MB: the connection is closed, nothing is delivered
    const big = payload(2 * MiB, 0x42);
    const closing = closedWithin(pub, 5000);
    pub.publish(topic, big, { qos: 1 }, () => undefined);
    assert.equal(await closing, true, 'connection with a 2 MB publish closed');
    assert.ok(warnings.some((w) => w.includes(`(client ${uid}): packet of ${publishPacket(topic, big).length} bytes declared, over the limit of ${MiB} bytes`)), warnings.join('\n'));
    pub.end(true);

    // a connection made before the change keeps the limit it got when it authenticated
    const early = await device(outpost, uid, token, 'early');
    const raised = await api.call('PUT', '/api/settings', { mqttMaxPacketBytes: 4 * MiB });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.equal(raised.body.settings.mqttMaxPacketBytes, 4 * MiB);
    const earlyClosed = closedWithin(early, 5000);
    early.publish(topic, big, { qos: 1 }, () => undefined);
    assert.equal(await earlyClosed, true, 'connection from before the change still limited to 1 MiB');
    early.end(true);

    // a new connection may send 2 MB now
    const later = await device(outpost, uid, token, 'later');
    const big2 = payload(2 * MiB, 0x43);
    await later.publishAsync(topic, big2, { qos: 1 });
    await waitFor(() => sub.received.length === 2, '2 MB message delivered after raising the limit', 10_000);
    assert.ok(sub.received[1]!.equals(big2));
    assert.ok(!sub.received.some((r) => r.equals(big)), 'a refused message was never delivered');
    await later.endAsync();

    // bounds of the setting
    for (const bad of [0, 1023, 64 * MiB + 1, 1024.5]) {
      assert.equal((await api.call('PUT', '/api/settings', { mqttMaxPacketBytes: bad })).status, 400, `setting ${bad}`);
    }
    await sub.client.endAsync();
  } finally {
    closeConnections();
    await outpost.close();
    outpost.removeData();
  }
});

test('before authentication: a 100 KB CONNECT is closed, 64 KiB passes, a bad length byte closes', { timeout: 30_000 }, async () => {
  const { outpost, warnings } = await outpostWithLog();
  const uid = 'pre';
  try {
    const { token } = await adminWithDevice(outpost, uid);

    // 100 KB of password from somebody not yet authenticated
    const hundred = await openRaw(outpost.mqttPort);
    const started = Date.now();
    hundred.sendBytes(connectPacket(`${uid}:a`, uid, 'x'.repeat(100 * 1024)));
    await waitFor(() => hundred.closed, '100 KB CONNECT closed', 5000);
    assert.ok(Date.now() - started < 3000);
    assert.equal(hundred.packets.length, 0, 'no CONNACK');

    // a CONNECT (with a will) of exactly 64 KiB is fine; one byte more is not
    const will = (bytes: number) => ({ will: { topic: `outpost/v1/${uid}/status`, payload: Buffer.alloc(bytes, 0x77), qos: 0, retain: false } });
    const base = connectPacket(`${uid}:b`, uid, token, will(60_000) as Partial<Packet>).length;
    const exact = connectPacket(`${uid}:b`, uid, token, will(60_000 + 65_536 - base) as Partial<Packet>);
    const over = connectPacket(`${uid}:c`, uid, token, will(60_000 + 65_537 - base) as Partial<Packet>);
    assert.equal(exact.length, 65_536);
    assert.equal(over.length, 65_537);
    const ok = await openRaw(outpost.mqttPort);
    ok.sendBytes(exact);
    assert.equal(await connackCode(ok), 0);
    const refused = await openRaw(outpost.mqttPort);
    refused.sendBytes(over);
    await waitFor(() => refused.closed, '64 KiB + 1 CONNECT closed', 5000);
    assert.equal(refused.packets.length, 0);
    assert.equal(ok.closed, false);
    ok.send({ cmd: 'disconnect' });
    ok.destroy();

    // a remaining length that would need a fifth byte
    const malformed = await openRaw(outpost.mqttPort);
    malformed.sendBytes(Buffer.from([0x10, 0x80, 0x80, 0x80, 0x80, 0x01]));
    await waitFor(() => malformed.closed, 'malformed length closed', 5000);
    assert.ok(warnings.some((w) => w.includes('remaining length longer than 4 bytes')), warnings.join('\n'));
    assert.equal(warnings.filter((w) => w.includes('before authentication')).length, 2, warnings.join('\n'));
  } finally {
    closeConnections();
    await outpost.close();
    outpost.removeData();
  }
});

test('a big PUBLISH sent right behind CONNECT waits for the authentication decision', { timeout: 30_000 }, async () => {
  const { outpost } = await outpostWithLog();
  const uid = 'eager';
  const topic = `outpost/v1/${uid}/blob`;
  try {
    const { token } = await adminWithDevice(outpost, uid);
    const sub = await subscriber(outpost, uid, token, topic);

    // MQTT 3.1.1 lets a client send before CONNACK: 900 KB is over the 64 KiB before-authentication limit
    const body = payload(900 * 1024, 0x45);
    const eager = await openRaw(outpost.mqttPort);
    eager.sendBytes(Buffer.concat([connectPacket(`${uid}:eager`, uid, token), publishPacket(topic, body)]));
    assert.equal(await connackCode(eager), 0);
    await eager.next('puback', 10_000);
    await waitFor(() => sub.received.length === 1, 'pipelined publish delivered', 10_000);
    assert.ok(sub.received[0]!.equals(body));
    eager.destroy();

    // with a wrong token the waiting packet is never read
    const wrong = await openRaw(outpost.mqttPort);
    wrong.sendBytes(Buffer.concat([connectPacket(`${uid}:wrong`, uid, 'not-the-token'), publishPacket(topic, payload(900 * 1024, 0x46))]));
    assert.equal(await connackCode(wrong), 4);
    await waitFor(() => wrong.closed, 'refused client closed', 5000);
    assert.equal(wrong.packets.filter((p) => p.cmd === 'puback').length, 0);

    // and over the configured limit it is refused once the client is known
    const tooBig = await openRaw(outpost.mqttPort);
    tooBig.sendBytes(Buffer.concat([connectPacket(`${uid}:big`, uid, token), publishPacket(topic, payload(2 * MiB, 0x47))]));
    await waitFor(() => tooBig.closed, 'pipelined 2 MB publish closed', 5000);
    assert.equal(tooBig.packets.filter((p) => p.cmd === 'puback').length, 0);
    assert.equal(sub.received.length, 1);
    await sub.client.endAsync();
  } finally {
    closeConnections();
    await outpost.close();
    outpost.removeData();
  }
});

test('packets sent just before the client closes its side are still handled', { timeout: 30_000 }, async () => {
  const { outpost } = await outpostWithLog();
  const uid = 'brief';
  const topic = `outpost/v1/${uid}/blob`;
  try {
    const { token } = await adminWithDevice(outpost, uid);
    const sub = await subscriber(outpost, uid, token, topic);
    const raw = await openRaw(outpost.mqttPort);
    raw.sendBytes(connectPacket(`${uid}:brief`, uid, token));
    assert.equal(await connackCode(raw), 0);
    const qos0 = mqttPacket.generate({ cmd: 'publish', topic, payload: Buffer.from('last words'), qos: 0, retain: false, dup: false });
    // one write, then FIN: what arrived before the end must still reach aedes
    raw.socket.end(Buffer.concat([qos0, mqttPacket.generate({ cmd: 'disconnect' })]));
    await waitFor(() => sub.received.length === 1, 'message before FIN delivered', 5000);
    assert.equal(sub.received[0]!.toString(), 'last words');
  } finally {
    closeConnections();
    await outpost.close();
    outpost.removeData();
  }
});
