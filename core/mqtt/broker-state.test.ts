// Broker state across a kill -9: a persistent session with its queued QoS 1 message, a retained
// message, and the will of a device that was connected when Outpost died.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type IClientOptions, type MqttClient, type IConnackPacket } from 'mqtt';
import { ApiClient, waitFor } from '../testing/harness.js';
import { RawMqtt } from '../testing/raw-mqtt.js';
import { startChildOutpost, stopChild, type ChildOutpost } from '../testing/child-outpost.js';

type Core = ChildOutpost;
const startCore = (dataDir: string) => startChildOutpost(dataDir);
const kill9 = (core: Core) => stopChild(core.child, 'SIGKILL');

async function provision(core: Core, uid: string): Promise<string> {
  const api = new ApiClient(core.url);
  assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
  const created = await api.post('/api/devices', { uid, name: uid });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  return created.body.credentials.token as string;
}

/** Connects and resolves with the client and its CONNACK; 'message' listeners can go on before. */
function connect(options: IClientOptions, onMessage?: (topic: string, payload: Buffer, retain: boolean) => void) {
  const client = mqtt.connect({ host: '127.0.0.1', reconnectPeriod: 0, protocolVersion: 4, connectTimeout: 5000, ...options });
  if (onMessage) client.on('message', (topic, payload, packet) => onMessage(topic, payload, packet.retain));
  return new Promise<{ client: MqttClient; connack: IConnackPacket }>((resolve, reject) => {
    client.once('connect', (connack) => resolve({ client, connack }));
    client.once('error', reject);
  });
}

/** Polls the database file, as a second reader would (WAL lets it read while core writes). */
function countRows(dataDir: string, sql: string, ...params: string[]): number {
  const db = new Database(join(dataDir, 'outpost.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...params) as number;
  } finally {
    db.close();
  }
}

test('a persistent session, its queued QoS 1 message and a retained message survive kill -9', { timeout: 30_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-broker-state-'));
  let core = await startCore(dataDir);
  const clients: MqttClient[] = [];
  try {
    const uid = 'sess-1';
    const token = await provision(core, uid);
    const as = (clientId: string, clean: boolean): IClientOptions => ({ port: core.mqttPort, username: uid, password: token, clientId, clean });
    // not op/: only Outpost publishes there; any other topic under the root is queued the same way
    const opTopic = `outpost/v1/${uid}/inbox/42`;
    const statusTopic = `outpost/v1/${uid}/status`;

    const first = await connect(as(uid, false));
    await first.client.subscribeAsync(`outpost/v1/${uid}/inbox/+`, { qos: 1 });
    await first.client.endAsync();

    // a raw connection, so that Outpost is killed the moment the second PUBACK arrives: whatever
    // an ack promised must be on disk by then
    const raw = await RawMqtt.open(core.mqttPort);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `${uid}:pub`, keepalive: 30, username: uid, password: Buffer.from(token) });
    await raw.next('connack');
    const killed = new Promise<void>((resolve) => raw.onPacket((p) => {
      if (p.cmd === 'puback' && p.messageId === 2) { core.child.kill('SIGKILL'); resolve(); }
    }));
    raw.send({ cmd: 'publish', topic: statusTopic, payload: Buffer.from('online'), qos: 1, messageId: 1, retain: true, dup: false });
    raw.send({ cmd: 'publish', topic: opTopic, payload: Buffer.from('reboot'), qos: 1, messageId: 2, retain: false, dup: false });
    await killed;
    raw.destroy();
    await kill9(core);
    assert.equal(countRows(dataDir, 'SELECT count(*) FROM broker_retained WHERE topic = ?', statusTopic), 1, 'retained before its ack');
    assert.equal(countRows(dataDir, 'SELECT count(*) FROM broker_outgoing WHERE client_id = ?', uid), 1, 'queued before its ack');

    core = await startCore(dataDir);
    const received: string[] = [];
    const back = await connect(as(uid, false), (topic, payload) => received.push(`${topic} ${payload}`));
    clients.push(back.client);
    assert.equal(back.connack.sessionPresent, true, 'the session was restored');
    await waitFor(() => received.includes(`${opTopic} reboot`), 'the queued message', 5000);

    // a later message, delivered after any duplicate of the first would have been
    const pub2 = await connect(as(`${uid}:pub`, true));
    clients.push(pub2.client);
    await pub2.client.publishAsync(`outpost/v1/${uid}/inbox/43`, 'marker', { qos: 1 });
    await waitFor(() => received.includes(`outpost/v1/${uid}/inbox/43 marker`), 'the marker message', 5000);
    assert.deepEqual(received.filter((m) => m.startsWith(opTopic)), [`${opTopic} reboot`], 'delivered exactly once');

    const retained: Array<[string, boolean]> = [];
    const fresh = await connect(as(`${uid}:fresh`, true), (_t, payload, retain) => retained.push([payload.toString(), retain]));
    clients.push(fresh.client);
    await fresh.client.subscribeAsync(statusTopic, { qos: 1 });
    await waitFor(() => retained.length > 0, 'the retained status', 5000);
    assert.deepEqual(retained, [['online', true]]);
  } finally {
    for (const c of clients) c.end(true);
    await kill9(core);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the will of a device connected at a kill -9 is published right after the restart', { timeout: 30_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-broker-will-'));
  let core = await startCore(dataDir);
  const clients: MqttClient[] = [];
  try {
    const uid = 'will-1';
    const token = await provision(core, uid);
    const statusTopic = `outpost/v1/${uid}/status`;
    // the will is stored before CONNACK
    const device = await connect({
      port: core.mqttPort, username: uid, password: token, clientId: uid, clean: true,
      will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    device.client.on('error', () => undefined);
    clients.push(device.client);
    await kill9(core);

    const restartedAt = Date.now();
    core = await startCore(dataDir);
    const seen: Array<[string, boolean]> = [];
    const watcher = await connect({ port: core.mqttPort, username: uid, password: token, clientId: `${uid}:watch`, clean: true },
      (_t, payload, retain) => seen.push([payload.toString(), retain]));
    clients.push(watcher.client);
    await watcher.client.subscribeAsync(statusTopic, { qos: 1 });
    await waitFor(() => seen.length > 0, 'the will, retained', 5000);
    assert.deepEqual(seen, [['offline', true]]);
    assert.ok(Date.now() - restartedAt < 10_000, 'published within seconds of the restart');
    // and done with: a further restart does not publish it again
    assert.equal(countRows(dataDir, 'SELECT count(*) FROM broker_wills WHERE client_id = ?', uid), 0);
  } finally {
    for (const c of clients) c.end(true);
    await kill9(core);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
