import { test } from 'node:test';
import assert from 'node:assert/strict';
import { href, parseHash } from './router.js';

test('the operations page, alone or for one bulk operation, round-trips through the address', () => {
  assert.deepEqual(parseHash('#/operations'), { name: 'operations' });
  assert.deepEqual(parseHash('#/operations/batch/12'), { name: 'operations', batch: 12 });
  assert.equal(href({ name: 'operations', batch: 12 }), '#/operations/batch/12');
  assert.equal(href({ name: 'operations' }), '#/operations');
  for (const bad of ['#/operations/batch/0', '#/operations/batch/x', '#/operations/batch', '#/operations/7']) {
    assert.equal(parseHash(bad).name, 'notFound', bad);
  }
  assert.deepEqual(parseHash('#/devices/pump-1/operations'), { name: 'device', uid: 'pump-1', tab: 'operations' });
});
