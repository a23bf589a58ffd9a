import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHashQueue } from './hash-queue.js';
import { DomainError } from '../errors.js';

/** A job that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  return { open, job: () => opened };
}

test('at most `concurrency` jobs run; the rest wait in order; over maxWaiting is refused at once', async () => {
  const q = createHashQueue({ concurrency: 2, maxWaiting: 3 });
  const gates = Array.from({ length: 5 }, gate);
  const started: number[] = [];
  const done = gates.map((g, i) => q.run(() => { started.push(i); return g.job(); }));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual([q.running, q.waiting], [2, 3]);
  await assert.rejects(q.run(async () => 'never'), (e: unknown) =>
    e instanceof DomainError && e.code === 'busy' && /busy checking other passwords/.test(e.message) && e.retryAfterSec! >= 1);
  gates[1]!.open();
  await done[1];
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2]);
  // a new job arriving after a hand-over waits its turn behind the queued ones
  const late = q.run(async () => { started.push(99); });
  assert.deepEqual([q.running, q.waiting], [2, 3]);
  for (const g of gates) g.open();
  await Promise.all([...done, late]);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 99]);
  assert.deepEqual([q.running, q.waiting], [0, 0]);
});

test('a failing job frees its slot', async () => {
  const q = createHashQueue({ concurrency: 1, maxWaiting: 1 });
  await assert.rejects(q.run(async () => { throw new Error('boom'); }), /boom/);
  assert.equal(await q.run(async () => 'next'), 'next');
  assert.equal(q.running, 0);
});
