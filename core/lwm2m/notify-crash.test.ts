// kill -9 right after the devices heard the ACKs of their confirmable notifications: every
// acknowledged notification is in the database after the restart (the ACK goes out only after the
// shared commit and its WAL sync). The clients are the benchmark's lean ones: their ACK count is exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiClient } from '../testing/harness.js';
import { startChildOutpost, stopChild } from '../testing/child-outpost.js';
import { LeanFleet } from '../../bench/lwm2m-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('every notification acknowledged before SIGKILL is stored after the restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-notify-crash-'));
  let core = await startChildOutpost(dataDir);
  let fleet: LeanFleet | undefined;
  try {
    const api = new ApiClient(core.url);
    await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
    const uids = ['n0', 'n1', 'n2'];
    for (const uid of uids) assert.equal((await api.post('/api/devices', { uid, name: uid, tags: ['crash'], dialect: 'lwm2m' })).status, 200);
    fleet = await LeanFleet.open({ host: '127.0.0.1', port: core.coapPort!, count: uids.length, endpoint: (i) => uids[i]! });
    assert.equal((await fleet.registerAll(3)).ok, 3);
    const batch = await api.post('/api/operation-batches', { kind: 'lwm2m.observe', args: { path: '/3303/0/5700' }, target: { tag: 'crash' } });
    assert.equal(batch.status, 200);
    for (let i = 0; i < 100 && fleet.observing < 3; i++) await sleep(50);
    assert.equal(fleet.observing, 3);
    await sleep(300); // the observations' own commits (their first values) are not what is measured
    const before = countPoints(dataDir);
    const sent = await fleet.notify(300, 1);
    assert.ok(sent.acked > 30, `acked ${sent.acked}`);
    await stopChild(core.child, 'SIGKILL');

    const after = countPoints(dataDir);
    assert.ok(after - before >= sent.acked, `${sent.acked} notifications acknowledged, ${after - before} points stored`);
  } finally {
    await fleet?.close();
    await stopChild(core.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function countPoints(dataDir: string): number {
  const db = new Database(join(dataDir, 'outpost.db'));
  try {
    return db.prepare('SELECT count(*) FROM points').pluck().get() as number;
  } finally {
    db.close();
  }
}
