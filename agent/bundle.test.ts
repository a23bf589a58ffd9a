// The one-file bundle (npm run build:agent): it runs with nothing but Node.js, says how to use it,
// refuses bad configuration clearly, requires only Node's built-in modules, and speaks MQTT.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildAgentBundle } from './build-bundle.js';
import { startTestBroker, type TestBroker } from './testing/mosquitto.js';
import { OutpostPeer } from './testing/outpost-peer.js';
import { waitUntil } from './testing/wait.js';

const run = promisify(execFile);
let dir: string;
let bundle: string;
/** the bundle copied alone to a directory with no package.json, named as on a device */
let alone: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-bundle-'));
  bundle = await buildAgentBundle(join(dir, 'dist', 'outpost-agent.js'));
  alone = join(dir, 'device', 'outpost-agent');
  await run('mkdir', ['-p', join(dir, 'device')]);
  copyFileSync(bundle, alone);
});

const children: ChildProcess[] = [];
let broker: TestBroker | undefined;
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await broker?.stop();
});

test('the bundle is one executable file starting with a node shebang', () => {
  const text = readFileSync(bundle, 'utf8');
  assert.ok(text.startsWith('#!/usr/bin/env node\n'));
  assert.ok(statSync(bundle).mode & 0o111, 'executable');
});

test('--help prints the usage with the commands, the options and the tls note', async () => {
  for (const argv of [[process.execPath, bundle, '--help'], [alone, '--help'], [alone, 'run', '-h']]) {
    const { stdout } = await run(argv[0]!, argv.slice(1));
    assert.match(stdout, /^outpost-agent: connects an Ubuntu device to Outpost/);
    assert.match(stdout, /Usage: outpost-agent \[COMMAND\] \[OPTIONS\]/);
    assert.match(stdout, /^ {2}run +connect to Outpost/m);
    for (const flag of ['--config PATH', '--host HOST', '--port N', '--uid UID', '--token TOKEN', '--state-dir DIR', '--snapd-socket PATH']) {
      assert.ok(stdout.includes(flag), `usage lists ${flag}`);
    }
    assert.match(stdout, /tls \{ca, cert, key\}: reserved for TLS and client certificates, NOT SUPPORTED YET/);
  }
});

test('a bad configuration or an unknown flag or command exits 2 with a clear message', async () => {
  const cfg = join(dir, 'tls.json');
  writeFileSync(cfg, JSON.stringify({ host: 'h', uid: 'd', token: 't', tls: { ca: '/ca.pem' } }));
  const cases: [string[], RegExp][] = [
    [['--config', cfg], /tls: TLS and client certificates are not supported yet/],
    [['run', '--config', join(dir, 'none.json')], /cannot read the config file .*none\.json: it does not exist/],
    [['--colour'], /Unknown option '--colour'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [argv, message] of cases) {
    const err = await run(alone, argv).then(() => undefined, (e: { code: number; stderr: string }) => e);
    assert.ok(err, `${argv.join(' ')} must fail`);
    assert.equal(err.code, 2, `${argv.join(' ')}: exit code`);
    assert.match(err.stderr, message);
  }
});

test('the bundle requires nothing but Node built-in modules (mqtt and zod are inside)', () => {
  const text = readFileSync(bundle, 'utf8');
  const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  const imported = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)|^\s*import\s.*from\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2]!);
  assert.ok(required.includes('net'), 'sanity: the scan sees the requires');
  const outside = [...new Set([...required, ...imported])].filter((name) => !isBuiltin(name));
  assert.deepEqual(outside, []);
  // dynamic requires of computed names would escape the scan
  assert.equal(/\brequire\(\s*[a-zA-Z_$][\w$]*\s*\)/.test(text.replace(/__require\(/g, '')), false, 'no require(variable)');
});

test('the bundled agent connects, answers an operation and stops cleanly on SIGTERM', async () => {
  broker = await startTestBroker(dir);
  const peer = await OutpostPeer.connect(broker.port, 'bundled-1');
  try {
    const cfg = join(dir, 'agent.json');
    writeFileSync(cfg, JSON.stringify({ host: '127.0.0.1', port: broker.port, uid: 'bundled-1', token: 't', stateDir: join(dir, 'state') }));
    const child = spawn(alone, ['run', '--config', cfg], { stdio: 'ignore' });
    children.push(child);
    // its first session is new: `online` comes after its subscription, so ops sent from then on reach it
    await waitUntil('online', () => peer.of('status').at(-1)?.payload === 'online', 15_000);
    await peer.sendOp('op-1', { kind: 'test.nothing', args: {}, expiresAt: null });
    const reply = (await peer.waitForReply('op-1', 15_000)) as { error: { code: string } };
    assert.equal(reply.error.code, 'unsupported-kind');
    // a service manager's stop: the agent says offline itself and exits 0
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    await waitUntil('offline from the clean stop', () => peer.of('status').at(-1)?.payload === 'offline', 5000);
  } finally {
    await peer.close();
  }
});
