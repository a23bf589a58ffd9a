import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation } from '../../../core/contract/operations.js';
import { filterQuery, matchesFilter, mergeOperation } from './operation-filter.js';

const op = (id: number, over: Partial<Operation> = {}): Operation => ({
  id, deviceUid: 'pump-1', kind: 'snap.refresh', args: { name: 'core22' }, state: 'queued', attempts: 0, maxAttempts: 3,
  replyTimeoutMs: 60_000, createdAt: 1000 + id, updatedAt: 1000 + id, sentAt: null, finishedAt: null, expiresAt: null,
  result: null, error: null, progress: null, createdBy: 'admin', retryOf: null, batchId: null, ...over,
});

test('a filter matches on device, states, kind, batch and the createdAt range (to exclusive)', () => {
  assert.equal(matchesFilter(op(1), {}), true);
  assert.equal(matchesFilter(op(1), { device: 'other' }), false);
  assert.equal(matchesFilter(op(1), { states: ['failed', 'queued'] }), true);
  assert.equal(matchesFilter(op(1), { states: ['failed'] }), false);
  assert.equal(matchesFilter(op(1), { kind: 'snap.remove' }), false);
  assert.equal(matchesFilter(op(1, { batchId: 4 }), { batch: 4 }), true);
  assert.equal(matchesFilter(op(1), { batch: 4 }), false);
  assert.equal(matchesFilter(op(1), { from: 1001, to: 1002 }), true);
  assert.equal(matchesFilter(op(1), { to: 1001 }), false);
});

test('a live update replaces its row, a new one goes in newest first, an older update is ignored', () => {
  const rows = [op(5), op(3)];
  const replaced = mergeOperation(rows, op(3, { state: 'sending', updatedAt: 2000 }), {});
  assert.deepEqual(replaced.map((r) => [r.id, r.state]), [[5, 'queued'], [3, 'sending']]);
  assert.deepEqual(mergeOperation(rows, op(4), {}).map((r) => r.id), [5, 4, 3]);
  assert.deepEqual(mergeOperation(rows, op(9), {}).map((r) => r.id), [9, 5, 3]);
  assert.deepEqual(mergeOperation(rows, op(1), {}).map((r) => r.id), [5, 3, 1]);
  const stale = mergeOperation(replaced, op(3, { state: 'queued', updatedAt: 1500 }), {});
  assert.equal(stale.find((r) => r.id === 3)!.state, 'sending');
});

test('an operation that stops matching leaves the view; one for another device never enters', () => {
  const running = { states: ['queued', 'sending', 'delivered'] as const };
  const rows = [op(5), op(3)];
  assert.deepEqual(mergeOperation(rows, op(5, { state: 'succeeded', updatedAt: 3000 }), running).map((r) => r.id), [3]);
  assert.deepEqual(mergeOperation(rows, op(7, { deviceUid: 'other' }), { device: 'pump-1' }).map((r) => r.id), [5, 3]);
});

test('the query lists states sorted and comma-separated, and leaves out what is not set', () => {
  assert.deepEqual(filterQuery({ device: 'd', states: ['sending', 'queued'] }), { device: 'd', kind: undefined, batch: undefined, from: undefined, to: undefined, state: 'queued,sending' });
  assert.equal(filterQuery({ states: [] }).state, undefined);
});
