import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_OPERATION_FILTER, toOperationFilter } from './operation-filter-values.js';
import { filterQuery } from './operation-filter.js';

test('chips stand for groups of states; an empty form filters nothing', () => {
  assert.deepEqual(filterQuery(toOperationFilter(NO_OPERATION_FILTER, undefined)),
    { device: undefined, kind: undefined, batch: undefined, from: undefined, to: undefined, state: undefined });
  const f = toOperationFilter({ ...NO_OPERATION_FILTER, chips: new Set(['running', 'failed']) }, 7);
  assert.deepEqual(f.states, ['queued', 'sending', 'delivered', 'failed']);
  assert.equal(f.batch, 7);
});

test('the device is trimmed, the kind kept, and the "To" minute included (the query\'s end is exclusive)', () => {
  const f = toOperationFilter({ device: '  pump-1 ', chips: new Set(), kind: 'snap.refresh', from: 1_000, to: 120_000 }, undefined);
  assert.deepEqual([f.device, f.kind, f.from, f.to], ['pump-1', 'snap.refresh', 1_000, 180_000]);
  assert.equal(toOperationFilter({ ...NO_OPERATION_FILTER, device: '   ' }, undefined).device, undefined);
});
