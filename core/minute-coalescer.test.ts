import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMinuteCoalescer } from './minute-coalescer.js';

test('a key maps to its row within the same clock minute only', () => {
  const c = createMinuteCoalescer();
  const t0 = Date.UTC(2026, 0, 1, 12, 0, 5);
  assert.equal(c.rowFor('a', t0), undefined);
  c.remember('a', t0, 7);
  assert.equal(c.rowFor('a', t0 + 50_000), 7);
  assert.equal(c.rowFor('b', t0 + 50_000), undefined);
  assert.equal(c.rowFor('a', t0 + 55_000), undefined, 'next minute starts a new row');
});

test('memory stays bounded under a flood of distinct keys', () => {
  const c = createMinuteCoalescer(100);
  const now = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 1000; i++) c.remember(`k${i}`, now, i);
  let remembered = 0;
  for (let i = 0; i < 1000; i++) if (c.rowFor(`k${i}`, now) !== undefined) remembered++;
  assert.ok(remembered <= 100, `remembered ${remembered}`);
  assert.equal(c.rowFor('k999', now), 999);
});
