import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open.js';
import { startWalCheckpointer } from './wal-checkpointer.js';
import { createLogger } from '../log.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the WAL is checkpointed by the thread, stays small while writes go on, and nothing written is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-ckpt-'));
  const db = openDatabase(dir);
  const sqlite = db.$client;
  const checkpoints = startWalCheckpointer(sqlite, createLogger({ level: 'error' }), { everyMs: 10, startAfterBytes: 256 * 1024 });
  try {
    assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 4000, 'the main connection checkpoints four times more rarely');
    sqlite.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, data BLOB)');
    sqlite.pragma('synchronous = NORMAL'); // the test's own writes: no fsync each
    const insert = sqlite.prepare('INSERT INTO scratch (data) VALUES (?)');
    const blob = Buffer.alloc(8192, 7);
    let largestWal = 0;
    // 3,000 commits of 8 KB: 24 MB through the WAL; without checkpoints it would hold all of it
    for (let i = 0; i < 3000; i++) {
      insert.run(blob);
      if (i % 25 === 0) {
        await sleep(2);
        largestWal = Math.max(largestWal, statSync(`${sqlite.name}-wal`).size);
      }
    }
    assert.ok(largestWal < 20 * 1024 * 1024, `the WAL reached ${largestWal} bytes`);
    assert.ok(checkpoints.made >= 10, `the thread made ${checkpoints.made} checkpoints`);
    assert.equal(sqlite.prepare('SELECT count(*) FROM scratch').pluck().get(), 3000);
  } finally {
    await checkpoints.close();
    sqlite.close();
  }
  assert.equal(existsSync(join(dir, 'outpost.db-wal')), false, 'the last close checkpointed and removed the WAL');
  const again = openDatabase(dir);
  try {
    assert.equal(again.$client.prepare('SELECT count(*) FROM scratch').pluck().get(), 3000);
  } finally {
    again.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
