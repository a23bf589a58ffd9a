import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, rate, type RunFigures } from './report.js';

const ctx = { cores: 2, cpuModel: 'Test CPU', busyBefore: 0.02, devices: 10, seconds: 5, keys: 4, qos: 1, inflight: 4, rate: 0 };
const outpost: RunFigures = { name: 'Outpost', acked: 100_000, ackedPoints: 400_000, persisted: 400_000, elapsedS: 5, peakRss: 100 * 1024 * 1024, cpuSeconds: 4.9 };
const peer: RunFigures = { name: 'pipeline', acked: 200_000, ackedPoints: 800_000, persisted: 100_000, elapsedS: 5, peakRss: 50 * 1024 * 1024, cpuSeconds: 6 };

test('rate is persisted points per elapsed second', () => {
  assert.equal(rate(outpost), 80_000);
  assert.equal(rate({ ...outpost, elapsedS: 0 }), 0);
});

test('formatReport prints the figures, targets, ratio and losses', () => {
  const s = formatReport(ctx, [outpost, peer]);
  assert.match(s, /2 cores/);
  assert.match(s, /N=10, seconds S=5, keys K=4/);
  assert.match(s, /80,000 points\/s\s+\(target >= 60,000 points\/s: meets\)/);
  assert.match(s, /4\.00x\s+\(target >= 2x the pipeline: meets\)/);
  assert.match(s, /pipeline: 700,000 acknowledged points \(87\.5%\) were never persisted/);
  assert.doesNotMatch(s, /Outpost: .* never persisted/);
  assert.match(s, /100 MB/);
  assert.doesNotMatch(s, /warning/);
});

test('formatReport warns when the machine was busy', () => {
  assert.match(formatReport({ ...ctx, busyBefore: 0.6 }, [outpost]), /warning: other processes were busy/);
});

test('formatReport flags a missed target', () => {
  const s = formatReport(ctx, [{ ...outpost, persisted: 100_000 }]);
  assert.match(s, /MISSES/);
  assert.doesNotMatch(s, /ratio/);
});
