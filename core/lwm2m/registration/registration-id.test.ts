import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRegistrationId } from './registration-store.js';

test('registration ids are 12 URL-safe characters and never repeat, also across refills of the random pool', () => {
  const ids = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const id = newRegistrationId();
    assert.match(id, /^[A-Za-z0-9_-]{12}$/);
    ids.add(id);
  }
  assert.equal(ids.size, 5000);
});
