import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedQueue } from './bounded-queue.js';

const strings = (maxItems: number, maxBytes: number) => new BoundedQueue<string>(maxItems, maxBytes, (s) => s.length);

test('keeps order and drops the oldest past the item bound, counting them', () => {
  const q = strings(3, 1000);
  for (const s of ['a', 'b', 'c', 'd', 'e']) q.push(s);
  assert.equal(q.length, 3);
  assert.equal(q.takeDropped(), 2);
  assert.equal(q.takeDropped(), 0, 'counted once');
  assert.deepEqual([q.shift(), q.shift(), q.shift(), q.shift()], ['c', 'd', 'e', undefined]);
  q.push('f');
  q.push('g'); q.push('h'); q.push('i');
  assert.equal(q.takeDropped(), 1);
  assert.equal(q.droppedTotal, 3);
});

test('drops the oldest past the byte bound, but always keeps the newest', () => {
  const q = strings(100, 10);
  q.push('aaaa'); q.push('bbbb'); q.push('cccc');
  assert.deepEqual([q.length, q.bytes, q.takeDropped()], [2, 8, 1]);
  q.push('x'.repeat(50));
  assert.deepEqual([q.length, q.bytes, q.takeDropped()], [1, 50, 2]);
  assert.equal(q.shift(), 'x'.repeat(50));
  assert.equal(q.bytes, 0);
});

test('stays correct across many pushes and shifts (compaction)', () => {
  const q = new BoundedQueue<number>(5000, Infinity, () => 1);
  let next = 0;
  for (let i = 0; i < 10_000; i++) {
    q.push(i);
    if (i % 3 !== 0) assert.equal(q.shift(), next++);
  }
  assert.equal(q.length, 10_000 - next);
  while (q.length > 0) assert.equal(q.shift(), next++);
  assert.equal(next, 10_000);
  assert.equal(q.droppedTotal, 0);
});
