// A fleet in one process: 50 clients, each on its own UDP port, registered and de-registered.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fleetEndpoint, startLwm2mFleet } from './index.js';
import { startRegistrar } from './testing/registrar.js';

it('registers 50 clients from 50 distinct ports, then de-registers them', async () => {
  const reg = await startRegistrar();
  try {
    const fleet = await startLwm2mFleet({ server: `coap://127.0.0.1:${reg.port}`, count: 50, prefix: 'fleet-', concurrency: 10, intervalMs: 0 });
    assert.deepEqual(fleet.failed, []);
    const registers = reg.seen.filter((s) => s.path === '/rd');
    assert.equal(registers.length, 50);
    assert.equal(new Set(registers.map((s) => s.from.port)).size, 50);
    const endpoints = registers.map((s) => s.query.find((q) => q.startsWith('ep='))).sort();
    assert.equal(endpoints[0], 'ep=fleet-0001');
    assert.equal(endpoints[49], 'ep=fleet-0050');
    assert.ok(fleet.clients.every((c) => c.registered));
    await fleet.stop();
    assert.equal(reg.seen.filter((s) => s.method === 'DELETE').length, 50);
  } finally {
    await reg.close();
  }
});

it('names fleet endpoints with at least four digits', () => {
  assert.equal(fleetEndpoint('sim-', 0, 10), 'sim-0001');
  assert.equal(fleetEndpoint('sim-', 9999, 10000), 'sim-10000');
  assert.equal(fleetEndpoint('sim-', 41, 10000), 'sim-00042');
});
