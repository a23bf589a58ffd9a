import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

const opts = { initialMs: 100, maxMs: 5000, factor: 2 };

test('backoff grows exponentially: with the largest jitter each step is the full ceiling', () => {
  const top = () => 1;
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts, top)), [100, 200, 400, 800, 1600, 3200]);
});

test('backoff is capped at maxMs however many attempts failed', () => {
  for (const attempt of [6, 10, 50, 1000]) {
    assert.equal(backoffDelay(attempt, opts, () => 1), 5000);
    assert.ok(backoffDelay(attempt, opts, Math.random) <= 5000);
  }
  assert.equal(backoffDelay(10_000, DEFAULT_BACKOFF, () => 1), DEFAULT_BACKOFF.maxMs);
});

test('backoff is jittered within the upper half of each step, never zero', () => {
  assert.equal(backoffDelay(3, opts, () => 0), 400);
  assert.equal(backoffDelay(3, opts, () => 0.5), 600);
  const delays = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const d = backoffDelay(3, opts);
    assert.ok(d >= 400 && d <= 800, `${d} outside [400, 800]`);
    delays.add(d);
  }
  // 200 draws of a real random source spread over the range: a fleet does not retry in lockstep
  assert.ok(delays.size > 50, `only ${delays.size} distinct delays`);
});

test('backoff treats a negative attempt as the first', () => {
  assert.equal(backoffDelay(-3, opts, () => 1), 100);
});
