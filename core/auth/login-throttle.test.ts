import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLoginThrottle, type LoginThrottleConfig } from './login-throttle.js';
import { DomainError } from '../errors.js';
import { formatWait } from '../contract/wait.js';

function setup(config: Partial<LoginThrottleConfig> = {}) {
  let now = 1_000_000;
  const throttle = createLoginThrottle({ now: () => now, ...config });
  return {
    throttle,
    advance: (ms: number) => { now += ms; },
    fail: (user: string, addr = '10.0.0.1') => throttle.begin(user, addr).failed(),
    refusal(user: string, addr = '10.0.0.1'): DomainError | undefined {
      try {
        throttle.begin(user, addr).cancel();
        return undefined;
      } catch (e) {
        assert.ok(e instanceof DomainError && e.code === 'rate_limited', String(e));
        return e;
      }
    },
  };
}

test('five failures for one username: the next attempt waits 30 s, then the waits double up to 15 min', () => {
  const t = setup();
  for (let i = 0; i < 5; i++) {
    assert.equal(t.refusal('owner'), undefined, `attempt ${i + 1} is admitted`);
    t.fail('owner');
  }
  const refused = t.refusal('owner')!;
  assert.equal(refused.retryAfterSec, 30);
  assert.equal(refused.message, 'Too many failed logins for this account. Try again in 30 s.');
  const waits: number[] = [];
  for (let i = 0; i < 8; i++) {
    t.advance(t.refusal('owner')!.retryAfterSec! * 1000);
    assert.equal(t.refusal('owner'), undefined, 'admitted once the wait is over');
    t.fail('owner');
    waits.push(t.refusal('owner')!.retryAfterSec!);
  }
  assert.deepEqual(waits, [60, 120, 240, 480, 900, 900, 900, 900]);
});

test('refused attempts do not extend the wait', () => {
  const t = setup();
  for (let i = 0; i < 5; i++) t.fail('owner');
  for (let i = 0; i < 29; i++) {
    t.advance(1000);
    assert.ok(t.refusal('owner'));
  }
  t.advance(1000);
  assert.equal(t.refusal('owner'), undefined);
});

test('a correct password after the wait starts that username afresh', () => {
  const t = setup();
  for (let i = 0; i < 6; i++) {
    t.fail('owner');
    t.advance(120_000);
  }
  t.throttle.begin('owner', '10.0.0.1').succeeded();
  for (let i = 0; i < 5; i++) {
    assert.equal(t.refusal('owner'), undefined, `fresh attempt ${i + 1}`);
    t.fail('owner');
  }
  assert.equal(t.refusal('owner')!.retryAfterSec, 30, 'back to the first wait, not the doubled one');
});

test('an hour without failures forgets them', () => {
  const t = setup();
  for (let i = 0; i < 12; i++) {
    t.fail('owner');
    t.advance(15 * 60_000);
  }
  t.advance(3600_000);
  for (let i = 0; i < 5; i++) {
    assert.equal(t.refusal('owner'), undefined);
    t.fail('owner');
  }
  assert.equal(t.refusal('owner')!.retryAfterSec, 30);
});

test('one address trying many usernames is stopped after 20 failures; other addresses are not', () => {
  const t = setup();
  for (let i = 0; i < 20; i++) {
    assert.equal(t.refusal(`user${i}`), undefined);
    t.fail(`user${i}`);
  }
  const refused = t.refusal('someone-new')!;
  assert.match(refused.message, /^Too many failed logins from your address\. Try again in 30 s\.$/);
  assert.equal(t.refusal('someone-new', '10.0.0.2'), undefined);
  // logging in to one's own account does not buy more guesses from that address
  t.advance(30_000);
  t.throttle.begin('mine', '10.0.0.1').succeeded();
  t.fail('user-x');
  assert.equal(t.refusal('user-y')!.retryAfterSec, 60);
});

test('concurrent guesses count before they fail: a burst gets five, not fifty', () => {
  const t = setup();
  const admitted = [];
  let refused = 0;
  for (let i = 0; i < 50; i++) {
    try {
      admitted.push(t.throttle.begin('owner', `10.0.1.${i}`));
    } catch (e) {
      refused++;
      assert.match((e as Error).message, /^Too many logins for this account at once\. Try again in 1 s\.$/);
    }
  }
  assert.equal(admitted.length, 5);
  assert.equal(refused, 45);
  for (const a of admitted) a.failed();
  assert.equal(t.refusal('owner')!.retryAfterSec, 30);
  // at the limit: one at a time after the wait
  t.advance(30_000);
  const one = t.throttle.begin('owner', '10.0.2.1');
  assert.ok(t.refusal('owner', '10.0.2.2'));
  one.succeeded();
  assert.equal(t.refusal('owner', '10.0.2.2'), undefined);
});

test('a cancelled attempt (password never checked) is not a failure', () => {
  const t = setup();
  for (let i = 0; i < 20; i++) t.throttle.begin('owner', '10.0.0.1').cancel();
  assert.equal(t.refusal('owner'), undefined);
  assert.deepEqual(t.throttle.size(), { users: 0, addresses: 0 }, 'nothing left behind');
});

test('memory stays bounded when names and addresses never repeat', () => {
  const t = setup({ maxEntries: 100 });
  for (let i = 0; i < 20_000; i++) t.fail(`name-${i}`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
  assert.deepEqual(t.throttle.size(), { users: 100, addresses: 100 });
  // the most recent are the ones kept
  for (let i = 0; i < 4; i++) t.fail('name-19999', '10.0.78.31');
  assert.ok(t.refusal('name-19999', '10.9.9.9'));
});

test('formatWait words the wait as the login page shows it', () => {
  assert.equal(formatWait(130), '2 min 10 s');
  assert.equal(formatWait(45), '45 s');
  assert.equal(formatWait(900), '15 min');
  assert.equal(formatWait(0.2), '1 s');
  assert.equal(formatWait(3700), '1 h 1 min');
});
