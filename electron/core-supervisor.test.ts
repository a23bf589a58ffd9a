// Drives CoreSupervisor with real processes: a fake core forked through child_process, which
// speaks the same messages core posts to Electron's parentPort ('ready', 'fatal').
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreSupervisor, type CoreChild, type CoreReady, type SupervisorOptions } from './core-supervisor.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'outpost-supervisor-'));
const fakeCore = path.join(dir, 'fake-core.mjs');
writeFileSync(
  fakeCore,
  `import fs from 'node:fs';
const args = process.argv.slice(2);
const plan = process.env.FAKE_PLAN.split(',');
const counter = process.env.FAKE_COUNTER;
const n = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0;
fs.writeFileSync(counter, String(n + 1));
const mode = plan[Math.min(n, plan.length - 1)];
const i = args.indexOf('--http-port');
const httpPort = i < 0 ? 8080 : Number(args[i + 1]) || 40000 + n;
const ready = () => process.send({ type: 'ready', url: 'http://127.0.0.1:' + httpPort, httpPort, mqttPort: 1883 });
const stayAlive = () => setInterval(() => {}, 1000);
console.error('fake core attempt ' + n + ': ' + mode);
process.on('message', (m) => { if (m && m.type === 'shutdown') { console.log('shutdown requested'); process.exit(0); } });
process.on('SIGTERM', () => { if (mode !== 'wedged') process.exit(0); });
if (mode === 'ok') { ready(); stayAlive(); }
else if (mode === 'crash-after-ready') { ready(); setTimeout(() => process.exit(3), 30); }
else if (mode === 'fatal') { process.send({ type: 'fatal', message: 'MQTT port 1883 is already in use' }); stayAlive(); }
else if (mode === 'no-broker') { process.send({ type: 'ready', url: 'http://127.0.0.1:' + httpPort, httpPort, mqttPort: null }); stayAlive(); }
else if (mode === 'exit-early') { process.exit(2); }
else if (mode === 'silent' || mode === 'wedged') { stayAlive(); }
`,
);

