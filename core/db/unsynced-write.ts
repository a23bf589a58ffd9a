import type Database from 'better-sqlite3';

const SYNCHRONOUS_FULL = 2;

/**
 * Runs `write` at synchronous=NORMAL on a connection at FULL, then puts FULL back: its commit is
 * in the WAL (safe from kill -9) but SQLite does not wait for the disk on the event loop. For a
 * commit whose WAL someone syncs after it (the group commit, on the thread pool) and for hints that
 * a power loss may take a second of back (lastSeen, bookkeeping kept in memory). A connection at
 * another level is left as it is. `pragma()` each time, not a statement prepared once: SQLite
 * applies PRAGMA synchronous when the statement is prepared, so running a prepared one again does
 * not reliably set the level (preparing NORMAL then FULL once left the first "NORMAL" run at FULL).
 */
export function writeUnsynced<T>(sqlite: Database.Database, write: () => T): T {
  if (Number(sqlite.pragma('synchronous', { simple: true })) !== SYNCHRONOUS_FULL) return write();
  sqlite.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    sqlite.pragma('synchronous = FULL');
  }
}
