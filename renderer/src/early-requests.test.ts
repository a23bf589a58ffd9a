import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath, routes } from '../../core/contract/routes.js';
import { earlyPointsMatch, guessChartWidth, pointsUrl, seriesPath, devicePath, type EarlyPoints } from './early-requests.js';
import { resolutionFor } from './chart/view.js';

test('the early addresses are the ones api.ts builds for the same calls, odd names included', () => {
  for (const [uid, key] of [['dev-1', 'temperature'], ['a b/c', 'x/y z'], ['ünï', '温度?&=']] as const) {
    assert.equal(devicePath(uid), routePath(routes.getDevice.path, { uid }));
    assert.equal(seriesPath(uid), routePath(routes.listSeries.path, { uid }));
    const p: EarlyPoints = { uid, key, from: 1_700_000_000_000, to: 1_700_003_605_000, maxPoints: 1000 };
    // api.ts: the path, then the query object's entries in order (TelemetryTab: from, to, maxPoints)
    const query = new URLSearchParams({ from: String(p.from), to: String(p.to), maxPoints: String(p.maxPoints) });
    assert.equal(pointsUrl(p), `${routePath(routes.getPoints.path, { uid, key })}?${query}`);
  }
});

test('the guessed chart width gives the bucket count of the laid-out chart on common screens', () => {
  // measured in Chromium: the chart's width on the Telemetry tab at these viewport widths
  for (const [viewport, chart] of [[1280, 958], [1920, 1098], [1024, 702], [800, 726], [600, 538], [390, 328]] as const) {
    const guessed = resolutionFor(guessChartWidth(viewport), null);
    assert.equal(resolutionFor(chart, guessed), guessed, `viewport ${viewport}`);
  }
});

test('an early chart request stands for the same chart asked a moment later, and only that', () => {
  const e: EarlyPoints = { uid: 'd', key: 'k', from: 1000, to: 3_606_000, maxPoints: 1000 };
  assert.equal(earlyPointsMatch(e, 'd', 'k', 1000, 3_606_000, 1000), true);
  assert.equal(earlyPointsMatch(e, 'd', 'k', 2500, 3_607_500, 1000), true); // the window moved on 1.5 s
  assert.equal(earlyPointsMatch(e, 'd', 'k', 5000, 3_610_000, 1000), false); // too long after
  assert.equal(earlyPointsMatch(e, 'd', 'k', 900, 3_605_900, 1000), false); // before it
  assert.equal(earlyPointsMatch(e, 'd', 'k', 1000, 3_606_000, 1100), false); // other buckets
  assert.equal(earlyPointsMatch(e, 'd', 'k', 1000, 7_206_000, 1000), false); // other span
  assert.equal(earlyPointsMatch(e, 'd', 'other', 1000, 3_606_000, 1000), false);
  assert.equal(earlyPointsMatch(e, 'other', 'k', 1000, 3_606_000, 1000), false);
});
