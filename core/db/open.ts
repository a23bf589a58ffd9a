import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { ensurePrivateDir, ensurePrivateFile } from './private-files.js';
import type { Logger } from '../log.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating if needed) the database file in dataDir and applies pending migrations. */
export function openDatabase(dataDir: string, log?: Logger): Db {
  ensurePrivateDir(dataDir, log);
  const file = join(dataDir, 'outpost.db');
  // SQLite gives the -wal and -shm files the database file's mode, so 0600 here covers them
  ensurePrivateFile(file, log);
  for (const extra of [`${file}-wal`, `${file}-shm`]) if (existsSync(extra)) ensurePrivateFile(extra, log);
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    sqlite.close();
    // never overwrite it: it may be the only copy of someone's data
    throw new Error(`${file} is not an Outpost database (${(e as Error).message}); move it away or choose another --data-dir`);
  }
  // FULL: a commit survives power loss, not only a process crash; WAL keeps it cheap.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db as Db;
}
