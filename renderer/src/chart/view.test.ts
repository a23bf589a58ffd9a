import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIVE_HEADROOM, MIN_SPAN, follow, pan, resolutionFor, sameView, viewOf, windowOf, zoomTo } from './view.js';

const H = 3600_000;
const now = 1_800_000_000_000;

test('a preset follows now; a fixed range stays where it is', () => {
  const live = viewOf({ kind: 'live', span: H }, now);
  assert.deepEqual(windowOf(live, now), { from: now - H, to: now + LIVE_HEADROOM });
  assert.deepEqual(windowOf(live, now + 60_000), { from: now + 60_000 - H, to: now + 60_000 + LIVE_HEADROOM }, 'the right edge moves with time');
  const fixed = viewOf({ kind: 'fixed', from: now - 5 * H, to: now - 4 * H }, now);
  assert.deepEqual(windowOf(fixed, now + H), { from: now - 5 * H, to: now - 4 * H });
});

test('drag zoom takes the dragged window in either direction, never narrower than the minimum', () => {
  assert.deepEqual(windowOf(zoomTo(now - 100_000, now - 40_000), now), { from: now - 100_000, to: now - 40_000 });
  assert.deepEqual(windowOf(zoomTo(now - 40_000, now - 100_000), now), { from: now - 100_000, to: now - 40_000 });
  assert.equal(zoomTo(now, now + 10).span, MIN_SPAN);
  assert.equal(zoomTo(now, now + 10).follow, false);
});

test('pan moves by one window span, stops following, and never goes past now', () => {
  const live = viewOf({ kind: 'live', span: H }, now);
  const back = pan(live, -1, now);
  assert.deepEqual(windowOf(back, now), { from: now - 2 * H, to: now - H });
  const back2 = pan(back, -1, now);
  assert.deepEqual(windowOf(back2, now), { from: now - 3 * H, to: now - 2 * H });
  assert.deepEqual(windowOf(pan(back2, 1, now), now), { from: now - 2 * H, to: now - H });
  assert.deepEqual(windowOf(pan(pan(back, 1, now), 1, now), now), { from: now - H, to: now });
});

test('follow on keeps the span with the right edge at now; off freezes the window', () => {
  const fixed = viewOf({ kind: 'fixed', from: now - 5 * H, to: now - 4 * H }, now);
  const on = follow(fixed, true, now);
  assert.deepEqual(windowOf(on, now), { from: now - H, to: now + LIVE_HEADROOM });
  const off = follow(on, false, now + 1000);
  assert.deepEqual(windowOf(off, now + 5000), { from: now + 1000 - H, to: now + 1000 });
  assert.ok(sameView(viewOf({ kind: 'live', span: H }, now), on));
  assert.ok(!sameView(fixed, on));
});

test('the bucket count follows the width but not its small moves', () => {
  assert.equal(resolutionFor(1040, null), 1100);
  assert.equal(resolutionFor(1025, 1100), 1100, 'a scrollbar appearing keeps the resolution');
  assert.equal(resolutionFor(1200, 1100), 1100);
  assert.equal(resolutionFor(1800, 1100), 1800);
  assert.equal(resolutionFor(390, 1100), 400);
  assert.equal(resolutionFor(0, null), 100);
  assert.equal(resolutionFor(90_000, null), 5000);
});
