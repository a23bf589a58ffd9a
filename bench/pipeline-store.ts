// The peer's storage side: what a "seed-style" subscriber does with telemetry it receives from
// mosquitto. Same shape and pragmas as Outpost's store (devices → series → points; WAL,
// synchronous and foreign keys as in core/db/open.ts), one transaction per batch, prepared statements.
import Database from 'better-sqlite3';

/** core/db/open.ts uses synchronous=FULL (a commit survives power loss); the peer does the same. */
export const SYNCHRONOUS = 'FULL';

export interface Received {
  uid: string;
  payload: Buffer;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS devices (id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  key TEXT NOT NULL, type TEXT NOT NULL, last_ts INTEGER, last_value TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS series_device_key ON series (device_id, key);
CREATE TABLE IF NOT EXISTS points (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  ts INTEGER NOT NULL, num REAL, str TEXT);
CREATE INDEX IF NOT EXISTS points_series_ts ON points (series_id, ts);
`;

export class PipelineStore {
  readonly db: Database.Database;
  private readonly seriesIds = new Map<string, number>();
  private readonly deviceIds = new Map<string, number>();
  private readonly insPoint;
  private readonly insDevice;
  private readonly getDevice;
  private readonly insSeries;
  private readonly getSeries;
  private readonly setLast;
  private readonly tx: (batch: readonly Received[]) => number;
  /** messages that were not a JSON object */
  rejected = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${SYNCHRONOUS}`);
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.insPoint = this.db.prepare('INSERT INTO points (series_id, ts, num, str) VALUES (?, ?, ?, ?)');
    this.insDevice = this.db.prepare('INSERT OR IGNORE INTO devices (uid) VALUES (?)');
    this.getDevice = this.db.prepare('SELECT id FROM devices WHERE uid = ?').pluck();
    this.insSeries = this.db.prepare('INSERT OR IGNORE INTO series (device_id, key, type) VALUES (?, ?, ?)');
    this.getSeries = this.db.prepare('SELECT id FROM series WHERE device_id = ? AND key = ?').pluck();
    this.setLast = this.db.prepare('UPDATE series SET last_ts = ?, last_value = ? WHERE id = ?');
    this.tx = this.db.transaction((batch: readonly Received[]) => this.writeBatch(batch));
  }

  /** Stores a batch in one transaction; returns the number of points written. */
  write(batch: readonly Received[]): number {
    return batch.length === 0 ? 0 : this.tx(batch);
  }

  close(): void {
    this.db.close();
  }

  private deviceId(uid: string): number {
    let id = this.deviceIds.get(uid);
    if (id === undefined) {
      this.insDevice.run(uid);
      id = this.getDevice.get(uid) as number;
      this.deviceIds.set(uid, id);
    }
    return id;
  }

  private seriesId(uid: string, key: string, type: string): number {
    const k = `${uid}\u0000${key}`;
    let id = this.seriesIds.get(k);
    if (id === undefined) {
      const dev = this.deviceId(uid);
      this.insSeries.run(dev, key, type);
      id = this.getSeries.get(dev, key) as number;
      this.seriesIds.set(k, id);
    }
    return id;
  }

  private writeBatch(batch: readonly Received[]): number {
    const now = Date.now();
    const last = new Map<number, [number, unknown]>();
    let n = 0;
    for (const m of batch) {
      let obj: unknown;
      try {
        obj = JSON.parse(m.payload.toString('utf8'));
      } catch {
        obj = undefined;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        this.rejected++;
        continue;
      }
      const rec = obj as Record<string, unknown>;
      const ts = typeof rec.ts === 'number' && Number.isFinite(rec.ts) ? Math.trunc(rec.ts) : now;
      for (const key in rec) {
        if (key === 'ts') continue;
        const v = rec[key];
        let num: number | null = null;
        let str: string | null = null;
        let type: string;
        if (typeof v === 'number' && Number.isFinite(v)) [num, type] = [v, 'number'];
        else if (typeof v === 'boolean') [num, type] = [v ? 1 : 0, 'boolean'];
        else if (typeof v === 'string') [str, type] = [v, 'string'];
        else continue;
        const sid = this.seriesId(m.uid, key, type);
        this.insPoint.run(sid, ts, num, str);
        const prev = last.get(sid);
        if (!prev || prev[0] <= ts) last.set(sid, [ts, v]);
        n++;
      }
    }
    for (const [sid, [ts, v]] of last) this.setLast.run(ts, JSON.stringify(v), sid);
    return n;
  }
}
