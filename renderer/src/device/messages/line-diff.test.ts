import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineDiff, changed, MAX_DIFF_CELLS } from './line-diff.js';

const show = (d: ReturnType<typeof lineDiff>) => d?.map((l) => `${{ same: ' ', add: '+', del: '-' }[l.op]}${l.text}`);

test('equal texts are all kept lines', () => {
  const d = lineDiff('a\nb', 'a\nb');
  assert.deepEqual(show(d), [' a', ' b']);
  assert.equal(changed(d!), false);
});

test('a changed line in the middle is one deletion and one addition, the rest kept', () => {
  const before = '{\n  "t": 21.5,\n  "h": 40\n}';
  const after = '{\n  "t": 22,\n  "h": 40\n}';
  assert.deepEqual(show(lineDiff(before, after)), [' {', '-  "t": 21.5,', '+  "t": 22,', '   "h": 40', ' }']);
});

test('insertions and deletions anywhere keep the common lines in order', () => {
  assert.deepEqual(show(lineDiff('a\nb\nc\nd', 'a\nc\nd\ne')), [' a', '-b', ' c', ' d', '+e']);
  assert.deepEqual(show(lineDiff('', 'x')), ['-', '+x']);
  assert.deepEqual(show(lineDiff('x\ny', 'y\nx')), ['-x', ' y', '+x']);
});

test('every line of both texts appears exactly once', () => {
  const before = 'q\nw\ne\nr\nt\ny'.split('\n');
  const after = 'w\nx\ne\ny\nq'.split('\n');
  const d = lineDiff(before.join('\n'), after.join('\n'))!;
  assert.deepEqual(d.filter((l) => l.op !== 'add').map((l) => l.text), before);
  assert.deepEqual(d.filter((l) => l.op !== 'del').map((l) => l.text), after);
  assert.equal(d.filter((l) => l.op === 'same').length, 3, 'w, e, y are common: the longest common run');
});

test('texts too large to compare give null, unless only their ends differ', () => {
  const n = Math.ceil(Math.sqrt(MAX_DIFF_CELLS)) + 1;
  const a = Array.from({ length: n }, (_, i) => `a${i}`).join('\n');
  const b = Array.from({ length: n }, (_, i) => `b${i}`).join('\n');
  assert.equal(lineDiff(a, b), null);
  const long = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
  const d = lineDiff(long, `${long}\nmore`)!;
  assert.deepEqual(show(d.slice(-2)), [' line 4999', '+more']);
});
