import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { writeUnsynced } from './unsynced-write.js';

const level = (db: Database.Database) => Number(db.pragma('synchronous', { simple: true }));

test('a write at NORMAL on a FULL connection, FULL again after it (also when it throws); another level left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-unsynced-'));
  const db = new Database(join(dir, 'x.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (v INTEGER)');
    // the statements a caller might have prepared before must not change what the helper sets
    db.prepare('PRAGMA synchronous = NORMAL');
    db.prepare('PRAGMA synchronous = FULL');
    for (let i = 0; i < 3; i++) {
      const seen = writeUnsynced(db, () => {
        db.prepare('INSERT INTO t VALUES (?)').run(i);
        return level(db);
      });
      assert.equal(seen, 1, 'NORMAL inside');
      assert.equal(level(db), 2, 'FULL after');
    }
    assert.throws(() => writeUnsynced(db, () => { throw new Error('boom'); }), /boom/);
    assert.equal(level(db), 2, 'FULL after a failed write');
    assert.equal((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 3);
    db.pragma('synchronous = OFF');
    assert.equal(writeUnsynced(db, () => level(db)), 0, 'a connection at OFF stays at OFF');
    assert.equal(level(db), 0);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
