import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gapThreshold, medianSpacing, withGaps } from './gaps.js';

const row = (ts: number, v: number | null = ts) => ({ ts, v });
const gapRow = (ts: number) => row(ts, null);

test('the threshold follows the series’ own interval', () => {
  const every10s = Array.from({ length: 20 }, (_, i) => i * 10_000);
  assert.equal(medianSpacing(every10s), 10_000);
  assert.equal(gapThreshold(every10s), 30_000);
  const everyMinute = Array.from({ length: 20 }, (_, i) => i * 60_000);
  assert.equal(gapThreshold(everyMinute), 180_000);
  // a few late points do not move the median
  assert.equal(medianSpacing([0, 1000, 2000, 3000, 9000, 10_000, 11_000]), 1000);
  assert.equal(medianSpacing([0, 1000]), null);
  assert.equal(gapThreshold([0, 0, 0]), null);
});

test('an outage becomes one break row in its middle; steady data none', () => {
  const pts = [0, 1, 2, 3, 4, 5, 60, 61, 62, 63].map((s) => row(s * 1000));
  const { rows, gaps } = withGaps(pts, (r) => r.ts, gapRow);
  assert.equal(gaps, 1);
  assert.equal(rows.length, pts.length + 1);
  assert.deepEqual(rows[6], { ts: 32_500, v: null });
  assert.deepEqual(withGaps(pts.slice(0, 6), (r) => r.ts, gapRow).gaps, 0);
});

test('two outages, jittered data: two breaks, none for the jitter', () => {
  const ts = [0, 9, 21, 30, 41, 50, 200, 211, 219, 230, 500, 509, 520];
  const { rows, gaps } = withGaps(ts.map((t) => row(t)), (r) => r.ts, gapRow);
  assert.equal(gaps, 2);
  assert.deepEqual(rows.filter((r) => r.v === null).map((r) => r.ts), [125, 365]);
});

test('too few points to tell: drawn as they are', () => {
  const { rows, gaps } = withGaps([row(0), row(100_000)], (r) => r.ts, gapRow);
  assert.equal(gaps, 0);
  assert.equal(rows.length, 2);
  assert.equal(withGaps([row(0), row(1), row(100)], (r) => r.ts, gapRow, 50).gaps, 1, 'an explicit threshold wins');
});
