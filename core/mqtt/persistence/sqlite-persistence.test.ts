// The aedes-persistence 11 conformance suite against SqlitePersistence on real database files,
// plus what the suite does not ask: state across a reopen, commits, and no SQL on the hot paths.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/open.js';
import { SqlitePersistence } from './sqlite-persistence.js';

const require = createRequire(import.meta.url);
const abstractPersistence = require('aedes-persistence/abstract.js') as (opts: object) => void;

const root = mkdtempSync(join(tmpdir(), 'outpost-broker-state-'));
const open: Db[] = [];
let n = 0;
const freshDb = (dir = join(root, `db-${n++}`)) => {
  const db = openDatabase(dir);
  open.push(db);
  return { db, dir };
};
after(() => {
  for (const db of open) if (db.$client.open) db.$client.close();
  rmSync(root, { recursive: true, force: true });
});

// every test of the suite gets an empty database of its own; testAsync: the async interface,
// with setup(broker) called by the suite as aedes does
abstractPersistence({ test, testAsync: true, persistence: () => new SqlitePersistence(freshDb().db) });

const broker = (id: string) => ({ id, counter: 0 });
const collect = async (stream: AsyncIterable<unknown>) => {
  const out: unknown[] = [];
  for await (const item of stream) out.push(item);
  return out;
};

test('broker state survives closing and reopening the database', async () => {
  const { db, dir } = freshDb();
  const before = new SqlitePersistence(db);
  await before.setup(broker('run-1'));
  const client = { id: 'dev-1', clean: false };
  await before.addSubscriptions(client, [
    { topic: 'outpost/v1/dev-1/op/+', qos: 1, rh: 0, rap: false, nl: false },
    { topic: 'outpost/v1/dev-1/quiet', qos: 0 },
  ]);
  await before.storeRetained({ cmd: 'publish', topic: 'outpost/v1/dev-1/status', payload: Buffer.from('online'), qos: 1, retain: true });
  const sent = { cmd: 'publish', topic: 'outpost/v1/dev-1/op/7', payload: Buffer.from([0, 1, 2, 255]), qos: 1, retain: false, dup: false, brokerId: 'run-1', brokerCounter: 5 };
  await before.outgoingEnqueueCombi([{ clientId: 'dev-1' }], sent);
  await before.outgoingEnqueueCombi([{ clientId: 'dev-1' }], { ...sent, brokerCounter: 6, payload: Buffer.from('second') });
  await before.outgoingUpdate(client, { ...sent, messageId: 11 });
  await before.incomingStorePacket(client, { cmd: 'publish', topic: 'outpost/v1/dev-1/events', payload: Buffer.from('x'), qos: 2, messageId: 3 });
  await before.putWill(client, { topic: 'outpost/v1/dev-1/status', payload: Buffer.from('offline'), qos: 1, retain: true });
  await before.destroy();
  db.$client.close();

  const after = new SqlitePersistence(freshDb(dir).db);
  await after.setup(broker('run-2'));
  assert.deepEqual(await after.subscriptionsByClient(client), [
    { topic: 'outpost/v1/dev-1/op/+', qos: 1, rh: 0, rap: false, nl: false },
    { topic: 'outpost/v1/dev-1/quiet', qos: 0 },
  ]);
  assert.deepEqual(await after.subscriptionsByTopic('outpost/v1/dev-1/op/9'), [
    { clientId: 'dev-1', topic: 'outpost/v1/dev-1/op/+', qos: 1, rh: 0, rap: false, nl: false },
  ]);
  assert.deepEqual(await after.countOffline(), { subsCount: 1, clientsCount: 1 });

  const retained = await collect(after.createRetainedStreamCombi(['outpost/v1/+/status']));
  assert.deepEqual(retained, [{ cmd: 'publish', topic: 'outpost/v1/dev-1/status', payload: Buffer.from('online'), qos: 1, retain: true }]);

  const queued = await collect(after.outgoingStream(client)) as Array<Record<string, unknown>>;
  assert.equal(queued.length, 2);
  assert.equal(queued[0]!.messageId, 11, 'the packet identifier it was sent with');
  assert.deepEqual(queued[0]!.payload, Buffer.from([0, 1, 2, 255]));
  assert.equal(queued[1]!.messageId, undefined);
  assert.equal(queued[1]!.brokerCounter, 6);
  assert.equal((await after.outgoingClearMessageId(client, { messageId: 11 }))?.brokerCounter, 5);

  assert.equal((await after.incomingGetPacket(client, { messageId: 3 })).topic, 'outpost/v1/dev-1/events');

  // the will of the dead run is among those of brokers not alive
  const wills = await collect(after.streamWill({ 'run-2': Date.now() })) as Array<Record<string, unknown>>;
  assert.equal(wills.length, 1);
  assert.equal(wills[0]!.brokerId, 'run-1');
  assert.equal(wills[0]!.clientId, 'dev-1');
  await after.destroy();
});

