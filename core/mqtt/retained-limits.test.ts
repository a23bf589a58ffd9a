// A retained flood from one device is refused with a device event, and the server's memory stays flat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { ApiClient, waitFor } from '../testing/harness.js';
import { startChildOutpost, rssMb, stopChild, type ChildOutpost } from '../testing/child-outpost.js';
import { DEFAULT_RETAINED_LIMITS } from './retained-quota.js';

const uid = 'flooder';
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-retained-'));
let core: ChildOutpost;
let api: ApiClient;
let token: string;

before(async () => {
  core = await startChildOutpost(dataDir);
  api = new ApiClient(core.url);
  await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
  token = (await api.post('/api/devices', { uid, name: 'Flooder' })).body.credentials.token;
});
after(async () => {
  await stopChild(core.child);
  rmSync(dataDir, { recursive: true, force: true });
});

const connect = (clientId: string) => mqtt.connectAsync({
  host: '127.0.0.1', port: core.mqttPort, clientId, username: uid, password: token, reconnectPeriod: 0,
});

/** Publishes one retained message on a fresh connection; true when the broker refused it (closed the connection). */
async function offer(topic: string, payload: Buffer): Promise<boolean> {
  const client = await connect(`${uid}:flood`);
  client.on('error', () => undefined);
  const closed = new Promise<true>((r) => client.once('close', () => r(true)));
  const acked = client.publishAsync(topic, payload, { qos: 1, retain: true }).then(() => false as const, () => true as const);
  const refused = await Promise.race([closed, acked]);
  client.end(true);
  return refused;
}

test('retained messages over the per-device limit are refused, with an event; memory stays bounded', async () => {
  const payload = Buffer.alloc(256 * 1024, 0x61);
  const fits = Math.floor(DEFAULT_RETAINED_LIMITS.perDevice.bytes / (payload.length + 40));
  const rssBefore = rssMb(core.child.pid!);
  let stored = 0;
  let refusals = 0;
  // 600 × 256 KB = 150 MB offered: without a limit all of it stays in the broker's memory
  for (let i = 0; i < 600; i++) {
    if (await offer(`outpost/v1/${uid}/status/${i}`, payload)) refusals++; else stored++;
  }
  assert.equal(stored, fits, `stored ${stored}, refused ${refusals}`);
  const growth = rssMb(core.child.pid!) - rssBefore;
  assert.ok(growth < 100, `server RSS grew by ${growth.toFixed(0)} MB`);

  // exactly the admitted ones are retained
  const sub = await connect(`${uid}:sub`);
  const seen = new Set<string>();
  sub.on('message', (topic, _p, packet) => { if (packet.retain) seen.add(topic); });
  await sub.subscribeAsync(`outpost/v1/${uid}/status/#`, { qos: 0 });
  await waitFor(() => seen.size === fits, `${fits} retained messages`);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(seen.size, fits);

  // from the file: the API lists only the newest 200 events, and each reconnect adds online/offline ones
  const db = new Database(join(dataDir, 'outpost.db'), { readonly: true });
  const refusedEvents = db.prepare("SELECT message, count FROM events WHERE message LIKE 'retained message refused: this device%'").all() as Array<{ count: number }>;
  db.close();
  assert.ok(refusedEvents.length > 0 && refusedEvents.length <= 4, `${refusedEvents.length} rows for ${refusals} refusals`);
  assert.equal(refusedEvents.reduce((n, e) => n + e.count, 0), refusals);

  // clearing one (empty retained payload) makes room for another
  await sub.publishAsync(`outpost/v1/${uid}/status/0`, '', { qos: 1, retain: true });
  assert.equal(await offer(`outpost/v1/${uid}/status/new`, payload), false);
  await sub.endAsync();
});
