import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIngestArgs } from './args.js';

test('defaults', () => {
  assert.deepEqual(parseIngestArgs([]), { devices: 1000, seconds: 20, keys: 4, qos: 1, inflight: 16, rate: 0, only: 'both' });
});

test('flags override defaults', () => {
  const a = parseIngestArgs(['--devices', '200', '--seconds=5', '--keys', '8', '--qos', '0', '--inflight', '2', '--rate', '10', '--only', 'peer']);
  assert.deepEqual(a, { devices: 200, seconds: 5, keys: 8, qos: 0, inflight: 2, rate: 10, only: 'peer' });
});

test('bad values are rejected with the flag name', () => {
  assert.throws(() => parseIngestArgs(['--devices', '0']), /--devices/);
  assert.throws(() => parseIngestArgs(['--seconds', 'x']), /--seconds/);
  assert.throws(() => parseIngestArgs(['--qos', '2']), /--qos/);
  assert.throws(() => parseIngestArgs(['--only', 'x']), /--only/);
  assert.throws(() => parseIngestArgs(['--bogus', '1']));
});
