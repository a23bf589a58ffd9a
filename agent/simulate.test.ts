// `outpost-agent simulate` as a user runs it: it adds the devices through the API, and both the
// simulated agents and the simulated seed-agent device show their inventory in Outpost.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestOutpost, ApiClient, waitFor, type TestOutpost } from '../core/testing/harness.js';

let outpost: TestOutpost | undefined;
after(async () => {
  await outpost?.close();
  outpost?.removeData();
});

test('simulate: two agents and a seed device appear with their inventory', { timeout: 60_000 }, async () => {
  outpost = await startTestOutpost();
  const api = new ApiClient(outpost.url);
  await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'simulate', '--url', outpost.url, '--username', 'owner', '--password', 'correct horse',
    '--port', String(outpost.mqttPort), '--count', '2', '--seed', '1', '--step-ms', '50'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  try {
    for (const uid of ['sim-1', 'sim-2']) {
      await waitFor(async () => (await api.get(`/api/devices/${uid}/inventory`)).body?.inventory?.snaps?.length > 0, `${uid} inventory (${err})`, 20_000);
    }
    const seed = await waitFor(async () => {
      const d = (await api.get('/api/devices/90001')).body;
      return d?.status === 'online' ? d : undefined;
    }, `seed device online (${err})`, 20_000);
    assert.equal(seed.dialect, 'seed');
    const asked = await api.post('/api/devices/90001/inventory/refresh');
    assert.equal(asked.body.asked, true, JSON.stringify(asked.body));
    const inv = await waitFor(async () => (await api.get('/api/devices/90001/inventory')).body.inventory?.snaps ? (await api.get('/api/devices/90001/inventory')).body : undefined, 'seed snaps', 20_000);
    assert.equal(inv.source, 'seed');
    assert.ok(inv.inventory.snaps.some((s: { name: string }) => s.name === 'core22'));
    assert.match(inv.inventory.system.uptimeText, /^up \d+ minutes?$/);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  assert.equal(child.exitCode, 0, err);
});