const spawned: ChildProcess[] = [];
after(() => {
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

class ForkedCore implements CoreChild {
  readonly proc: ChildProcess;
  constructor(proc: ChildProcess) {
    this.proc = proc;
  }
  get stdout() {
    return this.proc.stdout;
  }
  get stderr() {
    return this.proc.stderr;
  }
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  on(event: 'message' | 'exit', listener: ((message: unknown) => void) | ((code: number) => void)): this {
    if (event === 'message') this.proc.on('message', listener as (message: unknown) => void);
    else
      this.proc.on('exit', (code, signal) =>
        (listener as (code: number) => void)(code ?? 128 + (signal ? os.constants.signals[signal] : 0)),
      );
    return this;
  }
  postMessage(message: unknown): void {
    if (this.proc.connected) this.proc.send(message as object);
  }
  kill(): boolean {
    return this.proc.kill();
  }
}

type Event =
  | { type: 'ready'; core: CoreReady }
  | { type: 'down'; reason: string; restartInMs: number }
  | { type: 'give-up'; reason: string; output: string[] };

let runs = 0;
function supervise(plan: string, overrides: Partial<SupervisorOptions> = {}) {
  const counter = path.join(dir, `counter-${++runs}`);
  const events: Event[] = [];
  const argsSeen: string[][] = [];
  const waiters: Array<() => void> = [];
  const push = (event: Event) => {
    events.push(event);
    waiters.splice(0).forEach((wake) => wake());
  };
  const supervisor = new CoreSupervisor({
    spawn(args) {
      argsSeen.push(args);
      const proc = fork(fakeCore, args, {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        execArgv: [], // not the test runner's --import tsx: a plain, fast Node start
        env: { ...process.env, FAKE_PLAN: plan, FAKE_COUNTER: counter },
      });
      spawned.push(proc);
      return new ForkedCore(proc);
    },
    args: (httpPort) => (httpPort === undefined ? [] : ['--http-port', String(httpPort)]),
    httpPort: 0,
    httpPortPinned: false,
    onReady: (core) => push({ type: 'ready', core }),
    onDown: (reason, restartInMs) => push({ type: 'down', reason, restartInMs }),
    onGiveUp: (reason, output) => push({ type: 'give-up', reason, output }),
    policy: { maxFailures: 3, baseDelayMs: 10, maxDelayMs: 40, healthyAfterMs: 60_000 },
    readyTimeoutMs: 3_000,
    stopGraceMs: 1_000,
    ...overrides,
  });
  /** Resolves once `count` events of `type` have been seen. */
  async function until(type: Event['type'], count = 1): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (events.filter((e) => e.type === type).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${type}; events: ${JSON.stringify(events)}`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  }
  return { supervisor, events, argsSeen, until };
}

test('a core running without its broker is ready too: the UI tells the user why', async () => {
  const run = supervise('no-broker');
  run.supervisor.start();
  await run.until('ready');
  assert.deepEqual(run.events, [
    { type: 'ready', core: { url: 'http://127.0.0.1:40000', httpPort: 40000, mqttPort: null } },
  ]);
  await run.supervisor.stop();
});

test('reports ready with the URL core posted, and stops without restarting', async () => {
  const run = supervise('ok');
  run.supervisor.start();
  await run.until('ready');
  assert.deepEqual(run.events, [
    { type: 'ready', core: { url: 'http://127.0.0.1:40000', httpPort: 40000, mqttPort: 1883 } },
  ]);
  await run.supervisor.stop();
  assert.equal(spawned.at(-1)?.exitCode, 0);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(run.argsSeen.length, 1, 'not restarted after stop');
});

test('restarts a crashed core on the same HTTP port so the window keeps its origin', async () => {
  const run = supervise('crash-after-ready,ok');
  run.supervisor.start();
  await run.until('ready', 2);
  await run.supervisor.stop();
  assert.deepEqual(
    run.events.map((e) => e.type),
    ['ready', 'down', 'ready'],
  );
  const down = run.events[1];
  assert.equal(down?.type === 'down' && down.reason, 'stopped unexpectedly (exit code 3)');
  assert.deepEqual(run.argsSeen, [
    ['--http-port', '0'],
    ['--http-port', '40000'],
  ]);
});

test('backs off and gives up after the limit, with core output for the dialog', async () => {
  const run = supervise('exit-early');
  run.supervisor.start();
  await run.until('give-up');
  assert.deepEqual(
    run.events.map((e) => (e.type === 'down' ? `down ${e.restartInMs}` : e.type)),
    ['down 10', 'down 20', 'give-up'],
  );
  const giveUp = run.events.at(-1);
  assert.ok(giveUp?.type === 'give-up');
  assert.equal(giveUp.reason, 'exited with code 2 while starting');
  assert.ok(giveUp.output.includes('fake core attempt 2: exit-early'), giveUp.output.join('\n'));

  // "Try again" starts over with a fresh count.
  run.supervisor.start();
  await run.until('give-up', 2);
  assert.equal(run.argsSeen.length, 6);
});

test('a fatal message gives up at once with core’s own explanation', async () => {
  const run = supervise('fatal');
  run.supervisor.start();
  await run.until('give-up');
  assert.deepEqual(
    run.events.map((e) => e.type),
    ['give-up'],
  );
  assert.equal(run.events[0]?.type === 'give-up' && run.events[0].reason, 'MQTT port 1883 is already in use');
  assert.equal(run.argsSeen.length, 1);
});

test('when core’s configured port fails, the next start asks for any free port', async () => {
  const run = supervise('fatal,ok', { httpPort: undefined });
  run.supervisor.start();
  await run.until('ready');
  await run.supervisor.stop();
  assert.deepEqual(run.argsSeen, [[], ['--http-port', '0']]);
  assert.deepEqual(
    run.events.map((e) => e.type),
    ['down', 'ready'],
  );
});

test('a pinned port is never replaced', async () => {
  const run = supervise('exit-early,ok', { httpPort: 45679, httpPortPinned: true });
  run.supervisor.start();
  await run.until('ready');
  await run.supervisor.stop();
  assert.deepEqual(run.argsSeen, [
    ['--http-port', '45679'],
    ['--http-port', '45679'],
  ]);
});

test('a core that never gets ready is killed and restarted', async () => {
  const run = supervise('silent,ok', { readyTimeoutMs: 1_500 });
  run.supervisor.start();
  await run.until('ready');
  await run.supervisor.stop();
  const down = run.events[0];
  assert.equal(down?.type === 'down' && down.reason, 'did not report ready within 1.5 s');
});

test('a wedged core that ignores SIGTERM does not block restarts', async () => {
  const run = supervise('wedged,ok', { readyTimeoutMs: 1_500, stopGraceMs: 300 });
  run.supervisor.start();
  await run.until('ready');
  await run.supervisor.stop();
  assert.deepEqual(
    run.events.map((e) => e.type),
    ['down', 'ready'],
  );
});

test('stop() during the backoff cancels the restart', async () => {
  const run = supervise('exit-early', { policy: { maxFailures: 5, baseDelayMs: 300, maxDelayMs: 300, healthyAfterMs: 1 } });
  run.supervisor.start();
  await run.until('down');
  await run.supervisor.stop();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(run.argsSeen.length, 1);
});
