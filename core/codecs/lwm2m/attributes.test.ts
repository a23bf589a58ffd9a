// Write-Attributes query (TS Core, <NOTIFICATION> attributes): pmin, pmax, gt, lt, st, epmin, epmax; a bare name clears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWriteAttributes, encodeWriteAttributes } from './attributes.js';
import { Lwm2mCodecError } from './model.js';

const codecError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message), String(message));

test('the spec example ?pmin=1&pmax=5&gt=50 decodes, and encodes back in a fixed order', () => {
  assert.deepEqual(decodeWriteAttributes('pmin=1&pmax=5&gt=50'), { pmin: 1, pmax: 5, gt: 50 });
  assert.deepEqual(encodeWriteAttributes({ gt: 50, pmax: 5, pmin: 1 }), ['pmin=1', 'pmax=5', 'gt=50']);
});

test('every attribute, decimals, negatives and clearing round-trip', () => {
  const all = { pmin: 10, pmax: 60, gt: 30.5, lt: -5.25, st: 0.5, epmin: 1, epmax: 120 };
  const query = encodeWriteAttributes(all);
  assert.deepEqual(query, ['pmin=10', 'pmax=60', 'gt=30.5', 'lt=-5.25', 'st=0.5', 'epmin=1', 'epmax=120']);
  assert.deepEqual(decodeWriteAttributes(query), all);
  assert.deepEqual(encodeWriteAttributes({ pmax: null, st: null }), ['pmax', 'st']);
  assert.deepEqual(decodeWriteAttributes(['pmax', 'st']), { pmax: null, st: null });
  assert.deepEqual(decodeWriteAttributes(''), {});
});

test('bad values and bad combinations are clear errors', () => {
  codecError(() => decodeWriteAttributes('pmin=abc'), /pmin="abc" is not a whole number of seconds/);
  codecError(() => decodeWriteAttributes('pmin=-1'), /pmin="-1" is not a whole number/);
  codecError(() => decodeWriteAttributes('pmin=1.5'), /pmin="1.5"/);
  codecError(() => decodeWriteAttributes('gt=1e3'), /gt="1e3" is not a decimal number/);
  codecError(() => decodeWriteAttributes('gt='), /gt="" is not a decimal number/);
  codecError(() => decodeWriteAttributes('st=-1'), /st=-1 is negative/);
  codecError(() => decodeWriteAttributes('dim=2'), /"dim" is not pmin, pmax/);
  codecError(() => decodeWriteAttributes('pmin=1&pmin=2'), /"pmin" is given twice/);
  codecError(() => decodeWriteAttributes('pmin=10&pmax=5'), /pmax \(5\) is less than pmin \(10\)/);
  codecError(() => decodeWriteAttributes('epmin=10&epmax=10'), /epmax \(10\) is not greater than epmin/);
  codecError(() => decodeWriteAttributes('gt=10&lt=20'), /lt \(20\) is not less than gt \(10\)/);
  codecError(() => decodeWriteAttributes('gt=10&lt=5&st=3'), /lt \+ 2 × st \(11\) is not less than gt \(10\)/);
  codecError(() => encodeWriteAttributes({ pmin: 1.5 }), /pmin=1.5 is not a whole number/);
  codecError(() => encodeWriteAttributes({ gt: Number.NaN }), /gt=NaN is not a finite number/);
  codecError(() => encodeWriteAttributes({ ['x' as 'gt']: 1 }), /"x" is not pmin/);
  codecError(() => encodeWriteAttributes({}), /nothing to write/);
});
