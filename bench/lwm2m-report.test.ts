import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLwm2mReport, percentile, rssPerClientKb, type NotifyRun, type RegisterRun } from './lwm2m-report.js';

const ctx = { clients: 10_000, seconds: 10, rate: 25_000, concurrency: 200, cores: 2, cpuModel: 'x', busyBefore: 0.5, outpostRssFresh: 100 << 20, outpostHeld: 10_000 };
const reg = (name: string, ok: number, seconds: number, growthKbPerClient: number): RegisterRun =>
  ({ name, ok, failed: 0, elapsedMs: seconds * 1000, latenciesMs: [1, 2, 3], rssBefore: 200 << 20, rssAfter: (200 << 20) + growthKbPerClient * 1024 * ok, cpuSeconds: 1, udpDrops: 0 });
const notify = (name: string, acked: number, persisted: number): NotifyRun =>
  ({ name, observed: 10_000, sent: acked, acked, failed: 0, skipped: 0, retransmissions: 0, elapsedMs: 10_000, latenciesMs: [5], persisted, cpuSeconds: 9, peakRss: 300 << 20, udpDrops: 0 });

test('percentile: nearest rank, NaN without samples', () => {
  assert.equal(percentile([5, 1, 4, 2, 3], 0.5), 3);
  assert.equal(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99), 99);
  assert.equal(percentile([7], 0.99), 7);
  assert.ok(Number.isNaN(percentile([], 0.5)));
});

test('lwm2m report: each target met or missed from the figures, the peer beside Outpost', () => {
  assert.equal(rssPerClientKb(reg('Outpost', 10_000, 1, 30)), 30);
  const text = formatLwm2mReport(ctx, [reg('Outpost', 10_000, 1, 30), reg('peer: rd', 10_000, 4, 2)],
    [notify('Outpost', 150_000, 150_000), notify('peer: sqlite', 40_000, 40_000)]);
  assert.match(text, /10,000 clients held: met/);
  assert.match(text, /≥ 5,000 registrations\/s: met \(10,000\)/);
  assert.match(text, /≥ 20,000 notifications persisted\/s: MISSED \(15,000/);
  assert.match(text, /≤ 50 KB per registered client: met \(30\.0 KB\)/);
  assert.match(text, /peer: rd .* 2,500 /);
  assert.match(text, /figures are indicative/);
});

test('lwm2m report: acknowledged but unstored notifications and a missing Outpost measurement are said', () => {
  const text = formatLwm2mReport({ ...ctx, clients: 1000, outpostHeld: undefined }, [reg('Outpost', 1000, 0.5, 80)],
    ['Outpost: no observation reached a client', notify('peer: sqlite', 100, 90)]);
  assert.match(text, /not at this N/);
  assert.match(text, /MISSED \(80\.0 KB\)/);
  assert.match(text, /not measured: Outpost: no observation reached a client/);
  assert.match(text, /peer: sqlite: 10 acknowledged notifications added no row/);
  assert.match(text, /notifications persisted\/s: not measured/);
});
