import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLwm2mArgs } from './lwm2m-args.js';

test('lwm2m bench flags: both fleet sizes by default, repeated or comma-separated --clients', () => {
  assert.deepEqual(parseLwm2mArgs([]), { clients: [1000, 10_000], seconds: 10, rate: 25_000, concurrency: 200, only: 'both' });
  assert.deepEqual(parseLwm2mArgs(['--clients', '50', '--clients', '100,200']).clients, [50, 100, 200]);
  assert.equal(parseLwm2mArgs(['--only', 'peer', '--rate', '500']).rate, 500);
});

test('lwm2m bench flags: bad values are refused with the flag named', () => {
  assert.throws(() => parseLwm2mArgs(['--clients', '0']), /--clients must be an integer in \[1, 19000\], got "0"/);
  assert.throws(() => parseLwm2mArgs(['--clients', '30000']), /--clients/);
  assert.throws(() => parseLwm2mArgs(['--seconds', 'x']), /--seconds/);
  assert.throws(() => parseLwm2mArgs(['--only', 'both-ish']), /--only must be outpost or peer/);
  assert.throws(() => parseLwm2mArgs(['--nope']), /nope/);
});
