import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Device } from '../../../core/contract/api.js';
import { listView, pageOf, type ChipFilter } from './device-filters.js';

const now = 1_800_000_000_000;
const dev = (uid: string, over: Partial<Device> = {}): Device => ({
  uid, dialect: 'native', name: uid, tags: [], createdAt: 0, status: 'never', statusReason: null, statusSince: null, lastSeen: null,
  offlineCause: null, willSent: false, statusPayload: null, statusPayloadTs: null, expectedIntervalSec: null, outpostStoppedAt: null, pending: false, ...over,
});
const online = (uid: string, lastSeen: number, tags: string[] = []) => dev(uid, { status: 'online', lastSeen, tags });
const devices = [
  online('dev-10', now - 1000, ['lab']),
  online('dev-2', now - 5000, ['lab', 'north']),
  dev('dev-1', { status: 'offline', offlineCause: 'disconnected', lastSeen: now - 60_000, tags: ['north'] }),
  dev('dev-3', { status: 'offline', offlineCause: 'connection-lost', lastSeen: now - 120_000 }),
  dev('dev-4', { status: 'offline', offlineCause: 'outpost-restarted', lastSeen: now - 10_000 }),
  dev('new-1'),
];
const none: ChipFilter = { health: new Set(), tags: new Set() };
const uids = (d: Device[]) => d.map((x) => x.uid);

test('sorts names with numbers in number order, both directions', () => {
  assert.deepEqual(uids(listView(devices, none, { key: 'name', dir: 'asc' }, now).rows), ['dev-1', 'dev-2', 'dev-3', 'dev-4', 'dev-10', 'new-1']);
  assert.deepEqual(uids(listView(devices, none, { key: 'name', dir: 'desc' }, now).rows), ['new-1', 'dev-10', 'dev-4', 'dev-3', 'dev-2', 'dev-1']);
});

test('sorts by last seen, never seen as the oldest; by status, problems first', () => {
  assert.deepEqual(uids(listView(devices, none, { key: 'lastSeen', dir: 'desc' }, now).rows), ['dev-10', 'dev-2', 'dev-4', 'dev-1', 'dev-3', 'new-1']);
  assert.deepEqual(uids(listView(devices, none, { key: 'status', dir: 'asc' }, now).rows), ['dev-3', 'dev-4', 'dev-2', 'dev-10', 'dev-1', 'new-1']);
});

test('status chips use deviceHealth; counts follow the other chips', () => {
  const all = listView(devices, none, { key: 'name', dir: 'asc' }, now);
  assert.deepEqual(all.healthCounts, { online: 2, idle: 1, warning: 1, unknown: 1, never: 1 });
  assert.deepEqual(all.tagCounts, [['lab', 2], ['north', 2]]);
  const idle = listView(devices, { health: new Set(['idle', 'warning']), tags: new Set() }, { key: 'name', dir: 'asc' }, now);
  assert.deepEqual(uids(idle.rows), ['dev-1', 'dev-3']);
  assert.deepEqual(idle.tagCounts, [['north', 1]]);
  assert.equal(idle.healthCounts.online, 2, 'status counts ignore the status chips themselves');
});

test('tag chips: any of the chosen tags; a chosen tag stays listed with 0', () => {
  const north = listView(devices, { health: new Set(), tags: new Set(['north']) }, { key: 'name', dir: 'asc' }, now);
  assert.deepEqual(uids(north.rows), ['dev-1', 'dev-2']);
  assert.deepEqual(north.healthCounts, { online: 1, idle: 1, warning: 0, unknown: 0, never: 0 });
  const both = listView(devices, { health: new Set(['never']), tags: new Set(['north', 'lab']) }, { key: 'name', dir: 'asc' }, now);
  assert.deepEqual(uids(both.rows), []);
  assert.deepEqual(both.tagCounts, [['lab', 0], ['north', 0]]);
});

test('an online device overdue against its expected interval counts as a warning', () => {
  const late = dev('late', { status: 'online', lastSeen: now - 100_000, expectedIntervalSec: 30 });
  assert.equal(listView([late], none, { key: 'name', dir: 'asc' }, now).healthCounts.warning, 1);
});

test('pages of 50, clamped to the last page', () => {
  const rows = Array.from({ length: 120 }, (_, i) => i);
  assert.deepEqual(pageOf(rows, 1), { items: rows.slice(0, 50), page: 1, pages: 3 });
  assert.deepEqual(pageOf(rows, 3).items, rows.slice(100));
  assert.equal(pageOf(rows, 9).page, 3);
  assert.deepEqual(pageOf([], 2), { items: [], page: 1, pages: 1 });
});
