// Playwright fixtures: a fresh headless core per test file, plus MQTT helpers that drive
// Debian's mosquitto clients (a foreign peer, not our own code).
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

export interface Core {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  mqttHost: string;
  mqttPort: number;
  /** LwM2M's UDP port (its own per core: parallel cores would fight over 5683) */
  coapPort: number;
  dataDir: string;
  /** everything the process printed so far (over restarts too) */
  log(): string;
  /** Stops core cleanly (SIGTERM) and keeps its data; `resume()` starts it again. */
  halt(): Promise<void>;
  /** Starts core again on the same data dir and the same HTTP and MQTT ports, so open pages and devices find it. */
  resume(): Promise<void>;
}

interface RunningCore extends Core {
  file: string;
  stop(): Promise<void>;
}

/**
 * The core entry: the built one (`npm run build`), else the TypeScript source through tsx.
 * OUTPOST_E2E_CORE=path/to/entry.ts runs another entry (through tsx) with the same flags.
 */
function coreCommand(): string[] {
  const custom = process.env['OUTPOST_E2E_CORE'];
  if (custom) return ['--import', 'tsx', resolve(custom)];
  const built = join(repo, 'dist/core/cli.js');
  if (existsSync(built) && !process.env['OUTPOST_E2E_FROM_SOURCE']) return [built];
  return ['--import', 'tsx', join(repo, 'core/cli.ts')];
}

interface CoreProcess {
  info: { url: string; mqttHost: string; mqttPort: number; coapPort: number };
  /** SIGTERM (a clean stop), SIGKILL after 5 s */
  stop(): Promise<void>;
}

