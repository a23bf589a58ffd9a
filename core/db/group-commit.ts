import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Db } from './open.js';
import { writeUnsynced } from './unsynced-write.js';

export interface GroupCommit {
  /**
   * Runs `work` inside a transaction shared with the other work queued in this turn of the event
   * loop; resolves with its result once committed and durable (so what follows — an ack, a publish,
   * an answer — comes after the data would survive a crash or a power loss). Work runs in the order
   * it was queued and sees the writes of earlier work.
   */
  run<T>(work: () => T): Promise<T>;
  /** Commits what is queued now and syncs it to disk before returning (on close). */
  flush(): void;
  /**
   * Resolves once everything committed so far is durable: for a read that answers someone (the
   * state it reads may have been committed a moment ago, its sync still under way).
   */
  durable(): Promise<void>;
}

interface Pending { work: () => unknown; resolve: (v: unknown) => void; reject: (e: Error) => void }

const MAX_WORK_PER_COMMIT = 2000;
const SYNCHRONOUS_FULL = 2;

/**
 * The WAL's fsync, taken off the event loop. With synchronous=FULL SQLite fsyncs the WAL inside
 * COMMIT, and the whole process waits for the disk (milliseconds on a busy disk) with nothing else
 * done meanwhile. Here the commit is written with synchronous=NORMAL (the WAL frames are written,
 * not yet synced: that already survives kill -9, as the OS has them) and then the WAL file is
 * fdatasync'ed on the thread pool; nobody hears of the commit before that sync has finished, so
 * what is answered survives a power loss exactly as with FULL. While one sync runs the event loop
 * goes on, and every commit made meanwhile shares the next sync (group commit at the disk).
 * Checkpoints are unchanged: with NORMAL SQLite still syncs the WAL before and the database after.
 */
interface WalSync {
  /** Whether the next commit may be written unsynced (the WAL can be synced by us). */
  ready(): boolean;
  /** Whether a sync is under way. */
  busy(): boolean;
  /** Resolves once everything written to the WAL before this call is on disk. */
  sync(): Promise<void>;
  syncNow(): void;
  close(): void;
}

function createWalSync(sqlite: Database.Database, idle: () => void): WalSync | undefined {
  if (sqlite.memory || sqlite.readonly) return undefined;
  if (String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return undefined;
  // only when the connection asks for FULL: a lower level is not made stronger behind its back
  if (Number(sqlite.pragma('synchronous', { simple: true })) !== SYNCHRONOUS_FULL) return undefined;
  const walFile = `${sqlite.name}-wal`;
  let fd: number | undefined;
  let running: Promise<void> | undefined;
  let next: { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } | undefined;

  const start = (): Promise<void> => new Promise<void>((resolve, reject) => {
    fdatasync(fd!, (e) => {
      running = undefined;
      if (next) {
        // commits made while this sync ran: one sync for all of them
        const waiting = next;
        next = undefined;
        running = start();
        running.then(waiting.resolve, waiting.reject);
      }
      if (e) reject(e);
      else resolve();
      if (!running) idle();
    });
  });

  return {
    ready() {
      try {
        // the same file SQLite writes (it keeps the WAL while the connection is open; checked anyway)
        if (fd !== undefined && fstatSync(fd).nlink === 0) {
          closeSync(fd);
          fd = undefined;
        }
        fd ??= openSync(walFile, 'r+');
        return true;
      } catch {
        return false;
      }
    },
    busy: () => running !== undefined,
    sync() {
      if (!running) return (running = start());
      // the sync under way may have started before this commit was written: wait for the next one
      if (!next) {
        let resolve!: () => void;
        let reject!: (e: Error) => void;
        const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
        next = { promise, resolve, reject };
      }
      return next.promise;
    },
    syncNow() {
      if (fd !== undefined) fdatasyncSync(fd);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

export interface GroupCommitOptions {
  /**
   * Work queued while a sync is under way waits for its end and is committed then, all in one
   * transaction (it would wait for the next sync anyway): fewer, larger transactions under a
   * stream of small writes (notifications), each page they share written to the WAL once.
   */
  gatherWhileSyncing?: boolean;
}

/** One durable commit for many small writes: with synchronous=FULL a commit costs an fsync. */
export function createGroupCommit(db: Db, options: GroupCommitOptions = {}): GroupCommit {
  const sqlite = db.$client;
  const queue: Pending[] = [];
  let scheduled = false;
  const schedule = () => {
    scheduled = true;
    setImmediate(() => flushQueue(false));
  };
  const gather = options.gatherWhileSyncing === true;
  const wal = createWalSync(sqlite, () => {
    if (gather && !scheduled && queue.length > 0) schedule();
  });
  let latest: Promise<void> = Promise.resolve();

  const runAll = sqlite.transaction((items: Pending[]) => items.map((p) => p.work()));
  const runOne = sqlite.transaction((p: Pending) => p.work());

  /** Commits `items` (FULL, or NORMAL with the WAL synced after) and settles each once durable. */
  const commitBatch = (items: Pending[], now: boolean) => {
    const offThread = wal?.ready() === true;
    const settled: Array<() => void> = [];
    const commit = () => {
      try {
        const results = runAll(items);
        items.forEach((p, i) => settled.push(() => p.resolve(results[i])));
      } catch {
        // one failing piece of work (e.g. its device was deleted meanwhile) must not fail the others
        for (const p of items) {
          try {
            const result = runOne(p);
            settled.push(() => p.resolve(result));
          } catch (e) {
            settled.push(() => p.reject(e as Error));
          }
        }
      }
    };
    if (offThread) writeUnsynced(sqlite, commit);
    else commit();
    if (!offThread) return settled.forEach((s) => s());
    if (now) {
      wal!.syncNow();
      return settled.forEach((s) => s());
    }
    // a failed sync: the writes may not be on disk, so nothing that depends on them may follow
    latest = wal!.sync();
    latest.then(() => settled.forEach((s) => s()), (e: Error) => items.forEach((p) => p.reject(e)));
  };

  const flushQueue = (now: boolean) => {
    scheduled = false;
    while (queue.length > 0) commitBatch(queue.splice(0, MAX_WORK_PER_COMMIT), now);
  };

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled && !(gather && wal?.busy())) schedule();
      });
    },
    durable: () => latest.catch(() => undefined),
    flush() {
      flushQueue(true);
      wal?.syncNow();
      wal?.close();
    },
  };
}
