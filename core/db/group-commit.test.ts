import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './open.js';
import { createGroupCommit } from './group-commit.js';

/** A database in a temp dir whose WAL syncs wait until the test finishes them (`syncs[i](null)`). */
async function withHeldSyncs(body: (db: Db, syncs: Array<(e: Error | null) => void>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-gc-'));
  const syncs: Array<(e: Error | null) => void> = [];
  const fake = mock.method(fs, 'fdatasync', (_fd: number, cb: (e: Error | null) => void) => void syncs.push(cb));
  syncBuiltinESMExports();
  const db = openDatabase(dir);
  try {
    await body(db, syncs);
  } finally {
    fake.mock.restore();
    syncBuiltinESMExports();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

test('a commit is answered only once the WAL is synced to disk; commits made meanwhile share the next sync', async () => {
  await withHeldSyncs(async (db, syncs) => {
    const commit = createGroupCommit(db);
    const put = db.$client.prepare("INSERT INTO settings (key, value) VALUES (?, '1')");
    const answered: string[] = [];
    void commit.run(() => put.run('a')).then(() => answered.push('a'));
    await turns(3);
    assert.equal(syncs.length, 1, 'the WAL is synced after the commit');
    assert.equal(answered.length, 0, 'nobody hears of the commit before its sync has finished');
    // written, not yet synced: another connection (the state after kill -9) already has it
    assert.equal(db.$client.prepare("SELECT count(*) FROM settings WHERE key = 'a'").pluck().get(), 1);
    assert.equal(db.$client.pragma('synchronous', { simple: true }), 2, 'the connection is back to FULL for everyone else');

    void commit.run(() => put.run('b')).then(() => answered.push('b'));
    void commit.run(() => put.run('c')).then(() => answered.push('c'));
    await turns(3);
    assert.equal(syncs.length, 1, 'a sync under way may predate these writes: they wait for the next one');
    syncs[0]!(null);
    await turns(3);
    assert.deepEqual(answered, ['a']);
    assert.equal(syncs.length, 2);
    syncs[1]!(null);
    await turns(3);
    assert.deepEqual(answered, ['a', 'b', 'c']);

    let failed: Error | undefined;
    void commit.run(() => put.run('d')).catch((e: Error) => (failed = e));
    await turns(3);
    syncs[2]!(new Error('EIO'));
    await turns(3);
    assert.equal(failed?.message, 'EIO', 'a failed sync fails what waited for it');
    commit.flush();
  });
});

test('gathering while a sync runs: work queued meanwhile is committed when the sync ends, together (one commit, one sync)', async () => {
  await withHeldSyncs(async (db, syncs) => {
    const commit = createGroupCommit(db, { gatherWhileSyncing: true });
    const put = db.$client.prepare("INSERT INTO settings (key, value) VALUES (?, '1')");
    const written = (key: string) => db.$client.prepare('SELECT count(*) FROM settings WHERE key = ?').pluck().get(key) as number;
    const answered: string[] = [];
    void commit.run(() => put.run('a')).then(() => answered.push('a'));
    await turns(3);
    assert.equal(syncs.length, 1);
    // two turns' work while the sync runs
    const inTransaction: boolean[] = [];
    void commit.run(() => (inTransaction.push(db.$client.inTransaction), put.run('b'))).then(() => answered.push('b'));
    await turns(2);
    void commit.run(() => (inTransaction.push(db.$client.inTransaction), put.run('c'))).then(() => answered.push('c'));
    await turns(3);
    assert.equal(written('b'), 0, 'not committed while the sync runs');
    syncs[0]!(null);
    await turns(3);
    assert.deepEqual(answered, ['a']);
    assert.equal(written('b') + written('c'), 2, 'committed as soon as the sync ended');
    assert.deepEqual(inTransaction, [true, true]);
    assert.equal(syncs.length, 2, 'and synced at once');
    syncs[1]!(null);
    await turns(3);
    assert.deepEqual(answered, ['a', 'b', 'c']);
    assert.equal(syncs.length, 2, 'one sync answered both');
    commit.flush();
  });
});
