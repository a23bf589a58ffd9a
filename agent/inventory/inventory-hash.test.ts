import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inventory } from '../../core/contract/inventory.js';
import { inventoryHash, stableJson } from './inventory-hash.js';

function base(): Inventory {
  return {
    collectedAt: 1_764_000_000_000,
    system: {
      hostname: 'gateway-7',
      os: { id: 'ubuntu-core', versionId: '22' },
      kernel: '5.15.0-91-generic',
      architecture: 'arm64',
      cpuCount: 4,
      memory: { totalBytes: 4_000_000_000, availableBytes: 2_500_000_000 },
      disks: [{ mount: '/writable', totalBytes: 30_000_000_000, usedBytes: 4_000_000_000, availableBytes: 26_000_000_000 }],
      addresses: [{ interface: 'eth0', address: '10.0.0.7', family: 'IPv4' }, { interface: 'wlan0', address: '10.0.1.7', family: 'IPv4' }],
      uptimeSec: 86_400,
    },
    users: [{ name: 'jo', uid: 1000, source: 'extrausers' }],
    snapd: { version: '2.61.3', refresh: { timer: '00:00~24:00/4', last: '2026-11-30T10:00:00Z', next: '2026-12-01T16:00:00Z' } },
    snaps: [{ name: 'core22', version: '20231123', revision: '1033' }, { name: 'mosquitto', version: '2.0.18', revision: '1014' }],
    services: [{ snap: 'mosquitto', name: 'mosquitto', active: true, enabled: true }],
  };
}

test('stableJson sorts keys at every depth and drops undefined', () => {
  assert.equal(stableJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":2,"z":1}]},"b":1}');
  assert.equal(stableJson({ a: 1, b: 2 }), stableJson({ b: 2, a: 1 }));
});

test('the hash ignores the fields that move all the time', () => {
  const h = inventoryHash(base());
  assert.match(h, /^[0-9a-f]{64}$/);
  const moved = base();
  moved.collectedAt += 60_000;
  moved.system!.uptimeSec = 90_000;
  moved.system!.uptimeText = 'up 1 day, 1 hour';
  moved.system!.memory!.availableBytes = 1_000_000_000;
  moved.system!.disks![0]!.usedBytes += 123_456;
  moved.system!.disks![0]!.availableBytes -= 123_456;
  moved.snapd!.refresh = { timer: '00:00~24:00/4', last: '2026-12-01T16:00:00Z', next: '2026-12-01T22:00:00Z' };
  assert.equal(inventoryHash(moved), h);
});

test('the hash ignores the order of listed things and of object keys', () => {
  const h = inventoryHash(base());
  const reordered = base();
  reordered.snaps!.reverse();
  reordered.system!.addresses!.reverse();
  reordered.system!.os = { versionId: '22', id: 'ubuntu-core' };
  assert.equal(inventoryHash(reordered), h);
});

test('the hash catches every real change', () => {
  const h = inventoryHash(base());
  const changes: Record<string, (inv: Inventory) => void> = {
    'a snap installed': (inv) => inv.snaps!.push({ name: 'outpost-agent', version: '0.1.0', revision: 'x1' }),
    'a snap refreshed': (inv) => (inv.snaps![1]!.revision = '1020'),
    'a snap removed': (inv) => inv.snaps!.pop(),
    'a service stopped': (inv) => (inv.services![0]!.active = false),
    'a user added': (inv) => inv.users!.push({ name: 'sam', uid: 1001, source: 'extrausers' }),
    'an address changed': (inv) => (inv.system!.addresses![0]!.address = '10.0.0.8'),
    'the hostname changed': (inv) => (inv.system!.hostname = 'gateway-8'),
    'a new kernel': (inv) => (inv.system!.kernel = '5.15.0-92-generic'),
    'a disk grown': (inv) => (inv.system!.disks![0]!.totalBytes *= 2),
    'a disk mounted': (inv) => inv.system!.disks!.push({ mount: '/media/usb', totalBytes: 8e9, usedBytes: 0, availableBytes: 8e9 }),
    'more memory': (inv) => (inv.system!.memory!.totalBytes *= 2),
    'snapd upgraded': (inv) => (inv.snapd!.version = '2.62'),
    'the refresh timer changed': (inv) => (inv.snapd!.refresh!.timer = 'fri,23:00-01:00'),
    'a part went missing': (inv) => {
      delete inv.snaps;
      inv.missing = { snaps: 'snapd is not running (its socket refuses connections)' };
    },
  };
  const seen = new Set([h]);
  for (const [what, change] of Object.entries(changes)) {
    const inv = base();
    change(inv);
    const changed = inventoryHash(inv);
    assert.notEqual(changed, h, what);
    seen.add(changed);
  }
  assert.equal(seen.size, Object.keys(changes).length + 1, 'every change gives its own hash');
});

test('the hash does not modify the inventory it reads', () => {
  const inv = base();
  const before = structuredClone(inv);
  inventoryHash(inv);
  assert.deepEqual(inv, before);
});
