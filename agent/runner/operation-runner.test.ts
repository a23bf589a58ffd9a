// The runner on its own (real files, no broker): what happens across restarts and with queues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLog } from '../log.js';
import { Outbox } from '../outbox/outbox.js';
import { sleep, waitUntil } from '../testing/wait.js';
import type { ExecutorRegistry } from './executor.js';
import { OpRecords } from './op-records.js';
import { OperationRunner } from './operation-runner.js';

async function open(dir: string, executors: ExecutorRegistry) {
  const outbox = await Outbox.open(join(dir, 'outbox'));
  const records = await OpRecords.open(join(dir, 'ops'));
  const runner = new OperationRunner({ executors, records, outbox, log: silentLog });
  runner.start();
  return { outbox, records, runner };
}

async function replies(outbox: Outbox): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const e of outbox.list()) {
    const m = await outbox.load(e.seq);
    if (m?.channel === 'reply') out[m.opId!] = JSON.parse(m.payload);
  }
  return out;
}

const op = (kind: string, extra: object = {}) => Buffer.from(JSON.stringify({ kind, args: {}, expiresAt: null, ...extra }));
const forever = (signal: AbortSignal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));

test("an op running without remembered state when the agent stopped ends 'interrupted' at the next start", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const executors: ExecutorRegistry = { 'test.wait': { run: (_a, ctx) => forever(ctx.signal) } };
  const first = await open(dir, executors);
  await first.runner.receive('w1', op('test.wait'));
  await waitUntil('w1 running', () => first.records.get('w1')?.state === 'running');
  await first.runner.stop();
  assert.deepEqual(await replies(first.outbox), {}, 'stopping is not an answer');

  const second = await open(dir, executors);
  await waitUntil('the reply', () => second.outbox.size > 0);
  const reply = (await replies(second.outbox)) as Record<string, { error?: { code: string } }>;
  assert.equal(reply.w1?.error?.code, 'interrupted');
});

test('ops still queued when the agent stopped run after the restart, in their arrival order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const ran: string[] = [];
  const first = await open(dir, { 'test.wait': { run: (_a, ctx) => forever(ctx.signal) }, 'test.note': { run: async () => undefined } });
  await first.runner.receive('hold', op('test.wait'));
  for (const id of ['q1', 'q2', 'q3']) await first.runner.receive(id, op('test.note'));
  await first.runner.stop();

  const second = await open(dir, {
    'test.wait': { run: async () => ran.push('hold'), resume: async () => ran.push('hold-resumed') },
    'test.note': { run: async (_a, ctx) => ran.push(ctx.opId) },
  });
  await waitUntil('all replies', () => second.outbox.size === 4);
  // 'hold' was running and remembered nothing: interrupted, not run twice; the queued ones run in order
  assert.deepEqual(ran, ['q1', 'q2', 'q3']);
  const r = (await replies(second.outbox)) as Record<string, { ok: boolean; error?: { code: string } }>;
  assert.equal(r.hold?.error?.code, 'interrupted');
  assert.deepEqual(['q1', 'q2', 'q3'].map((id) => r[id]?.ok), [true, true, true]);
});

test("an op that expires while it waits behind another is refused 'expired' when its turn comes", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  let release!: () => void;
  const { runner, outbox } = await open(dir, {
    'test.slow': { run: () => new Promise<void>((r) => (release = r)) },
    'test.note': { run: async () => 'ran' },
  });
  await runner.receive('slow', op('test.slow'));
  await runner.receive('soon', op('test.note', { expiresAt: Date.now() + 100 }));
  await sleep(250);
  release();
  await waitUntil('both replies', () => outbox.size === 2);
  const r = await replies(outbox);
  assert.deepEqual(r.slow, { ok: true });
  assert.equal((r.soon as { error: { code: string } }).error.code, 'expired');
});

test('stop does not wait forever for an executor that ignores its signal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const { runner, records } = await open(dir, { 'test.deaf': { run: () => new Promise(() => undefined) } });
  await runner.receive('deaf', op('test.deaf'));
  await waitUntil('running', () => records.get('deaf')?.state === 'running');
  const t0 = Date.now();
  await runner.stop(300);
  const took = Date.now() - t0;
  assert.ok(took >= 250 && took < 1500, `stop took ${took} ms`);
});

test('a result that cannot be JSON or is too large becomes an error reply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const { runner, outbox } = await open(dir, {
    'test.bigint': { run: async () => ({ n: 1n }) },
    'test.huge': { run: async () => 'x'.repeat(300 * 1024) },
  });
  await runner.receive('b', op('test.bigint'));
  await runner.receive('h', op('test.huge'));
  await waitUntil('both replies', () => outbox.size === 2);
  const r = (await replies(outbox)) as Record<string, { error: { code: string } }>;
  assert.equal(r.b!.error.code, 'internal');
  assert.equal(r.h!.error.code, 'result-too-large');
});

test('an opId too long for a record file is refused, not crashed on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const { runner, outbox } = await open(dir, { 'test.note': { run: async () => 'ran' } });
  await runner.receive('x'.repeat(200), op('test.note'));
  const r = (await replies(outbox)) as Record<string, { error: { code: string } }>;
  assert.equal(r['x'.repeat(200)]!.error.code, 'bad-request');
});
