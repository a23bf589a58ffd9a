import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimestamp } from './timestamp.js';

test('milliseconds pass through', () => {
  assert.deepEqual(parseTimestamp(1700000000123), { ok: true, ts: 1700000000123 });
});

test('seconds are scaled to milliseconds', () => {
  assert.deepEqual(parseTimestamp(1700000000), { ok: true, ts: 1700000000000 });
  assert.deepEqual(parseTimestamp(1700000000.5), { ok: true, ts: 1700000000500 });
});

test('ISO 8601 strings, with zone or Z', () => {
  assert.deepEqual(parseTimestamp('2024-05-01T10:00:00Z'), { ok: true, ts: Date.UTC(2024, 4, 1, 10) });
  assert.deepEqual(parseTimestamp('2024-05-01T12:00:00.250+02:00'), { ok: true, ts: Date.UTC(2024, 4, 1, 10, 0, 0, 250) });
});

test('rejects garbage with a reason', () => {
  for (const bad of ['yesterday', '2024-13-45T99:00:00Z', true, null, {}, Number.NaN, Infinity, -5, 1e15, '1700000000']) {
    const r = parseTimestamp(bad);
    assert.equal(r.ok, false, String(bad));
    if (!r.ok) assert.match(r.error, /ts/);
  }
});
