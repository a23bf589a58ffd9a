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
    // values() still sees everything, written first (without a sync of its own: the connection's level is as it was)
    assert.equal(db.$client.pragma('synchronous', { simple: true }), 2);
    assert.equal(store.values(deviceId).find((x) => x.path === '/3303/1/5701')?.value, 'Far');
    assert.equal(rows(), 6);
    assert.equal(db.$client.pragma('synchronous', { simple: true }), 2);
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeReported: values of many devices and notification times written many per statement; a device deleted meanwhile loses only its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-dm-store-'));
  const db = openDatabase(dir);
  try {
    const device = (uid: string) => Number(db.$client.prepare("INSERT INTO devices (uid, name, tags, created_at, dialect) VALUES (?, ?, '[]', 0, 'lwm2m')").run(uid, uid).lastInsertRowid);
    const [a, b, c] = [device('a'), device('b'), device('c')];
    const store = createLwm2mDmStore(db);
    const value = (i: number, at: number): KnownValue => ({ path: `/3303/${i}/5700`, value: 20 + i, type: 'float', at, source: 'notify' });
    // 3 × 50 values: past one statement's 64 rows, with the deleted device's in the middle of one
    for (const id of [a, b, c]) store.putReportedValues(id, Array.from({ length: 50 }, (_, i) => value(i, 1000)));
    store.putValues(a, [value(0, 5000)]); // newer than the one reported: kept
    const observations = Array.from({ length: 70 }, (_, i) => store.putObservation(i % 2 === 0 ? a : c, [`/3303/${i}/5700`], false, 0).id);
    for (const [i, id] of observations.entries()) store.notified(id, 2000 + i);
    db.$client.prepare('DELETE FROM devices WHERE id = ?').run(b);
    store.writeReported();
    const count = db.$client.prepare('SELECT count(*) FROM lwm2m_known_values WHERE device_id = ?').pluck();
    assert.deepEqual([count.get(a), count.get(b), count.get(c)], [50, 0, 50]);
    assert.equal(store.values(a).find((v) => v.path === '/3303/0/5700')?.at, 5000, 'an older report does not overwrite a newer value');
    assert.equal(store.values(c).find((v) => v.path === '/3303/49/5700')?.value, 69);
    const times = db.$client.prepare('SELECT id, last_notification_at AS at FROM lwm2m_observations ORDER BY id').all() as Array<{ id: number; at: number }>;
    assert.deepEqual(times.map((t) => t.at), observations.map((_, i) => 2000 + i));
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
