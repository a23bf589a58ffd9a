import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedCache } from './bounded-cache.js';
import { Block1Reassembly } from './block1-reassembly.js';
import { decodeBlock, encodeBlock } from './block-option.js';

test('BoundedCache drops the oldest entry when full and forgets entries past their lifetime', () => {
  const cache = new BoundedCache<number>(2, 1000);
  cache.set('a', 1, 0);
  cache.set('b', 2, 10);
  cache.set('c', 3, 20);
  assert.equal(cache.get('a', 20), undefined);
  assert.equal(cache.get('b', 20), 2);
  assert.equal(cache.get('c', 1020), 3);
  assert.equal(cache.get('b', 1011), undefined, 'expired');
  assert.equal(cache.size, 1);
});

test('BoundedCache keeps exactly what a plain oldest-first list keeps, through sets, re-sets, deletes and time', () => {
  // the reference: an array in insertion order, trimmed from the front
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const max = 50;
  const lifetime = 400;
  const cache = new BoundedCache<number>(max, lifetime);
  let model: Array<{ key: string; value: number; at: number }> = [];
  let now = 0;
  for (let i = 0; i < 20_000; i++) {
    now += random(3);
    const key = `k${random(120)}`;
    const op = random(10);
    if (op < 6) {
      const touch = random(4) !== 0;
      const previous = model.find((e) => e.key === key);
      model = model.filter((e) => e.key !== key);
      model.push({ key, value: i, at: touch || !previous ? now : previous.at });
      cache.set(key, i, now, touch);
      while (model.length > 0 && (model.length > max || now - model[0]!.at > lifetime)) model.shift();
    } else if (op < 9) {
      const e = model.find((m) => m.key === key);
      const expected = e && now - e.at <= lifetime ? e.value : undefined;
      if (e && expected === undefined) model = model.filter((m) => m.key !== key);
      assert.equal(cache.get(key, now), expected, `step ${i}: get ${key}`);
    } else {
      model = model.filter((e) => e.key !== key);
      cache.delete(key);
    }
    assert.equal(cache.size, model.length, `step ${i}: size`);
  }
});

test('an unfinished Block1 transfer expires', () => {
  const reassembly = new Block1Reassembly({ maxBytes: 4096, maxTransfers: 4, lifetimeMs: 50 });
  assert.equal(reassembly.accept('k', { num: 0, more: true, size: 16 }, Buffer.alloc(16), undefined).kind, 'continue');
  assert.equal(reassembly.inFlight, 1);
  const started = Date.now();
  while (Date.now() - started < 60) {
    // wait past the lifetime (the cache reads the clock on access)
  }
  assert.deepEqual(reassembly.accept('k', { num: 1, more: false, size: 16 }, Buffer.alloc(3), undefined).kind, 'error');
  assert.equal(reassembly.inFlight, 0);
});

test('block option values round-trip; SZX 7 and over-long values are refused', () => {
  for (const block of [{ num: 0, more: false, size: 16 }, { num: 5, more: true, size: 1024 }, { num: 70000, more: true, size: 64 }]) {
    assert.deepEqual(decodeBlock(encodeBlock(block)), block);
  }
  assert.deepEqual(encodeBlock({ num: 0, more: false, size: 16 }), Buffer.alloc(0));
  assert.equal(decodeBlock(Buffer.from([0x0f])), undefined);
  assert.equal(decodeBlock(Buffer.alloc(4)), undefined);
});

test('BoundedCache.replace gives an entry a new value where it stands (its age and place kept); an absent one is set', () => {
  const cache = new BoundedCache<string>(2, 1000);
  cache.set('a', 'pending', 0);
  cache.set('b', 'pending', 10);
  cache.replace('a', 'answer', 500);
  assert.equal(cache.get('a', 500), 'answer');
  cache.set('c', 'x', 600);
  assert.equal(cache.get('a', 600), undefined, 'still first in line: the one dropped');
  assert.equal(cache.get('b', 600), 'pending');
  cache.replace('b', 'answer', 700);
  assert.equal(cache.get('b', 1011), undefined, 'aged from its first set');
  cache.replace('e', 'z', 1100);
  assert.equal(cache.get('e', 1100), 'z');
});
