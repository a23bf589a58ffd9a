import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFailure, planRestart, type RestartPolicy } from './restart-policy.js';

const policy: RestartPolicy = { maxFailures: 5, baseDelayMs: 500, maxDelayMs: 4_000, healthyAfterMs: 60_000 };

test('delays double from the base delay up to the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((failures) => planRestart(failures, policy)),
    [
      { action: 'restart', delayMs: 500 },
      { action: 'restart', delayMs: 1_000 },
      { action: 'restart', delayMs: 2_000 },
      { action: 'restart', delayMs: 4_000 },
    ],
  );
  assert.deepEqual(planRestart(4, { ...policy, maxDelayMs: 3_000 }), { action: 'restart', delayMs: 3_000 });
});

test('gives up at the limit', () => {
  assert.deepEqual(planRestart(5, policy), { action: 'give-up' });
  assert.deepEqual(planRestart(9, policy), { action: 'give-up' });
});

test('a core that ran long enough starts a fresh count; short runs and failed starts add up', () => {
  assert.equal(countFailure(4, 60_000, policy), 1);
  assert.equal(countFailure(4, 59_999, policy), 5);
  assert.equal(countFailure(4, null, policy), 5);
  assert.equal(countFailure(0, null, policy), 1);
});
