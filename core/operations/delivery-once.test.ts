// An operation reaches a device once: across a dropped connection (persistent or clean session)
// and across Outpost being killed with SIGKILL while operations wait or are under way.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Packet, IPublishPacket } from 'mqtt-packet';
import { startTestOutpost, adminWithDevice, waitFor, ApiClient, type TestOutpost } from '../testing/harness.js';
import { RawMqtt } from '../testing/raw-mqtt.js';
import { startChildOutpost, stopChild } from '../testing/child-outpost.js';
import { opDevice } from '../testing/op-device.js';

const outposts: TestOutpost[] = [];
after(async () => {
  for (const o of outposts) {
    await o.close();
    o.removeData();
  }
});

/** A device speaking raw MQTT: it decides itself whether and when to PUBACK. */
async function rawDevice(port: number, uid: string, token: string, clean: boolean) {
  const raw = await RawMqtt.open(port);
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean, clientId: uid, keepalive: 30, username: uid, password: Buffer.from(token) });
  const connack = await raw.next('connack') as Packet & { sessionPresent: boolean };
  return { raw, sessionPresent: connack.sessionPresent };
}
const subscribeOps = async (raw: RawMqtt, uid: string) => {
  raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: `outpost/v1/${uid}/op/+`, qos: 1 }] });
  await raw.next('suback');
};
const publishesOf = (raw: RawMqtt, topic: string) => raw.packets.filter((p): p is IPublishPacket => p.cmd === 'publish' && p.topic === topic);
const historyTypes = (op: { history: Array<{ type: string }> }) => op.history.map((h) => h.type);

for (const clean of [false, true]) {
  test(`a connection dropped before its PUBACK, ${clean ? 'clean session: sent again as a new attempt' : 'persistent session: the broker resends it, not Outpost'}`, async () => {
    const outpost = await startTestOutpost();
    outposts.push(outpost);
    const uid = 'raw-dev';
    const { api, token } = await adminWithDevice(outpost, uid);
    const first = await rawDevice(outpost.mqttPort, uid, token, clean);
    await subscribeOps(first.raw, uid);
    const id = (await api.post(`/api/devices/${uid}/operations`, { kind: 'system.reboot' })).body.id as number;
    const topic = `outpost/v1/${uid}/op/${id}`;
    await waitFor(() => publishesOf(first.raw, topic).length === 1, 'the op, not acknowledged');
    first.raw.destroy();
    await waitFor(async () => (await api.get(`/api/devices/${uid}`)).body.status === 'offline', 'offline');

    const second = await rawDevice(outpost.mqttPort, uid, token, clean);
    assert.equal(second.sessionPresent, !clean);
    if (clean) await subscribeOps(second.raw, uid);
    const resent = await waitFor(() => publishesOf(second.raw, topic)[0], 'the op again');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(publishesOf(second.raw, topic).length, 1, 'once on this connection');
    second.raw.send({ cmd: 'puback', messageId: resent.messageId! });
    await waitFor(async () => (await api.get(`/api/operations/${id}`)).body.state === 'delivered', 'delivered');
    second.raw.send({ cmd: 'publish', topic: `outpost/v1/${uid}/reply/${id}`, payload: Buffer.from('{"ok":true}'), qos: 1, messageId: 7, retain: false, dup: false });
    const op = await waitFor(async () => {
      const r = await api.get(`/api/operations/${id}`);
      return r.body.state === 'succeeded' ? r.body : undefined;
    }, 'succeeded');
    assert.equal(op.attempts, clean ? 2 : 1);
    assert.equal(historyTypes(op).includes('requeued'), clean);
    second.raw.destroy();
  });
}

test('Outpost killed with SIGKILL: queued and delivered operations are neither lost nor sent twice', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-ops-kill-'));
  let core = await startChildOutpost(dataDir);
  try {
    const api = new ApiClient(core.url);
    await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
    const tokenOf = async (uid: string) => (await api.post('/api/devices', { uid, name: uid })).body.credentials.token as string;
    const sleeperToken = await tokenOf('sleeper');
    const busyToken = await tokenOf('busy');

    // 'busy' has one operation under way (acknowledged, no reply yet) and one waiting behind it
    const busy = await opDevice(core.mqttPort, 'busy', busyToken, { reconnectPeriod: 0 });
    const running = (await api.post('/api/devices/busy/operations', { kind: 'snap.refresh', args: { name: 'core22' } })).body.id as number;
    const behind = (await api.post('/api/devices/busy/operations', { kind: 'snap.remove', args: { name: 'hello-world' } })).body.id as number;
    // 'sleeper' is offline: its operation waits
    const waiting = (await api.post('/api/devices/sleeper/operations', { kind: 'system.reboot' })).body.id as number;
    await waitFor(async () => (await api.get(`/api/operations/${running}`)).body.state === 'delivered', 'under way');
    await busy.progress(running, { done: 1, total: 4, summary: 'Fetch' });
    await waitFor(async () => (await api.get(`/api/operations/${running}`)).body.progress?.done === 1, 'progress');

    await stopChild(core.child, 'SIGKILL');
    busy.client.end(true);
    core = await startChildOutpost(dataDir);
    const api2 = new ApiClient(core.url);
    await api2.post('/api/login', { username: 'owner', password: 'correct horse' });
    for (const id of [running, behind, waiting]) assert.ok((await api2.get(`/api/operations/${id}`)).status === 200, `operation ${id} kept`);

    const sleeper = await opDevice(core.mqttPort, 'sleeper', sleeperToken);
    const busyAgain = await opDevice(core.mqttPort, 'busy', busyToken);
    await waitFor(() => sleeper.received.some((r) => r.opId === waiting), 'the waiting operation after the restart');
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(busyAgain.received.map((r) => r.opId), [], 'the running one is not sent again, the next waits for it');
    await busyAgain.reply(running, { ok: true, result: { refreshed: ['core22'] } });
    await waitFor(() => busyAgain.received.some((r) => r.opId === behind), 'the next one after the reply');
    assert.equal(sleeper.received.filter((r) => r.opId === waiting).length, 1);
    const done = (await api2.get(`/api/operations/${running}`)).body;
    assert.equal(done.state, 'succeeded');
    assert.equal(done.attempts, 1);
    await sleeper.end();
    await busyAgain.end();
  } finally {
    await stopChild(core.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
