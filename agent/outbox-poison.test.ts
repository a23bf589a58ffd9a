// A message the broker refuses every time (here: larger than mosquitto's max_packet_size, which
// makes it close the connection) must not block the outbox forever.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLog } from './log.js';
import { startAgent, type Agent } from './main.js';
import { startTestBroker, type TestBroker } from './testing/mosquitto.js';
import { OutpostPeer } from './testing/outpost-peer.js';
import { testExecutors } from './testing/test-executors.js';
import { waitUntil } from './testing/wait.js';

const uid = 'poison-1';
let broker: TestBroker;
let peer: OutpostPeer;
let agent: Agent;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-poison-'));
  broker = await startTestBroker(dir, ['max_packet_size 3000']);
  peer = await OutpostPeer.connect(broker.port, uid);
  agent = await startAgent(
    { host: '127.0.0.1', port: broker.port, uid, token: 't', stateDir: join(dir, 'state'), snapdSocket: '/nonexistent', reconnect: { initialMs: 20, maxMs: 60 } },
    { log: silentLog, executors: () => testExecutors(), sender: { dropAfter: 3, replaceReplyAfter: 3 } },
  );
  await waitUntil('online', () => peer.of('status').at(-1)?.payload === 'online');
});

after(async () => {
  await agent?.stop();
  await peer?.close();
  await broker?.stop();
});

test('a refused inventory is dropped, a refused reply is replaced by an error reply, and what follows gets through', async () => {
  const users = Array.from({ length: 100 }, (_, i) => ({ name: `user${i}`, uid: 1000 + i, source: 'passwd' as const }));
  await agent.sendInventory({ collectedAt: 1, users });
  await peer.sendOp('big-1', { kind: 'test.big', args: { bytes: 5000 }, expiresAt: null });
  await peer.sendOp('small-1', { kind: 'test.echo', args: { after: 'the big ones' }, expiresAt: null });

  assert.deepEqual(await peer.waitForReply('small-1', 20_000), { ok: true, result: { echo: { after: 'the big ones' } } });
  const big = (await peer.waitForReply('big-1')) as { ok: false; error: { code: string; message: string } };
  assert.equal(big.error.code, 'reply-undeliverable');
  assert.match(big.error.message, /refused the reply \(\d+ bytes\) 3 times/);
  assert.equal(peer.of('inventory').length, 0);
  // order kept: the replaced reply still comes before the later one. (Each refused message closed
  // the connection, so the broker may deliver an op again whose PUBACK was lost; the agent then
  // sends the same reply again, which Outpost ignores.)
  const replies = peer.seen.filter((m) => m.channel === 'reply');
  assert.deepEqual([...new Set(replies.map((m) => m.opId))], ['big-1', 'small-1']);
  for (const id of ['big-1', 'small-1']) assert.equal(new Set(replies.filter((m) => m.opId === id).map((m) => m.payload)).size, 1, `${id}: always the same reply`);
  assert.equal(agent.outbox.size, 0);
});
