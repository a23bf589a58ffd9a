import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inventory } from '../../core/contract/inventory.js';
import { InventoryWatcher, type PublishReason } from './inventory-watcher.js';

// A device whose clock moves on every collection; `snaps` is what an operator changes.
function device() {
  let collections = 0;
  const state = { snaps: [{ name: 'core22', version: '1', revision: '1' }] };
  const collect = async (): Promise<Inventory> => {
    collections++;
    return { collectedAt: Date.now() + collections, system: { hostname: 'dev', os: {}, uptimeSec: collections }, snaps: structuredClone(state.snaps) };
  };
  return { state, collect, get collections() { return collections; } };
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('the watcher publishes on start, stays quiet while only volatile fields move, and publishes a real change', async (t) => {
  const dev = device();
  const published: [PublishReason, Inventory][] = [];
  const w = new InventoryWatcher({ collect: dev.collect, intervalMs: 10, onChange: (inv, why) => void published.push([why, inv]) });
  t.after(() => w.stop());

  await w.start();
  assert.deepEqual(published.map(([why]) => why), ['first']);
  await until(() => dev.collections >= 6, 'several checks');
  assert.equal(published.length, 1, 'uptime and collectedAt changed, nothing else: no publish');

  dev.state.snaps.push({ name: 'mosquitto', version: '2.0.18', revision: '1014' });
  await until(() => published.length === 2, 'the change to be published');
  assert.equal(published[1]![0], 'changed');
  assert.deepEqual(published[1]![1].snaps?.map((s) => s.name), ['core22', 'mosquitto']);

  const after = dev.collections;
  await until(() => dev.collections >= after + 4, 'more checks');
  assert.equal(published.length, 2, 'the same change is published once');
});

test('refresh() publishes even when nothing changed, and returns what it published', async (t) => {
  const dev = device();
  const published: PublishReason[] = [];
  const w = new InventoryWatcher({ collect: dev.collect, intervalMs: 60_000, onChange: (_inv, why) => void published.push(why) });
  t.after(() => w.stop());
  await w.start();
  const inv = await w.refresh();
  await w.refresh();
  assert.deepEqual(published, ['first', 'requested', 'requested']);
  assert.equal(inv.system?.hostname, 'dev');
  assert.equal(dev.collections, 3);
});

test('a failed publish keeps the old hash, so the change goes out on the next check', async (t) => {
  const dev = device();
  let fail = true;
  const published: PublishReason[] = [];
  const errors: unknown[] = [];
  const w = new InventoryWatcher({
    collect: dev.collect,
    intervalMs: 10,
    onChange: async (_inv, why) => {
      if (fail) throw new Error('outbox full');
      published.push(why);
    },
    onError: (e) => errors.push(e),
  });
  t.after(() => w.stop());
  await w.start();
  assert.equal(published.length, 0);
  assert.equal(w.publishedHash, undefined);
  assert.match(String(errors[0]), /outbox full/);
  await assert.rejects(w.refresh(), /outbox full/, 'a requested publish tells its caller');
  fail = false;
  await until(() => published.length === 1, 'the retry');
  assert.deepEqual(published, ['first']);
  assert.match(w.publishedHash ?? '', /^[0-9a-f]{64}$/);
});

test('collections never overlap, and stop() ends the checks', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const w = new InventoryWatcher({
    intervalMs: 1,
    collect: async () => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 15));
      inFlight--;
      return { collectedAt: Date.now() };
    },
    onChange: () => {},
  });
  const started = w.start();
  const refreshes = [w.refresh(), w.refresh()];
  await Promise.all([started, ...refreshes]);
  await until(() => calls >= 5, 'periodic checks');
  w.stop();
  await new Promise((r) => setTimeout(r, 40));
  const stoppedAt = calls;
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(maxInFlight, 1);
  assert.equal(calls, stoppedAt, 'no checks after stop');
});

test('the watcher rejects a nonsensical interval', () => {
  for (const intervalMs of [0, -1, Number.NaN]) {
    assert.throws(() => new InventoryWatcher({ collect: async () => ({ collectedAt: 0 }), intervalMs, onChange: () => {} }), RangeError);
  }
});
