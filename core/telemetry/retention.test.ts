import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';
import { createTelemetryWriter } from './writer.js';
import { createRollupJob } from './rollup.js';
import { createRetention } from './retention.js';

const DAY = 24 * 3600_000;

test('data older than the retention is deleted in slices; newer data and 0 days keep everything', async () => {
  const f = storeFixture();
  const { db, bus, devices } = f;
  try {
    const device = devices.get('d')!;
    const writer = createTelemetryWriter(db, bus);
    const now = Date.UTC(2026, 0, 31);
    const old = Array.from({ length: 25_000 }, (_, i) => now - 40 * DAY + i * 1000);
    const recent = Array.from({ length: 100 }, (_, i) => now - DAY + i * 1000);
    await Promise.all([...old, ...recent].map((ts) => writer.write({ deviceId: device.id, uid: 'd', ts, values: [{ key: 'v', value: 1 }] })));
    createRollupJob(db).run(now);
    devices.addEvent(device, 'note', 'recent');
    db.$client.prepare('UPDATE events SET ts = ?').run(now - 40 * DAY);
    devices.addEvent(device, 'note', 'kept');

    const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
    const retention = createRetention(db);
    assert.equal(retention.pruneSlice(0, now), false, '0 days keeps everything');
    assert.equal(count('SELECT count(*) FROM points'), 25_100);

    let slices = 0;
    while (retention.pruneSlice(30, now)) slices++;
    assert.ok(slices >= 1, 'a large backlog takes more than one slice');
    assert.equal(count('SELECT count(*) FROM points'), 100);
    assert.equal(count(`SELECT count(*) FROM points WHERE ts < ${now - 30 * DAY}`), 0);
    assert.equal(count(`SELECT count(*) FROM point_rollups WHERE minute < ${now - 30 * DAY}`), 0);
    assert.ok(count('SELECT count(*) FROM point_rollups') > 0, 'recent rollups stay');
    assert.deepEqual(devices.events('d', 10).map((e) => e.message), ['kept']);
    writer.close();
  } finally {
    f.done();
  }
});
