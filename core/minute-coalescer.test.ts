import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMinuteCoalescer } from './minute-coalescer.js';

/** A table of rows with counts, as the callers keep in SQLite. */
function table() {
  const rows = new Map<number, { id: number; count: number }>();
  let next = 1;
  return {
    rows,
    bump: (id: number) => { const r = rows.get(id); if (r) r.count++; return r; },
    insert: () => { const r = { id: next++, count: 1 }; rows.set(r.id, r); return r; },
  };
}

test('a key folds into its row within the same clock minute only', () => {
  const c = createMinuteCoalescer();
  const t = table();
  const t0 = Date.UTC(2026, 0, 1, 12, 0, 5);
  const first = c.fold('a', t0, t.bump, t.insert);
  assert.equal(c.fold('a', t0 + 50_000, t.bump, t.insert), first);
  assert.equal(first.count, 2);
  assert.notEqual(c.fold('b', t0 + 50_000, t.bump, t.insert), first);
  assert.notEqual(c.fold('a', t0 + 55_000, t.bump, t.insert).id, first.id, 'the next minute starts a new row');
  assert.notEqual(c.fold(undefined, t0, t.bump, t.insert).id, first.id, 'no key: always a row of its own');
});

test('a row deleted meanwhile is replaced by a new one', () => {
  const c = createMinuteCoalescer();
  const t = table();
  const now = Date.UTC(2026, 0, 1);
  const first = c.fold('a', now, t.bump, t.insert);
  t.rows.delete(first.id);
  const again = c.fold('a', now, t.bump, t.insert);
  assert.notEqual(again.id, first.id);
  assert.equal(c.fold('a', now, t.bump, t.insert), again);
});

test('memory stays bounded under a flood of distinct keys', () => {
  const c = createMinuteCoalescer(100);
  const t = table();
  const now = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 1000; i++) c.fold(`k${i}`, now, t.bump, t.insert);
  const before = t.rows.size;
  for (let i = 0; i < 1000; i++) c.fold(`k${i}`, now, t.bump, t.insert);
  const folded = 1000 - (t.rows.size - before);
  assert.ok(folded <= 100, `folded ${folded} of 1000 after the bound`);
});
