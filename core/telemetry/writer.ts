import type Database from 'better-sqlite3';
import type { Db } from '../db/open.js';
import { createGroupCommit } from '../db/group-commit.js';
import type { LiveBus } from '../live/bus.js';
import type { Value } from '../contract/api.js';

export interface TelemetryBatch {
  deviceId: number;
  uid: string;
  ts: number;
  values: Array<{ key: string; value: Value }>;
}

export interface TelemetryWriter {
  /** Resolves once the points are committed (so an ack sent after it loses nothing). */
  write(batch: TelemetryBatch): Promise<void>;
  /**
   * The same, with more writes of the caller's in the same transaction (e.g. the last known value
   * of what was reported): they share the points' durable commit. `also` must only write to the
   * database (it runs again alone if the shared transaction is rolled back).
   */
  writeWith(batch: TelemetryBatch, also: () => void): Promise<void>;
  /** Writes the latest value of each series, which is otherwise written about once a second. */
  flushLatest(): void;
  /** Commits what is queued and the latest values, and stops the timer. */
  close(): void;
  forgetDevice(deviceId: number): void;
}

interface Pending { batch: TelemetryBatch; also?: () => void; resolve: () => void; reject: (e: Error) => void }

const MAX_MESSAGES_PER_COMMIT = 5000;
const ROWS_PER_INSERT = 64;
const LATEST_EVERY_MS = 1000;

// After a crash the latest values written last may be older than the newest points: take them
// from the points themselves (one index seek per series).
const REPAIR_LATEST = `
  UPDATE series SET (last_ts, last_value) = (
    SELECT p.ts, CASE series.type WHEN 'string' THEN json_quote(p.str)
                                  WHEN 'boolean' THEN iif(p.num <> 0, 'true', 'false')
                                  ELSE json_quote(p.num) END
    FROM points p WHERE p.series_id = series.id ORDER BY p.ts DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM points p WHERE p.series_id = series.id)`;

/**
 * Group commit: messages that arrive while the event loop is busy are written in one
 * transaction on the next turn, so the cost of a durable commit is shared by all of them.
 */
