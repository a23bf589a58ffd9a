// The agent against Debian's real mosquitto, with MQTT.js playing Outpost: operations, progress,
// replies, duplicates, refusals, and a broker outage with the outbox in between.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLog } from './log.js';
import { startAgent, type Agent } from './main.js';
import { startTestBroker, type TestBroker } from './testing/mosquitto.js';
import { OutpostPeer } from './testing/outpost-peer.js';
import { Gates, testExecutors } from './testing/test-executors.js';
import { sleep, waitUntil } from './testing/wait.js';

const uid = 'agent-core-1';
let dir: string;
let broker: TestBroker;
let peer: OutpostPeer;
let agent: Agent;
const gates = new Gates();
let inventoryRefreshes = 0;
const later = () => Date.now() + 60_000;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-mqtt-'));
  broker = await startTestBroker(dir);
  peer = await OutpostPeer.connect(broker.port, uid);
  agent = await startAgent(
    { host: '127.0.0.1', port: broker.port, uid, token: 'secret', stateDir: join(dir, 'state'), snapdSocket: '/nonexistent', reconnect: { initialMs: 50, maxMs: 300 } },
    {
      log: silentLog,
      stableAfterMs: 200,
      executors: () => ({
        ...testExecutors(gates),
        // a known kind, to see its args checked against the shared schema before it runs
        'snap.switch': { run: async (args) => ({ switched: args }) },
      }),
      refreshInventory: async (services) => {
        inventoryRefreshes++;
        await services.sendInventory({ collectedAt: Date.now(), system: { hostname: 'test-host', os: {} } });
        return { published: true };
      },
    },
  );
  await waitUntil('the agent to connect', () => agent.link.connected);
});

after(async () => {
  await agent?.stop();
  await peer?.close();
  await broker?.stop();
});

test('the agent says online, retained, on its status topic', async () => {
  const status = await waitUntil('status online', () => peer.of('status').find((m) => m.payload === 'online'));
  assert.ok(status);
});

test('op -> progress -> reply, in that order', async () => {
  await peer.sendOp('echo-1', { kind: 'test.echo', args: { x: 1 }, expiresAt: later() });
  assert.deepEqual(await peer.waitForReply('echo-1'), { ok: true, result: { echo: { x: 1 } } });
  const forOp = peer.seen.filter((m) => m.opId === 'echo-1').map((m) => `${m.channel} ${m.payload}`);
  assert.deepEqual(forOp, [
    'progress {"done":1,"total":2,"summary":"half way"}',
    'progress {"done":2,"total":2,"summary":"done"}',
    'reply {"ok":true,"result":{"echo":{"x":1}}}',
  ]);
});

test("an executor's error reaches Outpost with its code and message; anything else is 'internal'", async () => {
  await peer.sendOp('fail-1', { kind: 'test.fail', args: {}, expiresAt: null });
  assert.deepEqual(await peer.waitForReply('fail-1'), { ok: false, error: { code: 'snap-not-found', message: 'snap "nope" not found' } });
  await peer.sendOp('crash-1', { kind: 'test.crash', args: {}, expiresAt: null });
  assert.deepEqual(await peer.waitForReply('crash-1'), { ok: false, error: { code: 'internal', message: 'something broke' } });
});

test('a duplicate delivery of a finished op gets the same reply again, without running it again', async () => {
  await peer.sendOp('echo-dup', { kind: 'test.echo', args: { n: 7 }, expiresAt: null });
  const first = await peer.waitForReply('echo-dup');
  await peer.sendOp('echo-dup', { kind: 'test.echo', args: { n: 8 }, expiresAt: null });
  await waitUntil('the reply sent again', () => peer.replies('echo-dup').length === 2);
  assert.deepEqual(peer.replies('echo-dup'), [first, first]);
  // progress only from the one run
  assert.equal(peer.of('progress', 'echo-dup').length, 2);
});

test('a duplicate delivery of a running op is ignored', async () => {
  await peer.sendOp('gated-dup', { kind: 'test.gated', args: { steps: 1 }, expiresAt: null });
  await waitUntil('gated-dup to start', () => gates.isWaiting('gated-dup'));
  await peer.sendOp('gated-dup', { kind: 'test.gated', args: { steps: 1 }, expiresAt: null });
  await sleep(200);
  gates.release('gated-dup');
  await peer.waitForReply('gated-dup');
  await sleep(200);
  assert.equal(peer.replies('gated-dup').length, 1);
  assert.equal(gates.started.filter((id) => id === 'gated-dup').length, 1);
});

test("an expired op is refused with 'expired' and not run", async () => {
  await peer.sendOp('old-1', { kind: 'test.echo', args: {}, expiresAt: Date.now() - 1000 });
  const reply = (await peer.waitForReply('old-1')) as { ok: false; error: { code: string; message: string } };
  assert.equal(reply.ok, false);
  assert.equal(reply.error.code, 'expired');
  assert.match(reply.error.message, /expired at \d{4}-/);
  assert.equal(peer.of('progress', 'old-1').length, 0);
});

