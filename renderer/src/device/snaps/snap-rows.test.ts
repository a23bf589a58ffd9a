import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InventorySnap } from '../../../../core/contract/inventory.js';
import type { Operation } from '../../../../core/contract/operations.js';
import { RECENT_MS, channelWords, confinementWords, snapTable, toggleKind } from './snap-rows.js';

const NOW = 1_000_000_000;
const op = (id: number, kind: string, args: Record<string, unknown>, over: Partial<Operation> = {}): Operation => ({
  id, deviceUid: 'pump-1', kind, args, state: 'sending', attempts: 1, maxAttempts: 3, replyTimeoutMs: 60_000,
  createdAt: NOW - 1000 + id, updatedAt: NOW - 1000 + id, sentAt: null, finishedAt: null, expiresAt: null,
  result: null, error: null, progress: null, createdBy: 'admin', retryOf: null, batchId: null, ...over,
});
const snap = (name: string, over: Partial<InventorySnap> = {}): InventorySnap => ({ name, version: '1', revision: '1', ...over });

test('each installed snap gets the latest operation that names it; other kinds and devices are ignored', () => {
  const t = snapTable([snap('core22'), snap('hello-world')], [], [
    op(1, 'snap.refresh', { name: 'hello-world' }, { state: 'failed', finishedAt: NOW - 5000 }),
    op(3, 'snap.disable', { name: 'hello-world' }),
    op(4, 'inventory.refresh', {}),
    op(2, 'snap.revert', { name: 'core22' }, { state: 'succeeded', finishedAt: NOW - 1000 }),
  ], NOW);
  assert.deepEqual(t.rows.map((r) => [r.name, r.op?.id ?? null]), [['core22', 2], ['hello-world', 3]]);
  assert.deepEqual(t.pending, []);
  assert.equal(t.refreshAll, null);
});

test('a finished operation leaves its row after RECENT_MS; a running one stays however old', () => {
  const old = op(1, 'snap.refresh', { name: 'core22' }, { state: 'succeeded', finishedAt: NOW - RECENT_MS - 1 });
  assert.equal(snapTable([snap('core22')], [], [old], NOW).rows[0]!.op, null);
  const running = op(1, 'snap.refresh', { name: 'core22' }, { state: 'delivered', createdAt: 0, updatedAt: 0 });
  assert.equal(snapTable([snap('core22')], [], [running], NOW).rows[0]!.op?.id, 1);
});

test('operations for snaps that are not installed are pending rows, newest first; a done remove is not', () => {
  const t = snapTable([snap('core22')], [], [
    op(7, 'snap.install', { name: 'hello' }),
    op(6, 'snap.install', { name: 'no-such-snap' }, { state: 'failed', finishedAt: NOW - 10, error: { code: 'snap-not-found', message: 'snap not found' } }),
    op(5, 'snap.remove', { name: 'mosquitto' }, { state: 'succeeded', finishedAt: NOW - 10 }),
    op(4, 'snap.remove', { name: 'code' }),
  ], NOW);
  assert.deepEqual(t.pending.map((r) => [r.name, r.op!.id, r.snap]), [['hello', 7, null], ['no-such-snap', 6, null], ['code', 4, null]]);
  // once the inventory lists it, the install is the snap's own row
  const after = snapTable([snap('core22'), snap('hello')], [], [op(7, 'snap.install', { name: 'hello' }, { state: 'succeeded', finishedAt: NOW })], NOW);
  assert.deepEqual(after.pending, []);
  assert.equal(after.rows.find((r) => r.name === 'hello')!.op!.state, 'succeeded');
});

test('a refresh without a name is the "refresh all" operation; services go with their snap', () => {
  const t = snapTable([snap('mosquitto')], [{ snap: 'mosquitto', name: 'mosquitto', active: true, enabled: true }, { snap: 'other', name: 'x', active: false, enabled: false }],
    [op(9, 'snap.refresh', {}), op(8, 'snap.refresh', {}, { state: 'failed', finishedAt: NOW })], NOW);
  assert.equal(t.refreshAll?.id, 9);
  assert.deepEqual(t.pending, []);
  assert.deepEqual(t.rows[0]!.services.map((s) => s.name), ['mosquitto']);
});

test('row words: enable or disable by status, channel and tracking, confinement', () => {
  assert.equal(toggleKind(snap('a', { status: 'active' })), 'snap.disable');
  assert.equal(toggleKind(snap('a', { status: 'installed' })), 'snap.enable');
  assert.equal(channelWords(snap('a', { channel: 'latest/stable', trackingChannel: 'latest/stable' })), 'latest/stable');
  assert.equal(channelWords(snap('a', { channel: 'latest/stable', trackingChannel: 'latest/edge' })), 'latest/stable, tracking latest/edge');
  assert.equal(channelWords(snap('a', { trackingChannel: 'latest/edge' })), 'tracking latest/edge');
  assert.equal(channelWords(snap('a')), 'sideloaded');
  assert.equal(confinementWords(snap('a', { confinement: 'strict', devmode: true })), 'devmode');
  assert.equal(confinementWords(snap('a', { confinement: 'classic', classic: true })), 'classic');
  assert.equal(confinementWords(snap('a', { confinement: 'strict' })), 'strict');
});
