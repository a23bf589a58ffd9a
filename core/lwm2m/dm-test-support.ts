// Test support for LwM2M device management: a real Outpost (temp SQLite file, ports 0) with
// shortened LwM2M timings, an admin session, an LwM2M device and the simulator as that device.
import assert from 'node:assert/strict';
import type { OperationDetail } from '../contract/operations.js';
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';
import { ApiClient, startTestOutpost, waitFor, type TestOutpost } from '../testing/harness.js';

/** The simulator as the test made it (core/ may not import agent/ outside *.test.ts files). */
export interface SimDevice {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DmSetup<C extends SimDevice> {
  outpost: TestOutpost;
  api: ApiClient;
  client: C;
  /** Creates an operation and waits until it has finished; its detail with history. */
  op(kind: string, args: Record<string, unknown>, extra?: Record<string, unknown>): Promise<OperationDetail>;
  objects(): Promise<Lwm2mDeviceObjects>;
  close(): Promise<void>;
}

/** `makeClient(serverUrl)`: the simulator for device `uid`, not yet started. */
export async function setupDm<C extends SimDevice>(uid: string, makeClient: (server: string) => C, options: Partial<Parameters<typeof startTestOutpost>[1]> = {}): Promise<DmSetup<C>> {
  const host = options?.host ?? '127.0.0.1';
  const outpost = await startTestOutpost(undefined, {
    operations: { expirySweepMs: 200, resendDelayMs: 50 },
    // answers from the simulator take well under a second, but a loaded 2-core machine may stall for one
    lwm2mDm: { requestTimeoutMs: 2000, awakeWindowMs: 1500 },
    ...options,
  });
  const api = new ApiClient(outpost.url);
  assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
  assert.equal((await api.post('/api/devices', { uid, name: uid, dialect: 'lwm2m' })).status, 200);
  const server = host.includes(':') ? `coap://[${host}]:${outpost.coapPort}` : `coap://${host}:${outpost.coapPort}`;
  const sim = makeClient(server);
  await sim.start();
  await waitFor(async () => (await api.get(`/api/devices/${uid}/lwm2m/registration`)).status === 200, 'registered');
  return {
    outpost, api, client: sim,
    async op(kind, args, extra = {}) {
      const created = await api.post(`/api/devices/${uid}/operations?wait=10`, { kind, args, ...extra });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      return (await api.get<OperationDetail>(`/api/operations/${created.body.id}`)).body;
    },
    objects: async () => (await api.get<Lwm2mDeviceObjects>(`/api/devices/${uid}/lwm2m/objects`)).body,
    async close() {
      await sim.stop().catch(() => undefined);
      await outpost.close();
      outpost.removeData();
    },
  };
}

/** The result of a succeeded operation (asserts it succeeded, with its history in the message). */
export function resultOf(op: OperationDetail): Record<string, any> {
  assert.equal(op.state, 'succeeded', JSON.stringify({ error: op.error, history: op.history }, null, 1));
  return op.result as Record<string, any>;
}

/** The CoAP exchanges of the operation's reply, as its history keeps them. */
export function exchangesOf(op: OperationDetail): Array<{ request: Record<string, any>; response: Record<string, any> }> {
  const reply = op.history.find((h) => h.type === 'reply');
  assert.ok(reply, `no reply in ${JSON.stringify(op.history)}`);
  const d = reply.detail as { result?: { coap?: unknown }; error?: { coap?: unknown } };
  return (d.result?.coap ?? d.error?.coap) as Array<{ request: Record<string, any>; response: Record<string, any> }>;
}