/** One core process on `dataDir`; port 0 picks free ports. Output goes to `print`. */
async function spawnCore(dataDir: string, httpPort: number, mqttPort: number, coapPort: number, print: (d: string) => void, output: () => string): Promise<CoreProcess> {
  const child = spawn(process.execPath, [...coreCommand(), '--data-dir', dataDir, '--http-port', String(httpPort), '--mqtt-port', String(mqttPort), '--coap-port', String(coapPort)], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const from = output().length; // a restart's lines, not the previous run's
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', print);
  child.stderr!.on('data', print);

  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const ready = new Promise<CoreProcess['info']>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`core did not start within 20 s. Output:\n${output()}`)), 20_000);
    const check = () => {
      const mine = output().slice(from);
      const http = /Outpost is running at (https?:\/\/[^\s/]+)/.exec(mine);
      const mqtt = /MQTT broker on (\S+):(\d+)/.exec(mine);
      const coap = /LwM2M \(CoAP\/UDP\) on (\S+):(\d+)/.exec(mine);
      if (http?.[1] && mqtt?.[1] && mqtt[2] && coap?.[2]) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        res({ url: http[1], mqttHost: mqtt[1], mqttPort: Number(mqtt[2]), coapPort: Number(coap[2]) });
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => { clearTimeout(timer); rej(new Error(`core exited (code ${code}) before it was ready. Output:\n${output()}`)); });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    return { info: await ready, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export async function startCore(file: string): Promise<RunningCore> {
  if (!existsSync(join(repo, 'dist/ui/index.html'))) {
    throw new Error('dist/ui is missing: run `npm run build` (or `npm run build:ui`) before the e2e tests');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-e2e-'));
  let output = '';
  const print = (d: string) => { output += d; };
  const log = () => output;
  let current: CoreProcess | null = null;
  const stop = async () => {
    await current?.stop();
    current = null;
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    current = await spawnCore(dataDir, 0, 0, 0, print, log);
    const info = current.info;
    const mqttHost = info.mqttHost === '0.0.0.0' || info.mqttHost === '::' ? '127.0.0.1' : info.mqttHost;
    const httpPort = Number(new URL(info.url).port);
    return {
      ...info, mqttHost, dataDir, file, log, stop,
      async halt() {
        await current?.stop();
        current = null;
      },
      async resume() {
        if (current) throw new Error('core is running: halt() it first');
        current = await spawnCore(dataDir, httpPort, info.mqttPort, info.coapPort, print, log);
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---- MQTT through Debian's mosquitto clients

export interface DeviceCredentials {
  username: string;
  token: string;
  host: string;
  port: number;
  topic: string;
}

function mqttHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
}

/** Publishes one message and disconnects cleanly (mosquitto_pub); `retain` keeps it on the broker. */
export function mosquittoPub(c: DeviceCredentials, message: string, topic = c.topic, options: { retain?: boolean } = {}): Promise<void> {
  return new Promise((res, rej) => {
    execFile('mosquitto_pub', ['-h', mqttHost(c.host), '-p', String(c.port), '-i', `${c.username}:pub`, '-u', c.username, '-P', c.token,
      '-t', topic, '-q', '1', '-m', message, ...(options.retain ? ['-r'] : [])], { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) rej(new Error(`mosquitto_pub failed: ${err.message}\n${stdout}${stderr}`));
      else res();
    });
  });
}

export interface LongConnection {
  /** ends the TCP connection without a DISCONNECT packet (like a device losing power) */
  kill(): Promise<void>;
  output(): string;
}

/**
 * A long-lived MQTT connection as the device: mosquitto_sub on the device's own topic root with
 * keepalive `keepalive` seconds. Resolves once the subscription is acknowledged (the SUBACK line
 * of -d; stdbuf makes mosquitto_sub flush it, piped stdout is block-buffered otherwise).
 * `will`: a last will the broker publishes when the connection is lost.
 */
export function mosquittoSubLong(c: DeviceCredentials, filter: string, keepalive = 5,
  will?: { topic: string; payload: string; retain?: boolean }): Promise<LongConnection> {
  const willArgs = will ? ['--will-topic', will.topic, '--will-payload', will.payload, '--will-qos', '1', ...(will.retain ? ['--will-retain'] : [])] : [];
  const args = ['-h', mqttHost(c.host), '-p', String(c.port), '-i', c.username, '-u', c.username, '-P', c.token,
    '-t', filter, '-k', String(keepalive), '-d', '-v', ...willArgs];
  const stdbuf = existsSync('/usr/bin/stdbuf');
  return new Promise((res, rej) => {
    const child: ChildProcess = stdbuf
      ? spawn('/usr/bin/stdbuf', ['-oL', '-eL', 'mosquitto_sub', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const conn: LongConnection = {
      output: () => out,
      kill: async () => {
        if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited; }
      },
    };
    const done = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) { void conn.kill(); rej(err); } else res(conn);
    };
    // without stdbuf there is no SUBACK line to wait for: give it a moment and let the caller check
    const timer = setTimeout(() => done(stdbuf ? new Error(`mosquitto_sub did not subscribe within 10 s:\n${out}`) : undefined),
      stdbuf ? 10_000 : 1_000);
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      if (/received SUBACK/.test(out)) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (e) => done(new Error(`cannot run mosquitto_sub: ${e.message}`)));
    child.once('exit', (code, signal) => done(new Error(`mosquitto_sub exited (${signal ?? `code ${code}`}):\n${out}`)));
  });
}

// ---- UI helpers

export async function setupOwner(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('setup-form')).toBeVisible();
  await page.getByTestId('setup-username').fill(username);
  await page.getByTestId('setup-password').fill(password);
  await page.getByTestId('setup-confirm').fill(password);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('current-user')).toHaveText(username);
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByTestId('login-form')).toBeVisible();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toHaveText(username);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
}

// ---- the fixtures

interface WorkerFixtures {
  coreRegistry: Map<string, RunningCore>;
}
interface TestFixtures {
  core: Core;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Test files run one after another inside a worker: keep one core per file, stop the
  // previous file's core when the next file starts, and everything when the worker ends.
  coreRegistry: [async ({}, use) => {
    const cores = new Map<string, RunningCore>();
    await use(cores);
    await Promise.all([...cores.values()].map((c) => c.stop()));
  }, { scope: 'worker' }],

  core: async ({ coreRegistry }, use, testInfo) => {
    for (const [file, c] of coreRegistry) {
      if (file !== testInfo.file) { coreRegistry.delete(file); await c.stop(); }
    }
    let c = coreRegistry.get(testInfo.file);
    if (!c) {
      c = await startCore(testInfo.file);
      coreRegistry.set(testInfo.file, c);
    }
    const startAt = c.log().length;
    await use(c);
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core-output', { body: c.log().slice(startAt) || '(nothing)', contentType: 'text/plain' });
    }
  },

  baseURL: async ({ core }, use) => {
    await use(core.url);
  },
});

export { expect };
