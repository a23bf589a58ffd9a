// Queue mode, retries and bad devices, over real UDP: operations wait while the simulator sleeps and
// go out after its Update; a device that never answers fails after 3 attempts; a queue-mode device
// that does not answer is left alone until it speaks; garbage answers fail the operation clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation, OperationDetail } from '../contract/operations.js';
import { ApiClient, startTestOutpost, waitFor } from '../testing/harness.js';
import { createLwm2mClient, type Lwm2mClientOptions } from '../../agent/lwm2m/index.js';
import { exchangesOf, resultOf, setupDm } from './dm-test-support.js';

const sim = (server: string, endpoint: string, options: Partial<Lwm2mClientOptions>) =>
  createLwm2mClient({ server, endpoint, intervalMs: 0, requestTimeoutMs: 1000, workMs: 50, ...options });
import { rawDevice } from './raw-device.js';

test('queue mode: an operation waits while the device sleeps and goes out right after its Update', async () => {
  const dm = await setupDm('sleepy', (server) => sim(server, 'sleepy', { lwm2mVersion: '1.1', queueMode: true, awakeMs: 300 }), { lwm2mDm: { requestTimeoutMs: 500, awakeWindowMs: 300 } });
  try {
    await waitFor(() => dm.client.asleep, 'the device sleeps', 3000);
    await new Promise((r) => setTimeout(r, 100));
    const created = (await dm.api.post<Operation>('/api/devices/sleepy/operations', { kind: 'lwm2m.read', args: { path: '/3/0/0' } })).body;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await dm.api.get<Operation>(`/api/operations/${created.id}`)).body.state, 'queued');
    await dm.client.update();
    const done = await waitFor(async () => {
      const op = (await dm.api.get<OperationDetail>(`/api/operations/${created.id}`)).body;
      return op.state === 'succeeded' ? op : undefined;
    }, 'sent after the Update', 3000);
    assert.equal(resultOf(done).values[0].value, 'Outpost');
    assert.equal(done.attempts, 1);
  } finally {
    await dm.close();
  }
});

async function withRaw(uid: string, run: (ctx: { api: ApiClient; device: Awaited<ReturnType<typeof rawDevice>> }) => Promise<void>) {
  const outpost = await startTestOutpost(undefined, { operations: { expirySweepMs: 200, resendDelayMs: 50 }, lwm2mDm: { requestTimeoutMs: 250, awakeWindowMs: 2000 } });
  const api = new ApiClient(outpost.url);
  assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
  assert.equal((await api.post('/api/devices', { uid, name: uid, dialect: 'lwm2m' })).status, 200);
  const device = await rawDevice(outpost.coapPort!, uid);
  try {
    await run({ api, device });
  } finally {
    device.close();
    await outpost.close();
    outpost.removeData();
  }
}

test('a device that never answers: 3 attempts, then FAILED with the reason in the history', async () => {
  await withRaw('mute', async ({ api, device }) => {
    await device.register('U');
    const created = (await api.post<Operation>('/api/devices/mute/operations?wait=10', { kind: 'lwm2m.read', args: { path: '/3/0/0' } })).body;
    const op = (await api.get<OperationDetail>(`/api/operations/${created.id}`)).body;
    assert.equal(op.state, 'failed');
    assert.equal(op.attempts, 3);
    assert.match(op.error!.message, /after 3 attempts/);
    const requeued = op.history.filter((h) => h.type === 'requeued');
    assert.equal(requeued.length, 3);
    assert.match(JSON.stringify(requeued[0]!.detail), /GET \/3\/0\/0: no answer from 127\.0\.0\.1/);
    assert.ok(device.requests.length >= 3);
  });
});

test('a queue-mode device that does not answer is not asked again until it speaks', async () => {
  await withRaw('dozy', async ({ api, device }) => {
    await device.register('UQ');
    const created = (await api.post<Operation>('/api/devices/dozy/operations', { kind: 'lwm2m.read', args: { path: '/3/0/0' } })).body;
    await waitFor(async () => (await api.get<OperationDetail>(`/api/operations/${created.id}`)).body.history.some((h) => h.type === 'requeued'), 'first attempt timed out');
    const asked = device.requests.length;
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(device.requests.length, asked, 'no request while it sleeps');
    const queued = (await api.get<OperationDetail>(`/api/operations/${created.id}`)).body;
    assert.deepEqual([queued.state, queued.attempts], ['queued', 1]);
    assert.match(JSON.stringify(queued.history), /the device sleeps \(queue mode\)/);
    // it wakes, and answers this time
    device.answer = { contentFormat: 0, payload: Buffer.from('Raw Inc.') };
    await device.update();
    const op = await waitFor(async () => {
      const o = (await api.get<OperationDetail>(`/api/operations/${created.id}`)).body;
      return o.state === 'succeeded' ? o : undefined;
    }, 'sent again after the Update');
    assert.equal(op.attempts, 2);
    assert.equal(resultOf(op).values[0].value, 'Raw Inc.');
  });
});

test('garbage answers: the operation fails with a clear error; Outpost keeps serving', async () => {
  await withRaw('liar', async ({ api, device }) => {
    await device.register('U');
    device.answer = { contentFormat: 112, payload: Buffer.from([0xff, 0x13, 0x00, 0x9a]) };
    const created = (await api.post<Operation>('/api/devices/liar/operations?wait=10', { kind: 'lwm2m.read', args: { path: '/3/0' } })).body;
    const op = (await api.get<OperationDetail>(`/api/operations/${created.id}`)).body;
    assert.equal(op.state, 'failed');
    assert.equal(op.error!.code, 'malformed-payload');
    assert.match(op.error!.message, /SenML CBOR/);
    assert.equal(exchangesOf(op)[0]!.response.payload, 'hex ff13009a');
    device.answer = { contentFormat: 11542, payload: Buffer.from([0xc8, 0x00]) };
    const tlv = (await api.post<Operation>('/api/devices/liar/operations?wait=10', { kind: 'lwm2m.read', args: { path: '/3/0' } })).body;
    assert.equal(tlv.state, 'failed');
    assert.equal(tlv.error!.code, 'malformed-payload');
    assert.equal((await api.get('/api/devices/liar/lwm2m/objects')).status, 200);
  });
});
