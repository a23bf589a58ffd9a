// kill -9 right after the device heard 2.01: the registration it was given is in the database
// (the answer goes out only after the commit), and the headless CLI names its CoAP port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../testing/harness.js';
import { startChildOutpost, stopChild } from '../testing/child-outpost.js';
import { coapClient } from './libcoap-client.js';

test('a registration answered with 2.01 survives SIGKILL and can be updated after the restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-rd-crash-'));
  let core = await startChildOutpost(dataDir);
  try {
    assert.notEqual(core.coapPort, null, 'the CLI prints "LwM2M (CoAP/UDP) on host:port"');
    const api = new ApiClient(core.url);
    await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
    assert.equal((await api.post('/api/devices', { uid: 'sleepy', name: 'Sleepy', dialect: 'lwm2m' })).status, 200);
    const reg = await coapClient(['-m', 'post', '-t', '40', '-e', '</1/0>,</3/0>'], `coap://127.0.0.1:${core.coapPort}/rd?ep=sleepy&lt=600&b=UQ`);
    assert.equal(reg.code, '2.01');
    await stopChild(core.child, 'SIGKILL');

    core = await startChildOutpost(dataDir);
    const again = new ApiClient(core.url);
    await again.post('/api/login', { username: 'owner', password: 'correct horse' });
    const kept = (await again.get('/api/devices/sleepy/lwm2m/registration')).body;
    assert.deepEqual([kept.registrationId, kept.binding, kept.queueMode, kept.lifetimeSec], [reg.locationPath[1], 'UQ', true, 600]);
    const upd = await coapClient(['-m', 'post'], `coap://127.0.0.1:${core.coapPort}/rd/${reg.locationPath[1]}`);
    assert.equal(upd.code, '2.04');
  } finally {
    await stopChild(core.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
