// Approving a pending LwM2M device starts what was queued for it at once: a registered, listening
// device must not wait for its next Update (the simulator here sends none during the test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation, OperationDetail } from '../contract/operations.js';
import { ApiClient, startTestOutpost, waitFor } from '../testing/harness.js';
import { createLwm2mClient } from '../../agent/lwm2m/index.js';

test('approving a pending device sends its queued operation without waiting for an Update', async () => {
  const outpost = await startTestOutpost(undefined, { operations: { expirySweepMs: 200, resendDelayMs: 50 }, lwm2mDm: { requestTimeoutMs: 500 } });
  const client = createLwm2mClient({ server: `coap://127.0.0.1:${outpost.coapPort}`, endpoint: 'stranger', lwm2mVersion: '1.1', lifetime: 300, intervalMs: 0, requestTimeoutMs: 1000, workMs: 50 });
  try {
    const api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
    assert.equal((await api.call('PUT', '/api/settings', { acceptNewLwm2mDevices: true })).status, 200);
    let updates = 0;
    client.on('updated', () => updates++);
    await client.start();
    await waitFor(async () => (await api.get('/api/devices/stranger/lwm2m/registration')).body.pending === true, 'registered, pending');

    const created = await api.post<Operation>('/api/devices/stranger/operations', { kind: 'lwm2m.read', args: { path: '/3/0/0' } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await api.get<Operation>(`/api/operations/${created.body.id}`)).body.state, 'queued', 'nothing goes to a pending device');

    assert.equal((await api.post('/api/devices/stranger/approve')).status, 200);
    const done = await waitFor(async () => {
      const op = (await api.get<OperationDetail>(`/api/operations/${created.body.id}`)).body;
      return op.state === 'succeeded' ? op : undefined;
    }, 'sent after the approval', 3000);
    assert.equal((done.result as { values: Array<{ value: unknown }> }).values[0]!.value, 'Outpost');
    assert.equal(updates, 0, 'no Update was needed');
  } finally {
    await client.stop().catch(() => undefined);
    await outpost.close();
    outpost.removeData();
  }
});
