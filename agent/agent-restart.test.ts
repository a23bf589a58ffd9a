// The agent as a real process, killed with SIGKILL in the middle of an operation and started
// again: the operation is resumed from what its executor remembered and its reply arrives; an
// operation Outpost sent while the agent was down is delivered from the persistent session.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestBroker, type TestBroker } from './testing/mosquitto.js';
import { OutpostPeer } from './testing/outpost-peer.js';
import { waitUntil } from './testing/wait.js';

const uid = 'restart-dev';
const script = fileURLToPath(new URL('./testing/agent-process.ts', import.meta.url));
let dir: string;
let configPath: string;
let broker: TestBroker;
let peer: OutpostPeer;
const children: ChildProcess[] = [];

function startAgentProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGKILL' && signal !== 'SIGTERM') process.stderr.write(`agent process exited ${code} ${signal}:\n${log}\n`);
  });
  children.push(child);
  return child;
}

const killed = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-restart-'));
  broker = await startTestBroker(dir);
  peer = await OutpostPeer.connect(broker.port, uid);
  configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({
    host: '127.0.0.1', port: broker.port, uid, token: 't0ken', stateDir: join(dir, 'state'), snapdSocket: '/nonexistent',
    reconnect: { initialMs: 50, maxMs: 300 },
  }));
});

after(async () => {
  for (const c of children) await killed(c, 'SIGKILL');
  await peer?.close();
  await broker?.stop();
});

test('SIGKILL mid-operation: after the restart the operation is resumed and its reply arrives', async () => {
  const first = startAgentProcess();
  await waitUntil('online', () => peer.of('status').some((m) => m.payload === 'online'), 15_000);
  await peer.sendOp('change-1', { kind: 'test.resumable', args: { changeId: '42' }, expiresAt: null });
  // the executor remembers before its first progress, so once that is seen the state is on disk
  await waitUntil('the first progress', () => peer.of('progress', 'change-1')[0], 15_000);

  await killed(first, 'SIGKILL');
  // no clean disconnect: the broker publishes the last will
  await waitUntil('the last will', () => peer.of('status').at(-1)?.payload === 'offline', 15_000);
  assert.equal(peer.of('status').at(-1)!.retain, false, 'a live subscriber gets the will as a normal publish');
  // Outpost sends another operation while the device is away: the broker keeps it in the agent's session
  await peer.sendOp('later-1', { kind: 'test.echo', args: { sent: 'while down' }, expiresAt: null });

  startAgentProcess();
  assert.deepEqual(await peer.waitForReply('change-1', 20_000), { ok: true, result: { resumed: true, saved: { changeId: '42', step: 1 } } });
  assert.deepEqual(await peer.waitForReply('later-1', 20_000), { ok: true, result: { echo: { sent: 'while down' } } });
  assert.deepEqual(peer.of('progress', 'change-1').map((m) => JSON.parse(m.payload).summary), [
    'change accepted', 'following the change after a restart', 'done',
  ]);
  // one at a time, in arrival order: the resumed change ends before the next one starts
  const replies = peer.seen.filter((m) => m.channel === 'reply').map((m) => m.opId);
  assert.deepEqual(replies, ['change-1', 'later-1']);
  assert.equal(peer.of('status').at(-1)!.payload, 'online');
});

test('after another restart a finished operation delivered again gets its reply again, not a new run', async () => {
  const running = children.at(-1)!;
  await killed(running, 'SIGTERM');
  assert.equal(running.exitCode, 0, 'SIGTERM stops the agent cleanly');
  await waitUntil('a clean stop saying offline itself', () => peer.of('status').at(-1)?.payload === 'offline', 5000);
  const progressBefore = peer.of('progress', 'change-1').length;
  startAgentProcess();
  await waitUntil('online again', () => peer.of('status').at(-1)?.payload === 'online', 15_000);
  await peer.sendOp('change-1', { kind: 'test.resumable', args: { changeId: '43' }, expiresAt: null });
  await waitUntil('the reply again', () => peer.replies('change-1').length === 2, 15_000);
  assert.deepEqual(peer.replies('change-1')[1], peer.replies('change-1')[0]);
  assert.equal(peer.of('progress', 'change-1').length, progressBefore);
});

test('a reply made while the broker was down survives a SIGKILL of the agent in the outbox and arrives later', async () => {
  await waitUntil('online', () => peer.of('status').at(-1)?.payload === 'online', 15_000);
  await peer.sendOp('short-1', { kind: 'test.resumable', args: { changeId: '7', holdMs: 1500 }, expiresAt: null });
  await waitUntil('its first progress', () => peer.of('progress', 'short-1')[0], 15_000);
  await broker.stop();
  // it ends during the outage: its reply can only go to the outbox
  await waitUntil('the reply file in the outbox', () => outboxFiles().length > 0 && outboxHasReplyFor('short-1'), 15_000);
  await killed(children.at(-1)!, 'SIGKILL');
  startAgentProcess();
  await broker.start();
  assert.deepEqual(await peer.waitForReply('short-1', 20_000), { ok: true, result: { resumed: false } });
  await waitUntil('the outbox to empty', () => outboxFiles().length === 0, 15_000);
});

function outboxFiles(): string[] {
  return readdirSync(join(dir, 'state', 'outbox')).filter((n) => /^\d{12}\.json$/.test(n));
}

function outboxHasReplyFor(opId: string): boolean {
  return outboxFiles().some((n) => {
    const m = JSON.parse(readFileSync(join(dir, 'state', 'outbox', n), 'utf8')) as { channel: string; opId?: string };
    return m.channel === 'reply' && m.opId === opId;
  });
}
