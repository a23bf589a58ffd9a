// The agent against Outpost over the real embedded broker: inventory, snap install/remove/refresh with progress to
// done and to snapd's error, Outpost down mid-change (outbox), and the agent restarted mid-change.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOutpost, type Outpost } from '../core/app.js';
import { ApiClient, waitFor } from '../core/testing/harness.js';
import { startSimulatedAgent, type SimulatedAgent } from './sim/agent-fleet.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function setup(stepMs = 60) {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-agent-it-'));
  let outpost: Outpost = await startOutpost({ dataDir, httpPort: 0, mqttPort: 0, quiet: true });
  const api = new ApiClient(outpost.url);
  await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
  const token = (await api.post('/api/devices', { uid: 'gw-1', name: 'Gateway 1' })).body.credentials.token as string;
  const stateRoot = mkdtempSync(join(tmpdir(), 'outpost-agent-state-'));
  const sims: SimulatedAgent[] = [];
  const agentStart = async (existing?: SimulatedAgent) => {
    const sim = await startSimulatedAgent({ host: '127.0.0.1', port: outpost.mqttPort!, uid: 'gw-1', token, stepMs, stateRoot, existingSnapd: existing?.snapd });
    sims.push(sim);
    return sim;
  };
  cleanups.push(async () => {
    for (const s of sims) await s.agent.stop().catch(() => undefined);
    for (const s of new Set(sims.map((x) => x.snapd))) await s.close().catch(() => undefined);
    await outpost.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(stateRoot, { recursive: true, force: true });
  });
  const op = async (id: number) => (await api.get(`/api/operations/${id}`)).body;
  const finished = (id: number, ms = 10_000) => waitFor(async () => {
    const o = await op(id);
    return ['succeeded', 'failed', 'expired', 'cancelled'].includes(o.state) ? o : undefined;
  }, `operation ${id} finished`, ms);
  return {
    api, agentStart, op, finished,
    outpost: () => outpost,
    async restartOutpost(downMs: number) {
      const { httpPort, mqttPort } = outpost;
      await outpost.close();
      await new Promise((r) => setTimeout(r, downMs));
      outpost = await startOutpost({ dataDir, httpPort, mqttPort: mqttPort!, quiet: true });
      await api.post('/api/login', { username: 'owner', password: 'correct horse' });
    },
  };
}

test('the agent reports its inventory; snap install, remove and refresh go to done with progress, and to snapd\'s error verbatim', { timeout: 40_000 }, async () => {
  const s = await setup();
  await s.agentStart();
  const inv = await waitFor(async () => (await s.api.get('/api/devices/gw-1/inventory')).body.inventory?.snaps ? (await s.api.get('/api/devices/gw-1/inventory')).body : undefined, 'inventory', 10_000);
  assert.equal(inv.inventory.system.hostname, 'sim-gw-1');
  assert.ok(inv.inventory.snaps.some((x: { name: string }) => x.name === 'core22'));
  assert.equal(inv.inventory.snaps.some((x: { name: string }) => x.name === 'hello'), false);

  const install = (await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.install', args: { name: 'hello', channel: 'stable' } })).body;
  const done = await s.finished(install.id);
  assert.equal(done.state, 'succeeded', JSON.stringify(done.error));
  const progress = done.history.filter((h: { type: string }) => h.type === 'progress').map((h: { detail: { done: number; total: number } }) => h.detail);
  assert.ok(progress.length >= 2, `progress reported (${progress.length})`);
  assert.ok(progress.every((p: { done: number }, i: number) => i === 0 || p.done >= progress[i - 1].done), 'progress never goes back');
  assert.equal(done.result.status, 'Done');
  await waitFor(async () => (await s.api.get('/api/devices/gw-1/inventory')).body.inventory.snaps.some((x: { name: string }) => x.name === 'hello'), 'the new snap in the inventory', 10_000);

  const missing = (await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.install', args: { name: 'no-such-snap' } })).body;
  const failed = await s.finished(missing.id);
  assert.equal(failed.state, 'failed');
  assert.deepEqual(failed.error, { code: 'snap-not-found', message: 'snap not found' });

  const removed = await s.finished((await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.remove', args: { name: 'hello' } })).body.id);
  assert.equal(removed.state, 'succeeded');
  await waitFor(async () => !(await s.api.get('/api/devices/gw-1/inventory')).body.inventory.snaps.some((x: { name: string }) => x.name === 'hello'), 'the removed snap gone from the inventory', 10_000);

  // hello-world starts one revision behind stable: a refresh brings it to 29, with progress
  const refreshed = await s.finished((await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.refresh', args: { name: 'hello-world' } })).body.id);
  assert.equal(refreshed.state, 'succeeded', JSON.stringify(refreshed.error));
  assert.ok(refreshed.history.some((h: { type: string }) => h.type === 'progress'), 'refresh reported progress');
  await waitFor(async () => (await s.api.get('/api/devices/gw-1/inventory')).body.inventory.snaps.some((x: { name: string; revision: string }) => x.name === 'hello-world' && x.revision === '29'), 'the refreshed revision in the inventory', 10_000);

  // now up to date: snapd's own error, verbatim
  const again = await s.finished((await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.refresh', args: { name: 'hello-world' } })).body.id);
  assert.equal(again.state, 'failed');
  assert.equal(again.error.code, 'snap-no-update-available');
  assert.match(again.error.message, /hello-world/);
});

test('Outpost down in the middle of a change: progress and the reply wait in the outbox and arrive in order', { timeout: 40_000 }, async () => {
  const s = await setup(150);
  await s.agentStart();
  await waitFor(async () => (await s.api.get('/api/devices/gw-1')).body.status === 'online', 'online', 10_000);
  const install = (await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.install', args: { name: 'hello' } })).body;
  await waitFor(async () => (await s.op(install.id)).progress !== null, 'first progress', 10_000);
  await s.restartOutpost(2500); // the change (~1.5 s) ends while Outpost is down
  const done = await s.finished(install.id, 20_000);
  assert.equal(done.state, 'succeeded');
  const types = done.history.map((h: { type: string }) => h.type);
  assert.equal(types.at(-1), 'reply');
  const progress = done.history.filter((h: { type: string }) => h.type === 'progress').map((h: { detail: { done: number } }) => h.detail.done);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'in order');
  assert.equal(done.attempts, 1, 'not sent again');
});

test('the agent restarted in the middle of a change follows the same change to its end', { timeout: 40_000 }, async () => {
  const s = await setup(200);
  const first = await s.agentStart();
  await waitFor(async () => (await s.api.get('/api/devices/gw-1')).body.status === 'online', 'online', 10_000);
  const install = (await s.api.post('/api/devices/gw-1/operations', { kind: 'snap.install', args: { name: 'hello' } })).body;
  await waitFor(async () => (await s.op(install.id)).progress !== null, 'first progress', 10_000);
  await first.agent.stop();
  const changesBefore = first.snapd.requests.filter((r) => r.method === 'POST').length;
  await s.agentStart(first);
  const done = await s.finished(install.id, 20_000);
  assert.equal(done.state, 'succeeded', JSON.stringify(done.error));
  assert.equal(first.snapd.requests.filter((r) => r.method === 'POST').length, changesBefore, 'no second change was started');
  assert.equal(done.attempts, 1);
});
