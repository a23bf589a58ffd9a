// aedes' persistence (the aedes-persistence 11 async interface) in Outpost's own SQLite database,
// so that retained messages, persistent sessions, queued QoS 1/2 messages and wills survive a
// restart or a kill -9. Schema: the "broker state" block of core/db/schema.ts.
//
// What is asked on every message is answered from memory: the subscription index (qlobber, as
// aedes' own matcher), the tree of retained topics, how many messages each client has queued, and
// the QoS 2 packets awaiting PUBREL. SQLite is written only when state changes, through a group
// commit, and every promise resolves once its change is committed.
import { Readable } from 'node:stream';
import QlobberSub from 'qlobber/aedes/qlobber-sub.js';
import type { QlobberOptions } from 'qlobber';
import type { Db } from '../../db/open.js';
import { GroupCommit } from './group-commit.js';
import { TopicTree } from './topic-tree.js';
import { decodeFields, encodeFields, fromRow, sessionPacket, toRow, type PacketFields } from './packet-codec.js';

// MQTT topic syntax. Empty levels match '+' [MQTT-4.7.1-3], as in the matcher aedes delivers with.
const TOPICS: QlobberOptions = { separator: '/', wildcard_one: '+', wildcard_some: '#', match_empty_levels: true };
const PAGE = 100;

interface ClientRef { id: string; clean?: boolean }
interface BrokerRef { id: string }
interface Subscription extends SubRecord { topic: string }
interface SubRecord { qos: number; [option: string]: unknown }
interface Incoming { packet: PacketFields; durable: boolean }
interface StoredRow { fields: string; payload: Buffer | null }
interface OutgoingRow extends StoredRow { id: number; message_id: number | null }

