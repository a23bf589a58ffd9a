// SQLite checkpoints the WAL into the database inside a commit once the WAL passes 1000 pages:
// on the event loop, with an fsync of the WAL, the pages copied and an fsync of the database,
// every fraction of a second under load; every request and ack waits meanwhile (the p99 of
// operations and notifications). Here a worker thread with its own connection copies the WAL,
// PASSIVE (writers go on meanwhile), a few times a second, and the main connection's own
// checkpoint comes four times more rarely with little left to do.
// Started only once the WAL passes a few MB: most runs (and tests) never need the thread.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../log.js';

export interface WalCheckpointer {
  /** checkpoints the thread has made */
  readonly made: number;
  /** Stops the thread (before the database is closed: the close checkpoints what is left). */
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** how often the WAL's size is looked at; default 250 ms */
  everyMs?: number;
  /** the WAL size that starts the thread; default 4 MiB (SQLite's own checkpoint: 1000 pages) */
  startAfterBytes?: number;
}

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/**
 * The main connection still checkpoints, four times more rarely than SQLite would: a checkpoint
 * from another connection copies the WAL but cannot make a writer that never pauses begin it again
 * (only one that starts with everything copied does), so the WAL would grow without end. When this
 * one comes, the thread has copied almost everything: what is left is a few pages and the syncs.
 */
const RESTART_AFTER_PAGES = 4 * SQLITE_DEFAULT_AUTOCHECKPOINT;
/**
 * The thread: its own connection to the database file, a PASSIVE checkpoint whenever asked.
 * Plain CommonJS given as text, with better-sqlite3's path resolved here: a module file would need
 * tsx's loader when run from the sources, which Node 20 does not give worker threads.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const sqlite = new Database(workerData.file, { fileMustExist: true });
// FULL: the checkpoint syncs the WAL before copying it and the database after, as SQLite's own does
sqlite.pragma('synchronous = FULL');
sqlite.pragma('busy_timeout = 5000');
const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (message) => {
  if (message === 'close') {
    sqlite.close();
    parentPort.close();
    return;
  }
  try {
    const r = checkpoint.get();
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: e.message });
  }
});
`;
const driver = createRequire(import.meta.url).resolve('better-sqlite3');

export function startWalCheckpointer(sqlite: Database.Database, log: Logger, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const walFile = `${sqlite.name}-wal`;
  const startAfterBytes = options.startAfterBytes ?? 4 * 1024 * 1024;
  let worker: Worker | undefined;
  let busy = false;
  let failed = false;
  let made = 0;
  const walSize = () => {
    try {
      return statSync(walFile).size;
    } catch {
      return 0;
    }
  };
  // back to SQLite's own checkpoints: the thread could not be had
  const giveUp = (why: string) => {
    if (failed) return;
    failed = true;
    clearInterval(timer);
    log.warn(`database: checkpoints run on the main thread again (${why})`);
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    void worker?.terminate();
    worker = undefined;
  };
  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: sqlite.name, driver } });
    w.on('message', (r: { ok: boolean; error?: string }) => {
      busy = false;
      if (!r.ok) log.warn(`database: a checkpoint failed: ${r.error}`);
      if (r.ok) made++;
    });
    w.on('error', (e) => giveUp(e.message));
    w.unref();
    return w;
  };

  sqlite.pragma(`wal_autocheckpoint = ${RESTART_AFTER_PAGES}`);
  // once started, a checkpoint every turn of the timer: one with nothing to copy costs the thread
  // next to nothing, and the WAL stays small (after a complete one, writers begin it again)
  const timer = setInterval(() => {
    if (busy || failed || !sqlite.open) return;
    if (!worker && walSize() < startAfterBytes) return;
    try {
      worker ??= start();
      busy = true;
      worker.postMessage('checkpoint');
    } catch (e) {
      giveUp((e as Error).message);
    }
  }, options.everyMs ?? 250);
  timer.unref();

  return {
    get made() {
      return made;
    },
    async close() {
      clearInterval(timer);
      const w = worker;
      worker = undefined;
      if (!w) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.ref(); // an unref'ed thread would not keep the process waiting for its exit
        w.postMessage('close');
      });
    },
  };
}
