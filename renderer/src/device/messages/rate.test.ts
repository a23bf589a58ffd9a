import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordArrival, arrivalsInWindow, ratePerSecond, formatRate, type Arrivals } from './rate.js';

test('arrivals are counted per second and averaged over the last minute', () => {
  let a: Arrivals = [];
  const t0 = 1_000_000_000;
  for (let i = 0; i < 30; i++) a = recordArrival(a, t0 + i * 500); // 2 per second for 15 s
  assert.equal(a.length, 15);
  assert.equal(arrivalsInWindow(a, t0 + 15_000), 30);
  assert.equal(ratePerSecond(a, t0 + 15_000), 0.5);
});

test('arrivals older than a minute no longer count, and are not kept', () => {
  let a: Arrivals = recordArrival([], 0);
  a = recordArrival(a, 1000);
  assert.equal(arrivalsInWindow(a, 59_999), 2);
  assert.equal(arrivalsInWindow(a, 60_000), 1, 'second 0 is out of the window ending in second 60');
  assert.equal(arrivalsInWindow(a, 61_000), 0);
  a = recordArrival(a, 120_000);
  assert.deepEqual(a, [[120, 1]]);
});

test('recording returns a new array and leaves the old one as it was', () => {
  const a: Arrivals = recordArrival([], 5000);
  const b = recordArrival(a, 5100);
  assert.deepEqual(a, [[5, 1]]);
  assert.deepEqual(b, [[5, 2]]);
});

test('rates read well', () => {
  assert.deepEqual([formatRate(0), formatRate(0.5), formatRate(1 / 60), formatRate(12.4)], ['0 msg/s', '0.50 msg/s', '0.02 msg/s', '12 msg/s']);
});