const noSuchPacket = () => new Error('no such packet');
const nullable = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export class SqlitePersistence {
  readonly #writes: GroupCommit;
  readonly #sql: ReturnType<typeof prepareStatements>;
  #broker: BrokerRef | undefined;
  #destroyed = false;

  // clientId -> topic -> subscription (every QoS); only QoS > 0 ones are in the trie
  readonly #subscriptions = new Map<string, Map<string, SubRecord>>();
  readonly #trie = new QlobberSub(TOPICS);
  readonly #retainedTopics = new TopicTree();
  // rows queued per client, counted up when asked to enqueue: 0 means nothing to look up
  readonly #queued = new Map<string, number>();
  /** messages enqueued before their PUBACK (enqueueBeforeAck) → the clients they were queued for */
  readonly #enqueuedEarly = new Map<string, Set<string>>();
  // clientId -> messageId -> packet; durable ones (persistent sessions) are in SQLite too
  readonly #incoming = new Map<string, Map<number, Incoming>>();

  constructor(db: Db) {
    const sqlite = db.$client;
    this.#writes = new GroupCommit(sqlite);
    this.#sql = prepareStatements(sqlite);
  }

  get broker(): BrokerRef | undefined {
    return this.#broker;
  }

  /** Called by aedes in listen(); loads the in-memory indexes from the database. */
  async setup(broker: BrokerRef): Promise<void> {
    this.#broker = broker;
    this.#writes.flush();
    const sql = this.#sql;

    this.#subscriptions.clear();
    this.#trie.clear();
    for (const row of sql.allSubscriptions.all() as Array<{ client_id: string; topic: string; qos: number; options: string }>) {
      this.#remember(row.client_id, { topic: row.topic, qos: row.qos, ...decodeFields(row.options) });
    }

    this.#retainedTopics.clear();
    for (const topic of sql.allRetainedTopics.all() as string[]) this.#retainedTopics.add(topic);

    this.#queued.clear();
    for (const row of sql.queuedPerClient.all() as Array<{ client_id: string; n: number }>) this.#queued.set(row.client_id, row.n);

    this.#incoming.clear();
    for (const row of sql.allIncoming.all() as Array<StoredRow & { client_id: string; message_id: number }>) {
      this.#incomingOf(row.client_id).set(row.message_id, { packet: fromRow(row.fields, row.payload), durable: true });
    }
  }

  // ---- retained messages -----------------------------------------------------------------------

  async storeRetained(packet: PacketFields): Promise<void> {
    const topic = packet.topic as string;
    const payload = packet.payload as Buffer | string | undefined;
    if (!payload || payload.length === 0) {
      // an empty retained message clears the topic [MQTT-3.3.1-10]
      if (!this.#retainedTopics.delete(topic)) return;
      await this.#writes.run(() => this.#sql.deleteRetained.run(topic));
      return;
    }
    const row = toRow(packet);
    this.#retainedTopics.add(topic);
    await this.#writes.run(() => this.#sql.putRetained.run(topic, row.fields, row.payload));
  }

  /** Each retained topic with its payload's size, without reading the payloads (limits at start). */
  retainedSizes(): Array<{ topic: string; bytes: number }> {
    this.#writes.flush();
    return this.#sql.retainedSizes.all() as Array<{ topic: string; bytes: number }>;
  }

  createRetainedStreamCombi(patterns: string[]): Readable {
    // a topic matched by several patterns is sent once
    return Readable.from(this.#retainedPackets(this.#retainedTopics.match(patterns)));
  }

  createRetainedStream(pattern: string): Readable {
    return this.createRetainedStreamCombi([pattern]);
  }

  *#retainedPackets(topics: string[]): Generator<PacketFields> {
    for (const topic of topics) {
      this.#writes.flush();
      const row = this.#sql.getRetained.get(topic) as StoredRow | undefined;
      if (row) yield fromRow(row.fields, row.payload);
    }
  }

  // ---- subscriptions (persistent sessions only: aedes does not call these for clean ones) ------

  async addSubscriptions(client: ClientRef, subs: Subscription[]): Promise<void> {
    // the last subscription to a topic in one call is the one that counts
    const rows = new Map<string, [string, string, number, string]>();
    for (const sub of subs) {
      const { topic, qos, ...options } = sub;
      this.#remember(client.id, sub);
      rows.set(topic, [client.id, topic, qos, encodeFields(options)]);
    }
    if (rows.size === 0) return;
    await this.#writes.run(() => {
      for (const row of rows.values()) this.#sql.putSubscription.run(row);
    });
  }

  #remember(clientId: string, sub: Subscription): void {
    let stored = this.#subscriptions.get(clientId);
    if (!stored) this.#subscriptions.set(clientId, (stored = new Map()));
    const { topic, ...record } = sub;
    const before = stored.get(topic);
    if (sub.qos > 0) {
      this.#trie.add(topic, { clientId, topic, qos: sub.qos, rh: sub.rh as number, rap: sub.rap as boolean, nl: sub.nl as boolean });
    } else if (before && before.qos > 0) {
      // QoS 0 subscriptions are restored with the session but get nothing queued
      this.#trie.remove(topic, { clientId, topic });
    }
    stored.set(topic, record);
  }

  async removeSubscriptions(client: ClientRef, topics: string[]): Promise<void> {
    const stored = this.#subscriptions.get(client.id);
    if (!stored) return;
    const removed: string[] = [];
    for (const topic of topics) {
      const before = stored.get(topic);
      if (!before) continue;
      if (before.qos > 0) this.#trie.remove(topic, { clientId: client.id, topic });
      stored.delete(topic);
      removed.push(topic);
    }
    if (stored.size === 0) this.#subscriptions.delete(client.id);
    if (removed.length === 0) return;
    await this.#writes.run(() => {
      for (const topic of removed) this.#sql.deleteSubscription.run(client.id, topic);
    });
  }

  async subscriptionsByClient(client: ClientRef): Promise<Subscription[]> {
    const stored = this.#subscriptions.get(client.id);
    return stored ? [...stored].map(([topic, record]) => ({ topic, ...record })) : [];
  }

  async countOffline(): Promise<{ subsCount: number; clientsCount: number }> {
    return { subsCount: this.#trie.subscriptionsCount, clientsCount: this.#subscriptions.size };
  }

  /** Runs for every QoS > 0 publish: memory only. */
  async subscriptionsByTopic(topic: string) {
    return this.#trie.subscriptionsCount === 0 ? [] : this.#trie.match(topic);
  }

  /** Runs for every clean-session CONNECT: touches SQLite only if the client had a persistent session. */
  async cleanSubscriptions(client: ClientRef): Promise<void> {
    const stored = this.#subscriptions.get(client.id);
    if (!stored) return;
    for (const [topic, record] of stored) {
      if (record.qos > 0) this.#trie.remove(topic, { clientId: client.id, topic });
    }
    this.#subscriptions.delete(client.id);
    await this.#writes.run(() => this.#sql.deleteClientSubscriptions.run(client.id));
  }

  getClientList(topic: string): Readable {
    const ids: string[] = [];
    for (const [clientId, stored] of this.#subscriptions) if (stored.has(topic)) ids.push(clientId);
    return Readable.from(ids);
  }

  // ---- queued QoS 1/2 messages of persistent sessions --------------------------------------------

  async outgoingEnqueue(sub: { clientId: string }, packet: PacketFields): Promise<void> {
    return this.outgoingEnqueueCombi([sub], packet);
  }

  /**
   * aedes sends a QoS 1 PUBACK before it queues the message for persistent sessions. The broker
   * calls this first (before the ack) with the packet's brokerId/brokerCounter already fixed, so
   * the copy is committed when the publisher hears "stored"; aedes' own enqueue of the same
   * message for the same clients afterwards is then skipped.
   */
  async enqueueBeforeAck(subs: Array<{ clientId: string }>, packet: PacketFields): Promise<void> {
    await this.outgoingEnqueueCombi(subs, packet);
    // aedes enqueues only after the ack, which waits for this promise; a publish that never gets
    // that far (its connection died) leaves an entry: bounded
    if (this.#enqueuedEarly.size >= 10_000) this.#enqueuedEarly.clear();
    this.#enqueuedEarly.set(`${String(packet.brokerId)}#${String(packet.brokerCounter)}`, new Set(subs.map((s) => s.clientId)));
  }

  /** Runs for every QoS > 0 publish, with no subscriptions on the telemetry path: nothing to do then. */
  async outgoingEnqueueCombi(subs: Array<{ clientId: string }>, packet: PacketFields): Promise<void> {
    if (subs.length === 0) return;
    if (this.#enqueuedEarly.size > 0) {
      const key = `${String(packet.brokerId)}#${String(packet.brokerCounter)}`;
      const early = this.#enqueuedEarly.get(key);
      if (early) {
        this.#enqueuedEarly.delete(key);
        subs = subs.filter((s) => !early.has(s.clientId));
        if (subs.length === 0) return;
      }
    }
    const queued = sessionPacket(packet);
    const row = toRow(queued);
    const brokerId = nullable(queued.brokerId as string | undefined);
    const counter = queued.brokerCounter as number;
    const clientIds = subs.map((s) => s.clientId);
    for (const id of clientIds) this.#queued.set(id, (this.#queued.get(id) ?? 0) + 1);
    await this.#writes.run(() => {
      for (const id of clientIds) this.#sql.enqueue.run(id, brokerId, counter, null, row.fields, row.payload);
    });
  }

  /** Before a queued message is sent (its new packet identifier), or a PUBREL replacing it. */
  async outgoingUpdate(client: ClientRef, packet: PacketFields): Promise<void> {
    if (!this.#queued.get(client.id)) throw noSuchPacket();
    const brokerId = nullable(packet.brokerId as string | undefined);
    const counter = nullable(packet.brokerCounter as number | undefined);
    const messageId = nullable(packet.messageId as number | undefined);
    const row = toRow(packet);
    await this.#writes.run(() => {
      const sql = this.#sql;
      const same = sql.findSameMessage.get(client.id, brokerId, counter) as number | undefined;
      const other = sql.findSameMessageId.get(client.id, messageId, brokerId) as number | undefined;
      // the first in the queue that matches either way
      if (same !== undefined && (other === undefined || same < other)) {
        sql.setMessageId.run(messageId, same);
      } else if (other !== undefined) {
        sql.replaceQueued.run(brokerId, counter, messageId, row.fields, row.payload, other);
      } else {
        throw noSuchPacket();
      }
    });
  }

  /** On PUBACK / PUBCOMP; returns the packet it removes. Memory only for clients with nothing queued. */
  async outgoingClearMessageId(client: ClientRef, packet: PacketFields | undefined): Promise<PacketFields | undefined> {
    if (!this.#queued.get(client.id) || typeof packet !== 'object' || packet === null) return undefined;
    const messageId = packet.messageId as number | undefined | null;
    const brokerId = nullable(packet.brokerId as string | undefined);
    const counter = nullable(packet.brokerCounter as number | undefined);
    const removed = await this.#writes.run(() => {
      const row = (messageId === undefined || messageId === null
        // a copy that will not be sent (a duplicate for an overlapping subscription): that message, unsent
        ? this.#sql.clearUnsent.get(client.id, brokerId, counter)
        : this.#sql.clearByMessageId.get(client.id, messageId)) as (StoredRow & { message_id: number | null }) | undefined;
      if (row) this.#uncount(client.id);
      return row;
    });
    return removed ? queuedPacket(removed) : undefined;
  }

  #uncount(clientId: string): void {
    const n = (this.#queued.get(clientId) ?? 0) - 1;
    if (n > 0) this.#queued.set(clientId, n);
    else this.#queued.delete(clientId);
  }

  /** The client's queue as it is now, read a page at a time. */
  outgoingStream(client: ClientRef): Readable {
    if (!this.#queued.get(client.id)) return Readable.from([]);
    this.#writes.flush();
    const last = this.#sql.lastQueuedId.get(client.id) as number | null;
    return Readable.from(last === null ? [] : this.#queuedPackets(client.id, last));
  }

  *#queuedPackets(clientId: string, last: number): Generator<PacketFields> {
    let after = -1;
    for (;;) {
      this.#writes.flush();
      const rows = this.#sql.queuedPage.all(clientId, after, last) as OutgoingRow[];
      for (const row of rows) yield queuedPacket(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  // ---- QoS 2 publishes received and not yet released -------------------------------------------

  /** A clean session's packets stay in memory: its session ends with the connection anyway. */
  async incomingStorePacket(client: ClientRef, packet: PacketFields): Promise<void> {
    const stored = sessionPacket(packet);
    const messageId = packet.messageId as number;
    stored.messageId = messageId;
    const durable = client.clean !== true;
    this.#incomingOf(client.id).set(messageId, { packet: stored, durable });
    if (!durable) return;
    const row = toRow(stored);
    await this.#writes.run(() => this.#sql.putIncoming.run(client.id, messageId, row.fields, row.payload));
  }

  async incomingGetPacket(client: ClientRef, packet: { messageId?: number }): Promise<PacketFields> {
    const entry = this.#incoming.get(client.id)?.get(packet.messageId as number);
    if (!entry) throw noSuchPacket();
    return { ...entry.packet };
  }

  async incomingDelPacket(client: ClientRef, packet: { messageId?: number }): Promise<void> {
    const packets = this.#incoming.get(client.id);
    const messageId = packet.messageId as number;
    const entry = packets?.get(messageId);
    if (!packets || !entry) throw noSuchPacket();
    packets.delete(messageId);
    if (packets.size === 0) this.#incoming.delete(client.id);
    if (entry.durable) await this.#writes.run(() => this.#sql.deleteIncoming.run(client.id, messageId));
  }

  /** On every clean-session CONNECT and disconnect: SQLite only if something durable is stored. */
  async cleanIncoming(client: ClientRef): Promise<void> {
    const packets = this.#incoming.get(client.id);
    if (!packets) return;
    this.#incoming.delete(client.id);
    if ([...packets.values()].some((p) => p.durable)) {
      await this.#writes.run(() => this.#sql.deleteClientIncoming.run(client.id));
    }
  }

  #incomingOf(clientId: string): Map<number, Incoming> {
    let packets = this.#incoming.get(clientId);
    if (!packets) this.#incoming.set(clientId, (packets = new Map()));
    return packets;
  }

  // ---- wills -------------------------------------------------------------------------------------

  async putWill(client: ClientRef, packet: PacketFields): Promise<void> {
    const brokerId = this.#requireBroker().id;
    // on the packet itself, as aedes expects when it publishes a dead broker's wills
    packet.brokerId = brokerId;
    packet.clientId = client.id;
    const row = toRow(packet);
    await this.#writes.run(() => this.#sql.putWill.run(client.id, brokerId, row.fields, row.payload));
  }

  async getWill(client: ClientRef): Promise<PacketFields | undefined> {
    this.#writes.flush();
    const row = this.#sql.getWill.get(client.id) as StoredRow | undefined;
    return row ? fromRow(row.fields, row.payload) : undefined;
  }

  async delWill(client: ClientRef): Promise<PacketFields | undefined> {
    const row = await this.#writes.run(() => this.#sql.deleteWill.get(client.id) as StoredRow | undefined);
    return row ? fromRow(row.fields, row.payload) : undefined;
  }

  /** The wills held by brokers not in `brokers`: after a restart, those of the run before. */
  streamWill(brokers: Record<string, unknown> = {}): Readable {
    this.#writes.flush();
    const rows = this.#sql.allWills.all() as Array<StoredRow & { broker_id: string }>;
    return Readable.from(rows.filter((r) => !Object.hasOwn(brokers, r.broker_id)).map((r) => fromRow(r.fields, r.payload)));
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  /** Commits what is pending; the database stays open (it is Outpost's, not the broker's). */
  async destroy(): Promise<void> {
    if (this.#destroyed) throw new Error('destroyed called twice!');
    this.#destroyed = true;
    this.#writes.close();
  }

  #requireBroker(): BrokerRef {
    if (!this.#broker) throw new Error('broker state used before setup()');
    return this.#broker;
  }
}

function queuedPacket(row: StoredRow & { message_id: number | null }): PacketFields {
  const packet = fromRow(row.fields, row.payload);
  if (row.message_id !== null) packet.messageId = row.message_id;
  return packet;
}

function prepareStatements(sqlite: Db['$client']) {
  const q = (text: string) => sqlite.prepare(text);
  return {
    allRetainedTopics: q('SELECT topic FROM broker_retained').pluck(),
    retainedSizes: q('SELECT topic, coalesce(length(payload), 0) AS bytes FROM broker_retained'),
    getRetained: q('SELECT fields, payload FROM broker_retained WHERE topic = ?'),
    putRetained: q(`INSERT INTO broker_retained (topic, fields, payload) VALUES (?, ?, ?)
      ON CONFLICT (topic) DO UPDATE SET fields = excluded.fields, payload = excluded.payload`),
    deleteRetained: q('DELETE FROM broker_retained WHERE topic = ?'),

    allSubscriptions: q('SELECT client_id, topic, qos, options FROM broker_subscriptions ORDER BY rowid'),
    putSubscription: q(`INSERT INTO broker_subscriptions (client_id, topic, qos, options) VALUES (?, ?, ?, ?)
      ON CONFLICT (client_id, topic) DO UPDATE SET qos = excluded.qos, options = excluded.options`),
    deleteSubscription: q('DELETE FROM broker_subscriptions WHERE client_id = ? AND topic = ?'),
    deleteClientSubscriptions: q('DELETE FROM broker_subscriptions WHERE client_id = ?'),

    queuedPerClient: q('SELECT client_id, count(*) AS n FROM broker_outgoing GROUP BY client_id'),
    enqueue: q(`INSERT INTO broker_outgoing (client_id, broker_id, broker_counter, message_id, fields, payload)
      VALUES (?, ?, ?, ?, ?, ?)`),
    // the two ways outgoingUpdate finds its row: the same message (broker id and counter), or
    // another broker's packet (a PUBREL replacing a publish) with the same packet identifier
    findSameMessage: q(`SELECT id FROM broker_outgoing WHERE client_id = ? AND broker_id IS ? AND broker_counter IS ?
      ORDER BY id LIMIT 1`).pluck(),
    findSameMessageId: q(`SELECT id FROM broker_outgoing WHERE client_id = ? AND message_id IS ? AND broker_id IS NOT ?
      ORDER BY id LIMIT 1`).pluck(),
    setMessageId: q('UPDATE broker_outgoing SET message_id = ? WHERE id = ?'),
    replaceQueued: q(`UPDATE broker_outgoing SET broker_id = ?, broker_counter = ?, message_id = ?, fields = ?, payload = ?
      WHERE id = ?`),
    clearByMessageId: q(`DELETE FROM broker_outgoing WHERE id =
      (SELECT id FROM broker_outgoing WHERE client_id = ? AND message_id = ? ORDER BY id LIMIT 1)
      RETURNING message_id, fields, payload`),
    clearUnsent: q(`DELETE FROM broker_outgoing WHERE id =
      (SELECT id FROM broker_outgoing WHERE client_id = ? AND message_id IS NULL AND broker_id IS ? AND broker_counter IS ?
       ORDER BY id LIMIT 1)
      RETURNING message_id, fields, payload`),
    lastQueuedId: q('SELECT max(id) FROM broker_outgoing WHERE client_id = ?').pluck(),
    queuedPage: q(`SELECT id, message_id, fields, payload FROM broker_outgoing
      WHERE client_id = ? AND id > ? AND id <= ? ORDER BY id LIMIT ${PAGE}`),

    allIncoming: q('SELECT client_id, message_id, fields, payload FROM broker_incoming'),
    putIncoming: q('INSERT OR REPLACE INTO broker_incoming (client_id, message_id, fields, payload) VALUES (?, ?, ?, ?)'),
    deleteIncoming: q('DELETE FROM broker_incoming WHERE client_id = ? AND message_id = ?'),
    deleteClientIncoming: q('DELETE FROM broker_incoming WHERE client_id = ?'),

    putWill: q(`INSERT INTO broker_wills (client_id, broker_id, fields, payload) VALUES (?, ?, ?, ?)
      ON CONFLICT (client_id) DO UPDATE SET broker_id = excluded.broker_id, fields = excluded.fields, payload = excluded.payload`),
    getWill: q('SELECT fields, payload FROM broker_wills WHERE client_id = ?'),
    deleteWill: q('DELETE FROM broker_wills WHERE client_id = ? RETURNING fields, payload'),
    allWills: q('SELECT broker_id, fields, payload FROM broker_wills'),
  };
}
