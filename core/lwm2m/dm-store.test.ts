import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { createLwm2mDmStore, type KnownValue } from './dm-store.js';

test('valuesOfResource: one resource of every instance of every device, stored and kept in memory (newest wins), without writing memory first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-dm-store-'));
  const db = openDatabase(dir);
  try {
    const deviceId = Number(db.$client.prepare("INSERT INTO devices (uid, name, tags, created_at, dialect) VALUES ('d', 'd', '[]', 0, 'lwm2m')").run().lastInsertRowid);
    const store = createLwm2mDmStore(db);
    const v = (path: string, value: KnownValue['value'], at: number, source: KnownValue['source']): KnownValue => ({ path, value, type: 'string', at, source });
    store.putValues(deviceId, [v('/3303/0/5701', 'Cel', 10, 'read'), v('/3304/0/5701', '%RH', 10, 'read'), v('/3/0/15701', 'no', 10, 'read'), v('/3303/0/5700', 'x', 10, 'read')]);
    store.putReportedValues(deviceId, [v('/3303/0/5701', 'K', 20, 'notify'), v('/3303/1/5701', 'Far', 20, 'notify'), v('/3304/0/5701', 'old', 5, 'notify')]);
    const rows = () => db.$client.prepare('SELECT count(*) FROM lwm2m_known_values').pluck().get() as number;
    assert.equal(rows(), 4);
    const other = Number(db.$client.prepare("INSERT INTO devices (uid, name, tags, created_at, dialect) VALUES ('e', 'e', '[]', 0, 'lwm2m')").run().lastInsertRowid);
    store.putValues(other, [v('/3303/0/5701', 'mV', 10, 'read')]);
    const byDevice = store.valuesOfResource(5701);
    assert.deepEqual([...byDevice.keys()].sort(), [deviceId, other].sort());
    assert.deepEqual(byDevice.get(other)!.map((x) => x.value), ['mV']);
    const units = byDevice.get(deviceId)!.map((x) => [x.path, x.value]).sort();
    assert.deepEqual(units, [['/3303/0/5701', 'K'], ['/3303/1/5701', 'Far'], ['/3304/0/5701', '%RH']]);
    assert.equal(rows(), 5, 'what is kept in memory was not written by the read');
    // values() still sees everything, written first
    assert.equal(store.values(deviceId).find((x) => x.path === '/3303/1/5701')?.value, 'Far');
    assert.equal(rows(), 6);
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