test("malformed ops get 'bad-request' with the reason", async () => {
  await peer.sendOp('bad-json', 'not json {');
  assert.deepEqual(await peer.waitForReply('bad-json'), { ok: false, error: { code: 'bad-request', message: 'payload is not JSON' } });
  await peer.sendOp('bad-shape', { kind: 'test.echo', expiresAt: null });
  const shape = (await peer.waitForReply('bad-shape')) as { error: { code: string; message: string } };
  assert.equal(shape.error.code, 'bad-request');
  assert.match(shape.error.message, /^args:/);
  await peer.sendOp('bad-args', { kind: 'snap.switch', args: { name: 'hello' }, expiresAt: null });
  const args = (await peer.waitForReply('bad-args')) as { error: { code: string; message: string } };
  assert.equal(args.error.code, 'bad-request');
  assert.match(args.error.message, /^args\.channel:/);
  await peer.sendOp('good-args', { kind: 'snap.switch', args: { name: 'hello', channel: 'latest/edge' }, expiresAt: null });
  assert.deepEqual(await peer.waitForReply('good-args'), { ok: true, result: { switched: { name: 'hello', channel: 'latest/edge' } } });
});

test("a kind without an executor is answered 'unsupported-kind'", async () => {
  await peer.sendOp('reboot-1', { kind: 'system.reboot', args: {}, expiresAt: null });
  const reply = (await peer.waitForReply('reboot-1')) as { error: { code: string } };
  assert.equal(reply.error.code, 'unsupported-kind');
});

test('ops run one at a time in arrival order; a parallel-safe kind runs beside them', async () => {
  await peer.sendOp('serial-a', { kind: 'test.gated', args: {}, expiresAt: null });
  await peer.sendOp('serial-b', { kind: 'test.gated', args: {}, expiresAt: null });
  await waitUntil('serial-a to start', () => gates.isWaiting('serial-a'));
  await peer.sendOp('inv-1', { kind: 'inventory.refresh', args: {}, expiresAt: null });
  // inventory.refresh is parallel-safe: it finishes while serial-a still holds the line
  assert.deepEqual(await peer.waitForReply('inv-1'), { ok: true, result: { published: true } });
  assert.equal(inventoryRefreshes, 1);
  const inventory = await waitUntil('the inventory', () => peer.of('inventory').at(-1));
  assert.equal(JSON.parse(inventory.payload).system.hostname, 'test-host');
  assert.equal(gates.isWaiting('serial-b'), false, 'serial-b must wait for serial-a');
  gates.release('serial-a');
  await peer.waitForReply('serial-a');
  await waitUntil('serial-b to start', () => gates.isWaiting('serial-b'));
  gates.release('serial-b');
  await peer.waitForReply('serial-b');
  const order = peer.seen.filter((m) => m.channel === 'reply' && ['serial-a', 'serial-b', 'inv-1'].includes(m.opId!)).map((m) => m.opId);
  assert.deepEqual(order, ['inv-1', 'serial-a', 'serial-b']);
});

test('inventory and status are retained: a subscriber that comes later gets them', async () => {
  const late = await OutpostPeer.connect(broker.port, uid, 'late');
  try {
    const inv = await waitUntil('retained inventory', () => late.of('inventory')[0]);
    assert.equal(inv.retain, true);
    const status = await waitUntil('retained status', () => late.of('status')[0]);
    assert.deepEqual([status.payload, status.retain], ['online', true]);
  } finally {
    await late.close();
  }
});

test('broker down: replies, progress and inventory wait in the outbox on disk, then all arrive in order', async () => {
  await peer.sendOp('outage-1', { kind: 'test.gated', args: { steps: 5 }, expiresAt: null });
  await waitUntil('outage-1 to start', () => gates.isWaiting('outage-1'));
  const seenBefore = peer.seen.length;

  await broker.stop();
  await waitUntil('the agent to notice', () => !agent.link.connected);
  gates.release('outage-1');
  await waitUntil('its progress and reply in the outbox', () => agent.outbox.size === 6);
  await agent.sendInventory({ collectedAt: 42, system: { hostname: 'while-down', os: {} } });
  await waitUntil('7 messages in the outbox', () => agent.outbox.size === 7);
  assert.equal(readdirSync(join(dir, 'state', 'outbox')).filter((n) => /^\d{12}\.json$/.test(n)).length, 7);
  // the broker stays away for a few reconnect attempts
  await sleep(700);
  assert.ok(agent.link.failedAttempts >= 2, `only ${agent.link.failedAttempts} reconnect attempts`);

  await broker.start();
  await waitUntil('the reply after the outage', () => peer.replies('outage-1')[0], 15_000);
  await waitUntil('the inventory after the outage', () => peer.seen.slice(seenBefore).some((m) => m.channel === 'inventory'));
  const after = peer.seen.slice(seenBefore).filter((m) => m.channel !== 'status').map((m) => `${m.channel} ${m.payload}`);
  assert.deepEqual(after, [
    ...[1, 2, 3, 4, 5].map((i) => `progress {"done":${i},"total":5,"summary":"step ${i}"}`),
    'reply {"ok":true,"result":{"steps":5}}',
    'inventory {"collectedAt":42,"system":{"hostname":"while-down","os":{}}}',
  ]);
  await waitUntil('the outbox to empty', () => agent.outbox.size === 0);
  // an entry leaves the outbox when acked; its file is unlinked right after (remove() awaits the unlink)
  await waitUntil('the outbox files to go', () => readdirSync(join(dir, 'state', 'outbox')).filter((n) => /^\d{12}\.json$/.test(n)).length === 0);
});

test('the agent refuses an inventory that does not match the shared schema', async () => {
  await assert.rejects(agent.sendInventory({ collectedAt: 'now' } as never), /inventory is not valid: collectedAt/);
});
