import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchSummary } from '../../../core/contract/operations.js';
import { batchCounts, batchCountsText } from './batch-counts.js';

const summary = (over: Partial<BatchSummary>): BatchSummary => ({
  total: 0, queued: 0, sending: 0, delivered: 0, succeeded: 0, failed: 0, expired: 0, cancelled: 0, ...over,
});

test('sending and delivered count as running, expired and cancelled as ended', () => {
  const c = batchCounts(summary({ total: 7, queued: 1, sending: 1, delivered: 2, succeeded: 1, expired: 1, cancelled: 1 }));
  assert.deepEqual(c, { total: 7, queued: 1, running: 3, succeeded: 1, failed: 0, ended: 2, finished: false });
  assert.equal(batchCountsText(c), '3 of 7 finished: 1 succeeded, 2 expired or cancelled.');
});

test('a batch is finished when nothing waits or runs', () => {
  assert.equal(batchCounts(summary({ total: 2, succeeded: 2 })).finished, true);
  assert.equal(batchCounts(summary({ total: 2, succeeded: 1, queued: 1 })).finished, false);
  assert.equal(batchCounts(summary({ total: 0 })).finished, false);
  assert.equal(batchCountsText(batchCounts(summary({ total: 2, succeeded: 2 }))), 'All 2 succeeded.');
  assert.equal(batchCountsText(batchCounts(summary({ total: 3, succeeded: 2, failed: 1 }))), '3 of 3 finished: 2 succeeded, 1 failed.');
  assert.equal(batchCountsText(batchCounts(summary({ total: 2, queued: 2 }))), '0 of 2 finished.');
  assert.equal(batchCountsText(batchCounts(summary({ total: 0 }))), 'No device was reached.');
});
