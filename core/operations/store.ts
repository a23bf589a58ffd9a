// The operations tables, read and written with prepared statements: these run for every step of
// every operation (the hot path of operation dispatch), where a query builder's cost would show.
import type { Db } from '../db/open.js';
import type { HistoryType, Operation, OperationHistoryEntry, OperationState, OperationsQuery } from '../contract/operations.js';

export interface OperationRow {
  id: number;
  device_id: number;
  uid: string;
  kind: string;
  args: string | null;
  state: OperationState;
  attempts: number;
  max_attempts: number;
  reply_timeout_ms: number;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  finished_at: number | null;
  expires_at: number | null;
  result: string | null;
  error: string | null;
  progress: string | null;
  created_by: string | null;
  retry_of: number | null;
  batch_id: number | null;
}

export interface NewOperation {
  deviceId: number;
  kind: string;
  args: Record<string, unknown>;
  maxAttempts: number;
  replyTimeoutMs: number;
  expiresAt: number | null;
  createdBy: string | null;
  retryOf: number | null;
  batchId: number | null;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function toOperation(r: OperationRow): Operation {
  return {
    id: r.id, deviceUid: r.uid, kind: r.kind, args: (parse(r.args) ?? {}) as Record<string, unknown>, state: r.state,
    attempts: r.attempts, maxAttempts: r.max_attempts, replyTimeoutMs: r.reply_timeout_ms,
    createdAt: r.created_at, updatedAt: r.updated_at, sentAt: r.sent_at, finishedAt: r.finished_at, expiresAt: r.expires_at,
    result: parse(r.result) ?? null, error: parse(r.error) as Operation['error'], progress: parse(r.progress) as Operation['progress'],
    createdBy: r.created_by, retryOf: r.retry_of, batchId: r.batch_id,
  };
}

const SELECT = 'SELECT o.*, d.uid FROM operations o JOIN devices d ON d.id = o.device_id';
const ACTIVE = "('queued', 'sending', 'delivered')";

export type OperationStore = ReturnType<typeof createOperationStore>;

export function createOperationStore(db: Db) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(`INSERT INTO operations (device_id, kind, args, state, max_attempts, reply_timeout_ms,
    created_at, updated_at, expires_at, created_by, retry_of, batch_id) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  // an operation the device can take at once is inserted as sent: no second write of the new row
  const insertSent = sqlite.prepare(`INSERT INTO operations (device_id, kind, args, state, attempts, sent_at, max_attempts, reply_timeout_ms,
    created_at, updated_at, expires_at, created_by, retry_of, batch_id) VALUES (?, ?, ?, 'sending', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const byId = sqlite.prepare(`${SELECT} WHERE o.id = ?`);
  // index-only probes (operations_device_state): most devices have nothing else under way or waiting
  const hasActive = sqlite.prepare(`SELECT 1 FROM operations WHERE device_id = ? AND state IN ${ACTIVE} LIMIT 1`).pluck();
  const hasQueued = sqlite.prepare("SELECT 1 FROM operations WHERE device_id = ? AND state = 'queued' LIMIT 1").pluck();
  const activeOfDevice = sqlite.prepare(`${SELECT} WHERE o.device_id = ? AND o.state IN ${ACTIVE} ORDER BY o.id`);
  const devicesWithActive = sqlite.prepare(`SELECT DISTINCT d.uid FROM operations o JOIN devices d ON d.id = o.device_id WHERE o.state IN ${ACTIVE}`).pluck();
  const expiredIds = sqlite.prepare(`SELECT id FROM operations WHERE state IN ${ACTIVE} AND expires_at <= ? LIMIT 500`).pluck();
  // each change answers with the row as it is now (RETURNING), so no second read follows it
  const toSending = sqlite.prepare("UPDATE operations SET state = 'sending', attempts = attempts + 1, sent_at = ?, updated_at = ? WHERE id = ? RETURNING *");
  const setState = sqlite.prepare('UPDATE operations SET state = ?, updated_at = ? WHERE id = ? RETURNING *');
  const finish = sqlite.prepare('UPDATE operations SET state = ?, result = ?, error = ?, finished_at = ?, updated_at = ? WHERE id = ? RETURNING *');
  const setProgress = sqlite.prepare('UPDATE operations SET progress = ?, updated_at = ? WHERE id = ? RETURNING *');
  // a device's news in the usual case, read and written in one statement: the operation is the device's and in the expected state
  const OF_DEVICE = 'device_id = (SELECT id FROM devices WHERE uid = ?)';
  const deliveredIfSending = sqlite.prepare(`UPDATE operations SET state = 'delivered', updated_at = ? WHERE id = ? AND state = 'sending' AND ${OF_DEVICE} RETURNING *`);
  const finishIfActive = sqlite.prepare(`UPDATE operations SET state = ?, result = ?, error = ?, finished_at = ?, updated_at = ?
    WHERE id = ? AND state IN ${ACTIVE} AND ${OF_DEVICE} RETURNING *`);
  // better-sqlite3 answers with a fresh plain object: completed in place, not copied
  const withUid = (row: unknown, uid: string) => {
    if (row) (row as OperationRow).uid = uid;
    return row as OperationRow | undefined;
  };
  const addHistory = sqlite.prepare('INSERT INTO operation_history (operation_id, ts, type, state, detail) VALUES (?, ?, ?, ?, ?)');
  const historyOf = sqlite.prepare('SELECT id, ts, type, state, detail FROM operation_history WHERE operation_id = ? ORDER BY id');
  const insertBatch = sqlite.prepare('INSERT INTO operation_batches (kind, args, target, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id').pluck();
  const batchById = sqlite.prepare('SELECT * FROM operation_batches WHERE id = ?');
  const batchCounts = sqlite.prepare('SELECT state, count(*) AS n FROM operations WHERE batch_id = ? GROUP BY state');

  return {
    /** The new row, as inserted (`uid`: the uid of device `op.deviceId`, which the row carries along). */
    insert(op: NewOperation, uid: string, now: number): OperationRow {
      return withUid(insert.get(op.deviceId, op.kind, JSON.stringify(op.args), op.maxAttempts, op.replyTimeoutMs,
        now, now, op.expiresAt, op.createdBy, op.retryOf, op.batchId), uid)!;
    },
    /** Inserted as 'sending' (attempt 1, sent now) instead of 'queued'. */
    insertSent(op: NewOperation, uid: string, now: number): OperationRow {
      return withUid(insertSent.get(op.deviceId, op.kind, JSON.stringify(op.args), now, op.maxAttempts, op.replyTimeoutMs,
        now, now, op.expiresAt, op.createdBy, op.retryOf, op.batchId), uid)!;
    },
    get: (id: number) => byId.get(id) as OperationRow | undefined,
    hasActive: (deviceId: number) => hasActive.get(deviceId) !== undefined,
    hasQueued: (deviceId: number) => hasQueued.get(deviceId) !== undefined,
    activeOfDevice: (deviceId: number) => activeOfDevice.all(deviceId) as OperationRow[],
    devicesWithActive: () => devicesWithActive.all() as string[],
    expiredIds: (now: number) => expiredIds.all(now) as number[],
    /** Each of these returns the changed row (`of` gives the device uid it keeps). */
    markSending(of: OperationRow, now: number) {
      return withUid(toSending.get(now, now, of.id), of.uid)!;
    },
    setState(of: OperationRow, state: OperationState, now: number) {
      return withUid(setState.get(state, now, of.id), of.uid)!;
    },
    finish(of: OperationRow, state: OperationState, outcome: { result?: unknown; error?: { code: string; message: string } }, now: number) {
      return withUid(finish.get(state, outcome.result === undefined ? null : JSON.stringify(outcome.result),
        outcome.error ? JSON.stringify(outcome.error) : null, now, now, of.id), of.uid)!;
    },
    /** 'sending' -> 'delivered' if operation `id` is device `uid`'s and is being sent; else undefined and nothing changed. */
    deliveredIfSending(id: number, uid: string, now: number): OperationRow | undefined {
      return withUid(deliveredIfSending.get(now, id, uid), uid);
    },
    /** Finishes operation `id` if it is device `uid`'s and not finished; else undefined and nothing changed. */
    finishIfActive(id: number, uid: string, state: OperationState, outcome: { result?: unknown; error?: { code: string; message: string } }, now: number) {
      return withUid(finishIfActive.get(state, outcome.result === undefined ? null : JSON.stringify(outcome.result),
        outcome.error ? JSON.stringify(outcome.error) : null, now, now, id, uid), uid);
    },
    setProgress(of: OperationRow, progress: unknown, now: number) {
      return withUid(setProgress.get(JSON.stringify(progress), now, of.id), of.uid)!;
    },
    addHistory(id: number, type: HistoryType, state: OperationState | null, detail: unknown, now: number) {
      addHistory.run(id, now, type, state, detail === undefined ? null : JSON.stringify(detail));
    },
    history(id: number): OperationHistoryEntry[] {
      return (historyOf.all(id) as Array<{ id: number; ts: number; type: HistoryType; state: OperationState | null; detail: string | null }>)
        .map((h) => ({ ...h, detail: parse(h.detail) }));
    },
    list(q: OperationsQuery, deviceId?: number): OperationRow[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (deviceId !== undefined) where.push('o.device_id = ?'), params.push(deviceId);
      if (q.state && q.state.length > 0) where.push(`o.state IN (${q.state.map(() => '?').join(', ')})`), params.push(...q.state);
      if (q.kind !== undefined) where.push('o.kind = ?'), params.push(q.kind);
      if (q.batch !== undefined) where.push('o.batch_id = ?'), params.push(q.batch);
      if (q.from !== undefined) where.push('o.created_at >= ?'), params.push(q.from);
      if (q.to !== undefined) where.push('o.created_at < ?'), params.push(q.to);
      if (q.before !== undefined) where.push('o.id < ?'), params.push(q.before);
      const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id DESC LIMIT ?`;
      return sqlite.prepare(sql).all(...params, q.limit + 1) as OperationRow[];
    },
    insertBatch(kind: string, args: unknown, target: unknown, createdBy: string | null, now: number): number {
      return insertBatch.get(kind, JSON.stringify(args), JSON.stringify(target), createdBy, now) as number;
    },
    batch: (id: number) => batchById.get(id) as
      { id: number; kind: string; args: string | null; target: string; created_by: string | null; created_at: number } | undefined,
    batchCounts: (id: number) => batchCounts.all(id) as Array<{ state: OperationState; n: number }>,
  };
}
