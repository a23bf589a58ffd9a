import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceEvent } from '../../../../core/contract/api.js';
import { coalesceFlaps } from './coalesce-flaps.js';

let nextId = 1;
const ev = (kind: string, ts: number, message = kind): DeviceEvent => ({ id: nextId++, ts, kind, message, count: 1, lastTs: null });
const newestFirst = (list: DeviceEvent[]) => [...list].sort((a, b) => b.id - a.id);
const s = 1000;

test('a run of online/offline pairs with short gaps becomes one row; messages in between stay', () => {
  const list: DeviceEvent[] = [];
  for (let i = 0; i < 12; i++) {
    list.push(ev('online', i * 20 * s));
    if (i === 5) list.push(ev('device', i * 20 * s + 5 * s, 'door opened'));
    list.push(ev('offline', i * 20 * s + 10 * s));
  }
  const rows = coalesceFlaps(newestFirst(list));
  assert.deepEqual(rows.map((r) => r.type), ['flaps', 'event']);
  const flaps = rows[0]!;
  assert.ok(flaps.type === 'flaps');
  assert.equal(flaps.reconnects, 12);
  assert.equal(flaps.disconnects, 12);
  assert.equal(flaps.from, 0);
  assert.equal(flaps.to, 11 * 20 * s + 10 * s);
  assert.equal(flaps.events.length, 24);
  const msg = rows[1]!;
  assert.ok(msg.type === 'event' && msg.event.message === 'door opened');
});

test('a long quiet gap splits runs; short runs are shown one by one', () => {
  const list = [
    ev('online', 0), ev('offline', 10 * s), ev('online', 20 * s), ev('offline', 30 * s), // run 1: 4 events
    ev('online', 30 * 60 * s), ev('offline', 30 * 60 * s + 5 * s), // 30 min later: only 2
    ev('refused', 31 * 60 * s),
  ];
  const rows = coalesceFlaps(newestFirst(list));
  assert.deepEqual(rows.map((r) => (r.type === 'event' ? r.event.kind : 'flaps')), ['refused', 'offline', 'online', 'flaps']);
});

test('nothing to fold: the rows are the events, in order', () => {
  const list = newestFirst([ev('device', 0), ev('online', 1), ev('offline', 2 * 3600 * s)]);
  assert.deepEqual(coalesceFlaps(list).map((r) => r.type === 'event' && r.event.id), list.map((e) => e.id));
});
