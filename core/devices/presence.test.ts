import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';
import { createPresence } from './presence.js';

const fixture = () => {
  const f = storeFixture(undefined, 'a');
  return { ...f, store: f.devices };
};

test('online while any connection is open, offline with the reason of the last one', () => {
  const f = fixture();
  const p = createPresence(f.db, f.store, f.bus);
  try {
    p.connected('a');
    p.connected('a'); // a takeover: the new connection arrives before the old one is gone
    p.disconnected('a', 'disconnected');
    assert.equal(f.store.get('a')!.status, 'online');
    p.disconnected('a', 'keepalive timeout');
    const d = f.store.get('a')!;
    assert.deepEqual([d.status, d.statusReason], ['offline', 'keepalive timeout']);
    assert.ok(d.lastSeen! > 0 && d.statusSince! >= d.lastSeen!);
    assert.deepEqual(f.store.events('a', 10).map((e) => e.message), ['offline: keepalive timeout', 'online: connected']);
  } finally {
    p.close();
    f.done();
  }
});

test('a device silent longer than the timeout goes offline; traffic brings it back', () => {
  const f = fixture();
  const p = createPresence(f.db, f.store, f.bus);
  try {
    const t0 = Date.now();
    p.seen('a', t0);
    assert.equal(f.store.get('a')!.status, 'online');
    p.sweep(60_000, t0 + 30_000);
    assert.equal(f.store.get('a')!.status, 'online');
    p.sweep(60_000, t0 + 90_000);
    const d = f.store.get('a')!;
    assert.deepEqual([d.status, d.statusReason], ['offline', 'silent for 90 s']);
    p.seen('a', t0 + 100_000);
    assert.deepEqual([f.store.get('a')!.status, f.store.get('a')!.statusReason], ['online', 'data received']);
  } finally {
    p.close();
    f.done();
  }
});

test('devices left online by a previous run start offline', () => {
  const f = fixture();
  const first = createPresence(f.db, f.store, f.bus);
  first.connected('a');
  first.close();
  const second = createPresence(f.db, f.store, f.bus);
  try {
    assert.deepEqual([f.store.get('a')!.status, f.store.get('a')!.statusReason], ['offline', 'Outpost restarted']);
  } finally {
    second.close();
    f.done();
  }
});
