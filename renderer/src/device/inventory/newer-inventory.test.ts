import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceInventory } from '../../../../core/contract/inventory.js';
import { newerInventory } from './newer-inventory.js';

const at = (receivedAt: number | null): DeviceInventory => ({
  inventory: receivedAt === null ? null : { collectedAt: receivedAt - 10 }, receivedAt, source: receivedAt === null ? null : 'agent',
});

test('an older answer never replaces a newer one; a newer or first one does', () => {
  assert.equal(newerInventory(at(2000), at(1000)).receivedAt, 2000);
  assert.equal(newerInventory(at(1000), at(2000)).receivedAt, 2000);
  assert.equal(newerInventory(null, at(1000)).receivedAt, 1000);
  assert.equal(newerInventory(at(null), at(1000)).receivedAt, 1000);
});
