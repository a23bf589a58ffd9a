import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineRows, nearestRow } from './rows.js';

const b = (ts: number, v: number, spread = 0) => ({ ts, min: v - spread, max: v + spread, avg: v, count: 1 });

test('rows carry the average and the band, with a break row in an outage', () => {
  const { rows, gaps, hasBand } = lineRows([b(0, 1), b(10, 2), b(20, 3), b(30, 4), b(500, 5), b(510, 6)]);
  assert.equal(gaps, 1);
  assert.equal(hasBand, false);
  assert.deepEqual(rows[4], { ts: 265, avg: null, band: null, count: 0 });
  assert.equal(lineRows([b(0, 1, 1), b(10, 2)]).hasBand, true);
});

test('the nearest row to a time skips break rows', () => {
  const { rows } = lineRows([b(0, 1), b(10, 2), b(20, 3), b(30, 4), b(500, 5), b(510, 6)]);
  assert.equal(rows[nearestRow(rows, 12)]!.ts, 10);
  assert.equal(rows[nearestRow(rows, 260)]!.ts, 30);
  assert.equal(rows[nearestRow(rows, 9999)]!.ts, 510);
  assert.equal(rows[nearestRow(rows, -5)]!.ts, 0);
  assert.equal(nearestRow([], 3), -1);
});
