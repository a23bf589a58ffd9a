// The operations queue (DESIGN.md, Operations): states, attempts, reply timeouts, TTL, ordering and
// history of everything Outpost asks a device to do. Protocol adapters plug in as transports.
//
// Every decision is taken inside a group-commit transaction that reads the rows as they are, so
// two events for one operation (a reply racing a timeout) are applied one after the other; what
// follows a decision (a publish, a timer, the live stream) happens once it is committed.
import type { Db } from '../db/open.js';
import type { DeviceRef, DeviceStore } from '../devices/devices.js';
import type { LiveBus } from '../live/bus.js';
import type { Logger } from '../log.js';
import { DomainError } from '../errors.js';
import { createGroupCommit } from '../db/group-commit.js';
import { PARALLEL_SAFE_KINDS } from '../contract/operation-kinds.js';
import {
  isFinished, type Batch, type CreateBatchRequest, type CreateOperationRequest, type Operation, type OperationDetail,
  type OperationsPage, type OperationsQuery,
} from '../contract/operations.js';
import { createOperationStore, toOperation, type OperationRow } from './store.js';
import { createBatches } from './batches.js';
import { createDeadlines } from './deadlines.js';
import type { DeviceReply, OperationReports, OperationTransport, Outcome, OutgoingOperation } from './transport.js';

export interface Operations extends OperationReports {
  register(transport: OperationTransport): void;
  /** `alongside` runs in the same transaction (the audit entry: one durable commit for both). */
  create(uid: string, request: CreateOperationRequest, actor: string | null, alongside?: (op: Operation) => void): Promise<Operation>;
  createBatch(request: CreateBatchRequest, actor: string | null, alongside?: (batch: Batch) => void): Promise<Batch>;
  get(id: number): OperationDetail;
  list(query: OperationsQuery): OperationsPage;
  batch(id: number): Batch;
  cancel(id: number, actor: string | null): Promise<Operation>;
  retry(id: number, actor: string | null): Promise<Operation>;
  /**
   * The operation once it has finished, or as it is after `ms`. `current`: the operation as create
   * (or another call) just answered, so it is not read again (a change after that answer reaches
   * the waiter: it is told after its commit, in a later turn of the event loop).
   */
  waitFinished(id: number, ms: number, current?: Operation): Promise<Operation>;
  close(): void;
}

export interface OperationsOptions {
  /** how often expired operations are looked for; default 1 s */
  expirySweepMs?: number;
  /** wait after a failed send before the next try; default 1 s */
  resendDelayMs?: number;
}

const RAW_KEPT_CHARS = 2000;

interface Dispatch { uid: string; transport: OperationTransport; rows: OperationRow[] }

