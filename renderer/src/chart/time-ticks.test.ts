import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tickStep, tickTimes, timeTicks, zoneLabel } from './time-ticks.js';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;
function inZone<T>(tz: string, f: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try { return f(); } finally { if (before === undefined) delete process.env.TZ; else process.env.TZ = before; }
}

test('the step is the shortest round one that fits the tick budget, 1 s to days', () => {
  assert.equal(tickStep(0, 10 * S, 10), S);
  assert.equal(tickStep(0, 60 * S, 8), 10 * S);
  assert.equal(tickStep(0, 15 * M, 6), 5 * M);
  assert.equal(tickStep(0, H, 5), 15 * M);
  assert.equal(tickStep(0, H, 6), 10 * M);
  assert.equal(tickStep(0, H + 5 * S, 2), 30 * M, 'a little headroom past now does not double the step');
  assert.equal(tickStep(0, 24 * H, 8), 3 * H);
  assert.equal(tickStep(0, 24 * H, 4), 6 * H);
  assert.equal(tickStep(0, 7 * D, 8), D);
  assert.equal(tickStep(0, 7 * D, 4), 2 * D);
});

test('ticks cover the whole range at round local times, also where there is no data', () => {
  inZone('UTC', () => {
    const from = Date.UTC(2026, 0, 5, 10, 7, 13);
    const ticks = timeTicks(from, from + H, 5);
    assert.deepEqual(ticks.map((t) => t.time), ['10:15', '10:30', '10:45', '11:00']);
    assert.ok(ticks.every((t) => t.ts >= from && t.ts <= from + H));
    const secs = timeTicks(from, from + 20 * S, 5);
    assert.deepEqual(secs.map((t) => t.time), ['10:07:15', '10:07:20', '10:07:25', '10:07:30']);
  });
});

test('local time: a zone 5:45 ahead ticks on its own quarter hours', () => {
  inZone('Asia/Kathmandu', () => {
    const from = Date.UTC(2026, 0, 5, 0, 0); // 05:45 local
    const ticks = timeTicks(from, from + H, 4);
    assert.deepEqual(ticks.map((t) => t.time), ['05:45', '06:00', '06:15', '06:30', '06:45']);
    assert.match(zoneLabel(from), /^Asia\/Kath?mandu \(UTC\+05:45\)$/);
  });
});

test('hour steps stay on local midnight and 06:00 across a DST change', () => {
  inZone('Europe/Berlin', () => {
    // clocks go forward at 02:00 local on 29 March 2026 (01:00 UTC)
    const from = new Date(2026, 2, 28, 12).getTime();
    const ticks = timeTicks(from, from + 2 * D, 8);
    assert.deepEqual(ticks.map((t) => t.time), ['12:00', '18:00', '00:00', '06:00', '12:00', '18:00', '00:00', '06:00', '12:00']);
    assert.equal(new Date(ticks[3]!.ts).getHours(), 6);
    assert.equal(ticks[3]!.ts - ticks[2]!.ts, 5 * H, 'the night the clock jumps is an hour short');
    assert.notEqual(zoneLabel(new Date(2026, 0, 1).getTime()), zoneLabel(new Date(2026, 6, 1).getTime()));
    assert.match(zoneLabel(new Date(2026, 6, 1).getTime()), /^Europe\/Berlin \(UTC\+02:00\)$/);
  });
});

test('the date is shown on the first tick and where the day changes', () => {
  inZone('UTC', () => {
    const from = Date.UTC(2026, 11, 1, 20, 0);
    const ticks = timeTicks(from, from + 8 * H, 5);
    assert.deepEqual(ticks.map((t) => t.time), ['20:00', '22:00', '00:00', '02:00', '04:00']);
    const dates = ticks.map((t) => t.date);
    assert.match(dates[0]!, /Dec 1|1 Dec/);
    assert.equal(dates[1], null);
    assert.match(dates[2]!, /Dec 2|2 Dec/);
    assert.deepEqual(dates.slice(3), [null, null]);
  });
});

test('day steps label dates and stay on the same days when the range moves', () => {
  inZone('UTC', () => {
    const from = Date.UTC(2026, 0, 1, 13);
    const a = tickTimes(from, from + 10 * D, 2 * D);
    const b = tickTimes(from + D, from + 11 * D, 2 * D);
    assert.ok(a.length >= 4);
    assert.ok(a.every((t) => new Date(t).getUTCHours() === 0));
    const shared = a.filter((t) => t >= from + D);
    assert.deepEqual(b.slice(0, shared.length), shared);
    assert.match(timeTicks(from, from + 7 * D, 8)[0]!.time, /Jan 2|2 Jan/);
  });
});

test('a tiny or empty range still gets a tick budget answer', () => {
  assert.equal(tickStep(5, 5, 10), S);
  assert.ok(timeTicks(0, 1, 5).length <= 1);
});
