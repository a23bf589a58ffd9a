import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveMessage } from '../contract/api.js';
import { storeFixture } from '../testing/store-fixture.js';
import { createPresence, LIVE_SEEN_MS } from './presence.js';

const fixture = () => {
  const f = storeFixture(undefined, 'a');
  return { ...f, store: f.devices };
};
const lost = { cause: 'connection-lost', reason: 'connection closed without DISCONNECT' } as const;

test('online while any connection is open, offline with the reason of the last one', () => {
  const f = fixture();
  const p = createPresence(f.db, f.store, f.bus);
  try {
    p.connected('a');
    p.connected('a'); // a takeover: the new connection arrives before the old one is gone
    p.disconnected('a', { cause: 'disconnected', reason: 'disconnected' });
    assert.equal(f.store.get('a')!.status, 'online');
    p.disconnected('a', { cause: 'keepalive-timeout', reason: 'keepalive timeout' });
    const d = f.store.get('a')!;
    assert.deepEqual([d.status, d.statusReason, d.offlineCause, d.willSent], ['offline', 'keepalive timeout', 'keepalive-timeout', false]);
    assert.ok(d.lastSeen! > 0 && d.statusSince! >= d.lastSeen!);
    assert.deepEqual(f.store.events('a', 10).map((e) => e.message), ['offline: keepalive timeout', 'online: connected']);
  } finally {
    p.close();
    f.done();
  }
});

test('every way of going offline keeps its cause and will; coming back clears them', () => {
  const f = fixture();
  const p = createPresence(f.db, f.store, f.bus);
  try {
    const ends = [
      { cause: 'disconnected', reason: 'disconnected' },
      { ...lost, reason: 'connection closed without DISCONNECT, last will sent', willSent: true },
      { cause: 'connection-lost', reason: 'connection lost (read ECONNRESET)' },
      { cause: 'keepalive-timeout', reason: 'keepalive timeout' },
      { cause: 'kicked', reason: 'disconnected by Outpost: a new token was issued' },
    ] as const;
    for (const end of ends) {
      p.connected('a');
      const up = f.store.get('a')!;
      assert.deepEqual([up.status, up.offlineCause, up.willSent], ['online', null, false]);
      p.disconnected('a', end);
      const down = f.store.get('a')!;
      assert.deepEqual([down.status, down.statusReason, down.offlineCause, down.willSent],
        ['offline', end.reason, end.cause, 'willSent' in end ? end.willSent : false]);
    }
    // traffic without a connection (e.g. anonymous) also brings it back with a clean slate
    p.seen('a');
    const back = f.store.get('a')!;
    assert.deepEqual([back.status, back.statusReason, back.offlineCause, back.willSent], ['online', 'data received', null, false]);
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
    assert.deepEqual([d.status, d.statusReason, d.offlineCause], ['offline', 'silent for 90 s', 'silent']);
    p.seen('a', t0 + 100_000);
    assert.deepEqual([f.store.get('a')!.status, f.store.get('a')!.statusReason, f.store.get('a')!.offlineCause], ['online', 'data received', null]);
  } finally {
    p.close();
    f.done();
  }
});

test('devices left online by a previous run start as "Outpost restarted", with when it stopped', () => {
  const f = fixture();
  f.store.create({ uid: 'b', name: 'B', tags: [] });
  const first = createPresence(f.db, f.store, f.bus);
  first.connected('a');
  first.connected('b');
  first.disconnected('b', { cause: 'disconnected', reason: 'disconnected' });
  first.close();
  const stoppedAt = Date.now() - 60_000;
  const before = Date.now();
  const second = createPresence(f.db, f.store, f.bus, { previousRunEndedAt: stoppedAt });
  try {
    const a = f.store.get('a')!;
    assert.deepEqual([a.status, a.statusReason, a.offlineCause, a.willSent, a.outpostStoppedAt],
      ['offline', 'Outpost restarted', 'outpost-restarted', false, stoppedAt]);
    assert.ok(a.statusSince! >= before);
    assert.match(f.store.events('a', 1)[0]!.message, /Outpost restarted; the status is unknown while Outpost was stopped/);
    // a device that had said goodbye before the stop keeps its own story
    const b = f.store.get('b')!;
    assert.deepEqual([b.statusReason, b.offlineCause, b.outpostStoppedAt], ['disconnected', 'disconnected', null]);
    second.connected('a');
    assert.deepEqual([f.store.get('a')!.offlineCause, f.store.get('a')!.outpostStoppedAt], [null, null]);
  } finally {
    second.close();
    f.done();
  }
});

test('live views get an online device\'s lastSeen, at most every few seconds, only while watched', () => {
  const f = fixture();
  const p = createPresence(f.db, f.store, f.bus);
  const got: LiveMessage[] = [];
  try {
    const t0 = Date.now();
    p.seen('a', t0); // goes online: published with its status
    p.flush(); // nobody listens yet
    const stop = f.bus.subscribe((m) => got.push(m));
    p.seen('a', t0 + 1000);
    p.flush();
    assert.equal(got.length, 0, 'one second later is not news');
    p.seen('a', t0 + LIVE_SEEN_MS + 10);
    p.flush();
    assert.equal(got.length, 1);
    const m = got[0]!;
    assert.ok(m.type === 'device' && m.device.uid === 'a' && m.device.lastSeen === t0 + LIVE_SEEN_MS + 10);
    p.seen('a', t0 + LIVE_SEEN_MS + 2000);
    p.flush();
    assert.equal(got.length, 1);
    stop();
  } finally {
    p.close();
    f.done();
  }
});