export function createOperations(db: Db, devices: DeviceStore, bus: LiveBus, log: Logger, options: OperationsOptions = {}): Operations {
  const store = createOperationStore(db);
  const commit = createGroupCommit(db);
  const transports: OperationTransport[] = [];
  const waiters = new Map<number, Array<(op: Operation) => void>>();
  const batches = createBatches(db, store, bus);
  const deadlines = createDeadlines((id) => void onDeadline(id));
  const parallel = (kind: string) => PARALLEL_SAFE_KINDS.includes(kind);

  /** After a committed change: the live stream, the batch summary, whoever waits for the end. */
  function changed(row: OperationRow | undefined) {
    if (!row) return;
    // built only for someone who reads it: most steps of an operation have no listener and no waiter
    let op: Operation | undefined;
    if (bus.listened) bus.publish({ type: 'operation', operation: (op = toOperation(row)) });
    if (row.batch_id !== null) batches.changed(row.batch_id);
    if (isFinished(row.state)) {
      deadlines.clear(row.id);
      const list = waiters.get(row.id);
      if (!list) return;
      waiters.delete(row.id);
      op ??= toOperation(row);
      for (const w of list) w(op);
    }
  }

  /**
   * Inside a transaction: marks sending what the device may get now (the oldest queued operation,
   * unless one is under way, and parallel-safe kinds); `dispatch` the answer once it is committed.
   * Run in the transaction of the change that makes it possible (a create, a reply), this costs no
   * commit of its own: one fsync fewer between a request and its device.
   */
  function chooseToSend(uid: string, known?: { deviceId: number; device?: DeviceRef }): Dispatch | undefined {
    let device = known?.device;
    const deviceId = known?.deviceId ?? (device ??= devices.ref(uid))?.id;
    // a device deleted meanwhile has no operations left (they cascade)
    if (deviceId === undefined || !store.hasQueued(deviceId)) return undefined;
    const now = Date.now();
    const active = store.activeOfDevice(deviceId);
    let busy = active.some((o) => o.state !== 'queued' && !parallel(o.kind));
    const chosen: OperationRow[] = [];
    for (const o of active) {
      if (o.state !== 'queued' || (o.expires_at !== null && o.expires_at <= now)) continue;
      if (parallel(o.kind)) chosen.push(o);
      else if (!busy) {
        chosen.push(o);
        busy = true;
      }
    }
    // the device and its transport are looked up only when something may go: after a reply, mostly nothing
    if (chosen.length === 0) return undefined;
    device ??= devices.ref(uid);
    const transport = device && transports.find((t) => t.serves(device!));
    if (!device || !transport?.reachable(uid)) return undefined;
    const rows = chosen.map((o) => {
      store.addHistory(o.id, 'sent', 'sending', sentDetail(o.attempts + 1, transport, o), now);
      return store.markSending(o, now);
    });
    return { uid, transport, rows };
  }

  /** After the commit of chooseToSend: the clocks, the live stream, the transport. */
  function dispatch(d: Dispatch | undefined) {
    if (!d) return;
    for (const row of d.rows) {
      changed(row);
      deadlines.arm(row.id, d.uid, row.reply_timeout_ms);
      d.transport.send(outgoing(row)).catch((e: Error) => void sendFailed(row.id, d.uid, e));
    }
  }

  /** Sends what the device may get now, in a commit of its own. */
  function pump(uid: string) {
    commit.run(() => chooseToSend(uid)).then(dispatch, (e: Error) => log.error(`operations: sending to ${uid} failed: ${e.message}`));
  }

  const request = (o: OperationRow) => ({ kind: o.kind, args: JSON.parse(o.args ?? '{}') as unknown, expiresAt: o.expires_at });
  const sentDetail = (attempt: number, transport: OperationTransport, o: OperationRow) => ({ attempt, via: transport.name, request: request(o) });
  const outgoing = (o: OperationRow): OutgoingOperation => ({
    id: o.id, deviceUid: o.uid, kind: o.kind, args: JSON.parse(o.args ?? '{}') as Record<string, unknown>, expiresAt: o.expires_at, attempt: o.attempts,
  });

  /** Ends an attempt without an answer: queued again, or failed when it was the last. */
  function endAttempt(row: OperationRow, type: 'no-reply' | 'requeued', detail: Record<string, unknown>, now: number) {
    store.addHistory(row.id, type, null, { attempt: row.attempts, ...detail }, now);
    if (row.attempts >= row.max_attempts) {
      const error = { code: type === 'no-reply' ? 'no-reply' : 'not-sent', message: `no reply after ${row.attempts} attempt${row.attempts === 1 ? '' : 's'}` };
      store.addHistory(row.id, 'failed', 'failed', error, now);
      return store.finish(row, 'failed', { error }, now);
    }
    return store.setState(row, 'queued', now);
  }

  async function sendFailed(id: number, uid: string, e: Error) {
    log.warn(`operations: operation ${id} for ${uid} not sent: ${e.message}`);
    deadlines.clear(id);
    const row = await commit.run(() => {
      const r = store.get(id);
      return r?.state === 'sending' ? endAttempt(r, 'requeued', { reason: `not sent: ${e.message}` }, Date.now()) : undefined;
    });
    changed(row);
    setTimeout(() => pump(uid), options.resendDelayMs ?? 1000).unref();
  }

  async function onDeadline(id: number) {
    const row = await commit.run(() => {
      const r = store.get(id);
      if (!r || (r.state !== 'sending' && r.state !== 'delivered')) return undefined;
      return endAttempt(r, 'no-reply', { waitedMs: r.reply_timeout_ms }, Date.now());
    });
    changed(row);
    if (row) pump(row.uid);
  }

  async function expireDue() {
    const ids = store.expiredIds(Date.now());
    for (const id of ids) {
      const row = await commit.run(() => {
        const r = store.get(id);
        if (!r || isFinished(r.state)) return undefined;
        const now = Date.now();
        const error = { code: 'expired', message: `not finished within its time to live (until ${new Date(r.expires_at!).toISOString()})` };
        store.addHistory(id, 'expired', 'expired', error, now);
        return store.finish(r, 'expired', { error }, now);
      });
      changed(row);
      if (row) pump(row.uid);
    }
  }
  const expiry = setInterval(() => void expireDue().catch((e: Error) => log.error(`operations: expiry: ${e.message}`)), options.expirySweepMs ?? 1000);
  expiry.unref();

  /** The operation `opId` if it belongs to device `uid`. */
  const ofDevice = (uid: string, opId: number) => {
    const row = store.get(opId);
    return row && row.uid === uid ? row : undefined;
  };

  /**
   * `apply` answers with the changed row, or why nothing changed. `sendNext`: once applied, what
   * the device may get next is chosen in the same commit. `usual`: the common case in one
   * statement (the row changed, or undefined when it does not apply and nothing was written).
   */
  async function report(uid: string, opId: number, apply: (row: OperationRow, now: number) => OperationRow | 'ignored', sendNext = false,
    usual?: (now: number) => OperationRow | undefined): Promise<Outcome> {
    const { outcome, row, send } = await commit.run(() => {
      const now = Date.now();
      const done = usual?.(now);
      if (done) return { outcome: 'applied' as const, row: done, send: sendNext ? chooseToSend(uid, { deviceId: done.device_id }) : undefined };
      const r = ofDevice(uid, opId);
      if (!r) return { outcome: 'unknown' as const, row: undefined, send: undefined };
      const result = apply(r, now);
      if (result === 'ignored') return { outcome: result, row: undefined, send: undefined };
      return { outcome: 'applied' as const, row: result, send: sendNext ? chooseToSend(uid, { deviceId: r.device_id }) : undefined };
    });
    changed(row);
    dispatch(send);
    return outcome;
  }

  /** Inserts an operation with its 'created' history entry; answers with its row (`uid`: its device's). */
  /**
   * Inserts an operation with its 'created' history entry; answers with its row (`uid`: its
   * device's). `sendVia`: the device takes it now, so it is inserted as sent, with the 'sent' entry
   * chooseToSend would have written (the same history, one write fewer).
   */
  function insertOne(device: { id: number; uid: string }, req: CreateOperationRequest, actor: string | null, links: { retryOf?: number; batchId?: number },
    now: number, sendVia?: OperationTransport) {
    const op = {
      deviceId: device.id, kind: req.kind, args: req.args, maxAttempts: req.maxAttempts, replyTimeoutMs: req.replyTimeoutSec * 1000,
      expiresAt: now + req.ttlSec * 1000, createdBy: actor, retryOf: links.retryOf ?? null, batchId: links.batchId ?? null,
    };
    const row = sendVia ? store.insertSent(op, device.uid, now) : store.insert(op, device.uid, now);
    store.addHistory(row.id, 'created', 'queued', { by: actor, kind: req.kind, args: req.args, retryOf: links.retryOf }, now);
    if (sendVia) store.addHistory(row.id, 'sent', 'sending', sentDetail(1, sendVia, row), now);
    return row;
  }

  const mustGet = (id: number) => {
    const row = store.get(id);
    if (!row) throw new DomainError('not_found', `no operation ${id}`);
    return row;
  };

  return {
    register(transport) {
      transports.push(transport);
    },

    async create(uid, req, actor, alongside) {
      const device = devices.ref(uid);
      if (!device) throw new DomainError('not_found', `no device ${uid}`);
      const transport = transports.find((t) => t.serves(device));
      if (transport?.accepts && !transport.accepts(req.kind)) {
        throw new DomainError('invalid', `${uid} cannot do ${req.kind}: its agent (${transport.name}) does not support it`);
      }
      // created, audited and (when the device can take it now) marked sending: one commit
      const { row, op, send } = await commit.run(() => {
        const now = Date.now();
        // nothing else under way or waiting: it goes at once (what chooseToSend would decide)
        const direct = transport?.reachable(uid) && !store.hasActive(device.id) ? transport : undefined;
        const r = insertOne(device, req, actor, {}, now, direct);
        const created = toOperation(r);
        alongside?.(created);
        return { row: r, op: created, send: direct ? { uid, transport: direct, rows: [r] } : chooseToSend(uid, { deviceId: device.id, device }) };
      });
      if (!send?.rows.includes(row)) changed(row); // else dispatch tells of it
      dispatch(send);
      return op;
    },

    async createBatch(req, actor, alongside) {
      const { targets, unknown } = batches.resolve(req.target);
      if (targets.length === 0) {
        throw new DomainError('invalid', 'tag' in req.target ? `no device has the tag "${req.target.tag}"` : 'none of these uids names a device');
      }
      const rows = await commit.run(() => {
        const now = Date.now();
        const batchId = store.insertBatch(req.kind, req.args, req.target, actor, now);
        const children = targets.map((t) => insertOne(t, req, actor, { batchId }, now));
        alongside?.({ ...batches.get(batchId), unknown });
        return children;
      });
      for (const row of rows) changed(row);
      for (const t of targets) pump(t.uid);
      return { ...batches.get(rows[0]!.batch_id!), unknown };
    },

    get(id) {
      return { ...toOperation(mustGet(id)), history: store.history(id) };
    },

    list(query) {
      let deviceId: number | undefined;
      if (query.device !== undefined) {
        const device = devices.ref(query.device);
        if (!device) return { operations: [], nextBefore: null };
        deviceId = device.id;
      }
      const rows = store.list(query, deviceId);
      const more = rows.length > query.limit;
      const page = rows.slice(0, query.limit).map(toOperation);
      return { operations: page, nextBefore: more ? page[page.length - 1]!.id : null };
    },

    batch: (id) => batches.get(id),

    async cancel(id, actor) {
      const row = await commit.run(() => {
        const r = mustGet(id);
        if (isFinished(r.state)) throw new DomainError('conflict', `operation ${id} has already ${r.state === 'succeeded' ? 'succeeded' : `ended (${r.state})`}`);
        const now = Date.now();
        const error = { code: 'cancelled', message: actor ? `cancelled by ${actor}` : 'cancelled' };
        store.addHistory(id, 'cancelled', 'cancelled', { by: actor, wasState: r.state }, now);
        return store.finish(r, 'cancelled', { error }, now);
      });
      changed(row);
      pump(row.uid);
      return toOperation(row);
    },

    async retry(id, actor) {
      const row = await commit.run(() => {
        const old = mustGet(id);
        if (!isFinished(old.state)) throw new DomainError('conflict', `operation ${id} is still ${old.state}: cancel it first`);
        const now = Date.now();
        const ttlSec = old.expires_at === null ? 24 * 3600 : Math.max(1, Math.round((old.expires_at - old.created_at) / 1000));
        const req: CreateOperationRequest = {
          kind: old.kind, args: JSON.parse(old.args ?? '{}') as Record<string, unknown>, ttlSec,
          maxAttempts: old.max_attempts, replyTimeoutSec: Math.round(old.reply_timeout_ms / 1000),
        };
        const created = insertOne({ id: old.device_id, uid: old.uid }, req, actor, { retryOf: id }, now);
        store.addHistory(id, 'retried', null, { by: actor, operation: created.id }, now);
        return created;
      });
      changed(row);
      pump(row.uid);
      return toOperation(row);
    },

    waitFinished(id, ms, current) {
      const op = current?.id === id ? current : toOperation(mustGet(id));
      // what is read here may be committed and its sync still under way: answer once it is durable
      if (isFinished(op.state) || ms <= 0) return commit.durable().then(() => op);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const list = waiters.get(id)?.filter((w) => w !== done);
          if (list?.length) waiters.set(id, list);
          else waiters.delete(id);
          const now = store.get(id);
          void commit.durable().then(() => resolve(now ? toOperation(now) : op));
        }, ms);
        const done = (finished: Operation) => {
          clearTimeout(timer);
          resolve(finished);
        };
        waiters.set(id, [...(waiters.get(id) ?? []), done]);
      });
    },

    reachable(uid, { sessionKept }) {
      commit.run(() => {
        const device = devices.ref(uid);
        if (!device) return [];
        const now = Date.now();
        const changedRows: OperationRow[] = [];
        for (const o of store.activeOfDevice(device.id)) {
          // sent before, never confirmed, and the session that would resend it is gone: send it again
          if (o.state === 'sending' && !sessionKept) {
            store.addHistory(o.id, 'requeued', 'queued', { reason: 'the device came back without its session; sent again' }, now);
            changedRows.push(store.setState(o, 'queued', now));
          }
        }
        return changedRows;
      }).then((rows) => {
        for (const row of rows) changed(row);
        // what is under way gets a full reply timeout from now: time away does not count
        const device = devices.ref(uid);
        if (device) for (const o of store.activeOfDevice(device.id)) if (o.state !== 'queued') deadlines.arm(o.id, uid, o.reply_timeout_ms);
        pump(uid);
      }, (e: Error) => log.error(`operations: ${uid} reachable: ${e.message}`));
    },

    unreachable(uid) {
      deadlines.clearDevice(uid);
    },

    delivered: (uid, opId) => report(uid, opId, (r, now) => {
      if (r.state !== 'sending') return 'ignored';
      store.addHistory(r.id, 'delivered', 'delivered', { attempt: r.attempts }, now);
      return store.setState(r, 'delivered', now);
    }, false, (now) => {
      const row = store.deliveredIfSending(opId, uid, now);
      if (row) store.addHistory(row.id, 'delivered', 'delivered', { attempt: row.attempts }, now);
      return row;
    }),

    progress: (uid, opId, progress) => report(uid, opId, (r, now) => {
      if (isFinished(r.state) || r.state === 'queued') {
        store.addHistory(r.id, 'progress', null, { ...progress, late: true }, now);
        return 'ignored';
      }
      if (r.state === 'sending') store.setState(r, 'delivered', now);
      store.addHistory(r.id, 'progress', 'delivered', progress, now);
      deadlines.arm(r.id, uid, r.reply_timeout_ms);
      return store.setProgress(r, progress, now);
    }),

    reply: (uid, opId, reply) => {
      const detail = reply.ok ? { ok: true, result: reply.result ?? null } : { ok: false, error: reply.error };
      const state = reply.ok ? 'succeeded' : 'failed';
      const outcome = reply.ok ? { result: reply.result ?? null } : { error: reply.error };
      return report(uid, opId, (r, now) => {
        if (isFinished(r.state)) {
          const byReply = r.state === 'succeeded' || (r.state === 'failed' && store.history(r.id).some((h) => h.type === 'reply'));
          store.addHistory(r.id, byReply ? 'duplicate-reply' : 'late-reply', null, detail, now);
          return 'ignored';
        }
        store.addHistory(r.id, 'reply', state, detail, now);
        return store.finish(r, state, outcome, now);
      }, true, (now) => {
        const row = store.finishIfActive(opId, uid, state, outcome, now);
        if (row) store.addHistory(row.id, 'reply', state, detail, now);
        return row;
      });
    },

    malformed: (uid, opId, what, reason, raw) => report(uid, opId, (r, now) => {
      store.addHistory(r.id, 'malformed', null, { what, reason, raw: raw.length > RAW_KEPT_CHARS ? `${raw.slice(0, RAW_KEPT_CHARS)}…` : raw }, now);
      return 'ignored';
    }),

    close() {
      clearInterval(expiry);
      deadlines.clearAll();
      batches.close();
      commit.flush();
    },
  };
}

export type { DeviceReply };