export function createTelemetryWriter(db: Db, bus: LiveBus): TelemetryWriter {
  const sqlite = db.$client;
  // many rows per statement: the per-call cost of better-sqlite3 dominates single-row inserts.
  // One statement per row count, prepared when first needed: a commit's last rows (all of them in a
  // commit of one event-loop turn's notifications: libuv reads 32 datagrams a turn) go in one call too.
  const insertRows: Database.Statement[] = [];
  const insertPoints = (count: number): Database.Statement =>
    (insertRows[count] ??= sqlite.prepare(`INSERT INTO points (series_id, ts, num, str) VALUES ${Array(count).fill('(?, ?, ?, ?)').join(', ')}`));
  const findSeries = sqlite.prepare('SELECT id FROM series WHERE device_id = ? AND key = ?').pluck();
  const insertSeries = sqlite.prepare('INSERT INTO series (device_id, key, type) VALUES (?, ?, ?) RETURNING id').pluck();
  const updateLatest = sqlite.prepare(
    'UPDATE series SET last_ts = ?, last_value = ? WHERE id = ? AND (last_ts IS NULL OR last_ts <= ?)');

  // series ids by device, then key: no string built per point to look one up
  const seriesIds = new Map<number, Map<string, number>>();
  const queue: Pending[] = [];
  let scheduled = false;
  const latest = new Map<number, { ts: number; value: Value }>();
  sqlite.exec(REPAIR_LATEST);

  const writeLatest = sqlite.transaction((entries: Array<[number, { ts: number; value: Value }]>) => {
    for (const [id, { ts, value }] of entries) updateLatest.run(ts, JSON.stringify(value), id, ts);
  });
  const flushLatest = () => {
    if (latest.size === 0) return;
    const entries = [...latest];
    latest.clear();
    writeLatest(entries);
  };

  const seriesId = (deviceId: number, key: string, value: Value): number => {
    let ofDevice = seriesIds.get(deviceId);
    if (ofDevice === undefined) seriesIds.set(deviceId, (ofDevice = new Map()));
    let id = ofDevice.get(key);
    if (id === undefined) {
      id = (findSeries.get(deviceId, key) as number | undefined) ??
        (insertSeries.get(deviceId, key, typeof value) as number);
      ofDevice.set(key, id);
    }
    return id;
  };

  const commit = (items: Pending[]) => {
    const rows: Array<number | string | null> = [];
    const newest = new Map<number, { ts: number; value: Value }>();
    for (const { batch } of items) {
      for (const { key, value } of batch.values) {
        const id = seriesId(batch.deviceId, key, value);
        if (typeof value === 'string') rows.push(id, batch.ts, null, value);
        else rows.push(id, batch.ts, typeof value === 'boolean' ? Number(value) : value, null);
        if (rows.length === ROWS_PER_INSERT * 4) insertPoints(ROWS_PER_INSERT).run(rows.splice(0));
        const prev = newest.get(id);
        if (!prev || prev.ts <= batch.ts) newest.set(id, { ts: batch.ts, value });
      }
    }
    if (rows.length > 0) insertPoints(rows.length / 4).run(rows);
    for (const { also } of items) also?.();
    return newest;
  };
  // the WAL's sync off the event loop; what comes while one runs is committed at its end, in one transaction (core/db/group-commit.ts)
  const group = createGroupCommit(db, { gatherWhileSyncing: true });
  // In a savepoint of its own: a failing batch is rolled back alone and never fails the shared
  // transaction (whose retry would meet series ids cached from the rolled-back attempt).
  const savepoint = sqlite.transaction(commit);
  const tryCommit = (items: Pending[]) => {
    try {
      return savepoint(items);
    } catch (e) {
      // the rolled-back savepoint may have created cached series ids
      seriesIds.clear();
      return e as Error;
    }
  };
  const durably = async (items: Pending[]) => {
    const done = await group.run(() => tryCommit(items));
    if (done instanceof Error) throw done;
    return done;
  };
  const latestTimer = setInterval(() => {
    // the database closed under a writer nobody closed: stop, rather than throw from a timer
    if (!sqlite.open) return clearInterval(latestTimer);
    if (latest.size === 0) return;
    // in the group commit: a transaction of its own synced the WAL on the event loop (synchronous=FULL) every second
    const entries = [...latest];
    latest.clear();
    group.run(() => writeLatest(entries)).catch(() => note(new Map(entries)));
  }, LATEST_EVERY_MS);
  latestTimer.unref();

  const note = (newest: Map<number, { ts: number; value: Value }>) => {
    // only once committed: a rolled-back batch must not leave its values as the latest
    for (const [id, v] of newest) {
      const prev = latest.get(id);
      if (!prev || prev.ts <= v.ts) latest.set(id, v);
    }
  };

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const items = queue.splice(0, MAX_MESSAGES_PER_COMMIT);
      durably(items).then((newest) => {
        note(newest);
        for (const p of items) p.resolve();
        publishLive(items);
      }, () => {
        // one bad message (e.g. its device was just deleted) must not fail the others
        items.forEach(commitAlone);
      });
    }
  };

  const commitAlone = (p: Pending) => {
    durably([p]).then((newest) => {
      note(newest);
      p.resolve();
      publishLive([p]);
    }, (e: Error) => {
      p.reject(e);
    });
  };

  const publishLive = (items: Pending[]) => {
    if (!bus.listened) return;
    const byDevice = new Map<string, Array<{ key: string; ts: number; value: Value }>>();
    for (const { batch } of items) {
      let list = byDevice.get(batch.uid);
      if (!list) byDevice.set(batch.uid, (list = []));
      for (const { key, value } of batch.values) list.push({ key, ts: batch.ts, value });
    }
    for (const [uid, points] of byDevice) bus.publish({ type: 'points', uid, points });
  };

  return {
    write: (batch) => enqueue(batch),
    writeWith: (batch, also) => enqueue(batch, also),
    flushLatest,
    close() {
      clearInterval(latestTimer);
      flush();
      group.flush();
      flushLatest();
    },
    forgetDevice(deviceId) {
      seriesIds.delete(deviceId);
    },
  };

  function enqueue(batch: TelemetryBatch, also?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      queue.push({ batch, also, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  }
}