test('a change is committed when its promise resolves', async () => {
  const { db, dir } = freshDb();
  const state = new SqlitePersistence(db);
  await state.setup(broker('b'));
  // a second connection sees only what is committed
  const other = new Database(join(dir, 'outpost.db'), { readonly: true });
  try {
    const count = (table: string) => other.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    await state.storeRetained({ topic: 'a/status', payload: Buffer.from('1'), qos: 0, retain: true });
    assert.equal(count('broker_retained'), 1);
    await state.addSubscriptions({ id: 'c' }, [{ topic: 'a/#', qos: 1 }]);
    assert.equal(count('broker_subscriptions'), 1);
    await state.outgoingEnqueueCombi([{ clientId: 'c' }], { topic: 'a/b', payload: Buffer.from('m'), qos: 1, brokerId: 'b', brokerCounter: 1 });
    assert.equal(count('broker_outgoing'), 1);
    await state.putWill({ id: 'c' }, { topic: 'a/status', payload: Buffer.from('gone'), qos: 0, retain: true });
    assert.equal(count('broker_wills'), 1);
    await state.incomingStorePacket({ id: 'c', clean: false }, { topic: 'a/b', payload: Buffer.from('q2'), qos: 2, messageId: 1 });
    assert.equal(count('broker_incoming'), 1);
  } finally {
    other.close();
    await state.destroy();
  }
});

test('writes that arrive together share one commit, in order', async () => {
  const { db } = freshDb();
  // counts outermost transactions (commits), not the savepoints inside them
  const sqlite = db.$client;
  const transaction = sqlite.transaction.bind(sqlite);
  let commits = 0;
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = transaction(fn);
    return Object.assign((...args: unknown[]) => {
      if (!sqlite.inTransaction) commits++;
      return tx(...args);
    }, tx);
  }) as typeof sqlite.transaction;
  const state = new SqlitePersistence(db);
  await state.setup(broker('b'));
  const client = { id: 'c' };
  const packet = (i: number) => ({ topic: 't', payload: Buffer.from(String(i)), qos: 1, brokerId: 'b', brokerCounter: i });
  // enqueue and its update, asked for in the same turn: the update must find the row
  await Promise.all([
    ...Array.from({ length: 50 }, (_, i) => state.outgoingEnqueueCombi([{ clientId: 'c' }], packet(i + 1))),
    state.outgoingUpdate(client, { ...packet(1), messageId: 1 }),
  ]);
  assert.equal(commits, 1);
  const queued = await collect(state.outgoingStream(client)) as Array<Record<string, unknown>>;
  assert.deepEqual(queued.map((p) => p.brokerCounter), Array.from({ length: 50 }, (_, i) => i + 1));
  assert.equal(queued[0]!.messageId, 1);
  await state.destroy();
});

test('clean sessions and clients with nothing stored cost no SQL', async () => {
  const { db } = freshDb();
  const state = new SqlitePersistence(db);
  await state.setup(broker('b'));
  // with the database closed, any statement would throw
  db.$client.close();
  const clean = { id: 'telemetry-device', clean: true };
  assert.deepEqual(await state.subscriptionsByTopic('outpost/v1/telemetry-device/telemetry'), []);
  await state.outgoingEnqueueCombi([], { topic: 'outpost/v1/telemetry-device/telemetry', payload: Buffer.from('{}'), qos: 1 });
  await state.cleanSubscriptions(clean);
  await state.cleanIncoming(clean);
  assert.deepEqual(await collect(state.outgoingStream(clean)), []);
  assert.equal(await state.outgoingClearMessageId(clean, { messageId: 1 }), undefined);
  await assert.rejects(state.outgoingUpdate(clean, { messageId: 1 }), /no such packet/);
  // QoS 2 of a clean session: kept in memory until PUBREL
  await state.incomingStorePacket(clean, { topic: 'outpost/v1/telemetry-device/telemetry', payload: Buffer.from('{}'), qos: 2, messageId: 9 });
  assert.equal((await state.incomingGetPacket(clean, { messageId: 9 })).messageId, 9);
  await state.incomingDelPacket(clean, { messageId: 9 });
  await assert.rejects(state.incomingGetPacket(clean, { messageId: 9 }), /no such packet/);
});

test('packet fields read back exactly: Buffers, undefined, strings', async () => {
  const { db } = freshDb();
  const state = new SqlitePersistence(db);
  await state.setup(broker('b'));
  const will = {
    topic: 'x/status', payload: 'as a string', qos: 1, retain: true,
    properties: { correlationData: Buffer.from([1, 2, 3]), userProperties: { '\u0000': 'not a tag', ['__proto__']: 'plain' } },
    extra: undefined,
  };
  await state.putWill({ id: 'w' }, will);
  const back = await state.getWill({ id: 'w' });
  assert.deepEqual(back, will);
  assert.ok(back && Object.hasOwn(back, 'extra'));
  await state.destroy();
});
