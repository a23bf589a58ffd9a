// kill -9 in the middle of a QoS 1 stream: every acknowledged point must be in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { ApiClient } from './testing/harness.js';
import { startChildOutpost } from './testing/child-outpost.js';

const startChild = (dataDir: string) => startChildOutpost(dataDir);

test('every point acknowledged before SIGKILL survives', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-crash-'));
  const started = Date.now();
  const core = await startChild(dataDir);
  try {
    const api = new ApiClient(core.url);
    await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
    const token = (await api.post('/api/devices', { uid: 'crashy', name: 'Crashy' })).body.credentials.token as string;
    const client = await mqtt.connectAsync({ host: '127.0.0.1', port: core.mqttPort, username: 'crashy', password: token, clientId: 'crashy', reconnectPeriod: 0 });
    client.on('error', () => undefined);

    const acked: number[] = [];
    let sent = 0;
    let killed = false;
    const inFlight = 64;
    await new Promise<void>((resolve) => {
      const sendNext = () => {
        if (killed) return;
        const seq = sent++;
        client.publish('outpost/v1/crashy/telemetry', JSON.stringify({ seq }), { qos: 1 }, (err) => {
          if (err) return;
          acked.push(seq);
          if (acked.length === 2000 && !killed) {
            killed = true;
            core.child.kill('SIGKILL');
            resolve();
          }
          sendNext();
        });
      };
      for (let i = 0; i < inFlight; i++) sendNext();
    });
    client.end(true);
    await new Promise((r) => core.child.once('exit', r));

    const db = new Database(join(dataDir, 'outpost.db'));
    const stored = new Set(db.prepare("SELECT p.num FROM points p JOIN series s ON s.id = p.series_id WHERE s.key = 'seq'").pluck().all() as number[]);
    db.close();
    const lost = acked.filter((seq) => !stored.has(seq));
    assert.equal(lost.length, 0, `acknowledged but lost: ${lost.slice(0, 10).join(', ')}`);
    assert.ok(sent > acked.length, 'messages were still in flight at the kill');

    // and Outpost starts again on the same data
    const again = await startChild(dataDir);
    const api2 = new ApiClient(again.url);
    assert.equal((await api2.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
    const crashy = (await api2.get('/api/devices/crashy')).body;
    assert.deepEqual([crashy.statusReason, crashy.offlineCause], ['Outpost restarted', 'outpost-restarted']);
    // a crash leaves its last heartbeat as "stopped at": after the first start, before this one
    assert.ok(crashy.outpostStoppedAt >= started && crashy.outpostStoppedAt <= crashy.statusSince, JSON.stringify(crashy));
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.once('exit', r));
  } finally {
    core.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
