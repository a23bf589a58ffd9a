// The snapd client against a REAL snapd (reads only). Uses the one answering on /run/snapd.socket;
// if none answers but Debian's snapd package is installed and we are root, starts it by hand as
// DESIGN.md says (SNAPD_STANDBY_WAIT=2h /usr/lib/snapd/snapd, no systemd needed) and stops it after.
// Otherwise every test is skipped, saying why.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { snapdResult } from '../../core/codecs/snapd-json.js';
import { DEFAULT_SNAPD_SOCKET, SnapdClient } from './client.js';
import { SnapdError } from './errors.js';

const SNAPD_BIN = '/usr/lib/snapd/snapd';
const isRoot = process.getuid?.() === 0;

let client: SnapdClient | undefined;
let skipReason = '';
let started: ChildProcess | undefined;
let startedOutput = '';
let source = '';

async function answers(c: SnapdClient): Promise<string | undefined> {
  try {
    await c.systemInfo();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('snapd client against a real snapd', () => {
  before(async () => {
    const probe = new SnapdClient({ retry: { giveUpAfterMs: 0 }, requestTimeoutMs: 5_000 });
    const whyNot = await answers(probe);
    if (whyNot === undefined) {
      client = probe;
      source = `the snapd already answering on ${DEFAULT_SNAPD_SOCKET}`;
      return;
    }
    if (!existsSync(SNAPD_BIN) || !isRoot) {
      skipReason =
        `no snapd answers on ${DEFAULT_SNAPD_SOCKET} (${whyNot}) and ` +
        (existsSync(SNAPD_BIN) ? 'we are not root, so cannot start one' : `${SNAPD_BIN} is not installed (Debian: apt-get install snapd)`);
      return;
    }
    // installed and root: start it by hand; it must answer (DESIGN.md: it does on Debian without systemd)
    const child = spawn(SNAPD_BIN, [], { env: { ...process.env, SNAPD_STANDBY_WAIT: '2h' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started = child;
    const keep = (b: Buffer): void => {
      startedOutput = (startedOutput + b.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`${SNAPD_BIN} exited (${code ?? signal}) before answering:\n${startedOutput}`))),
    );
    // the client's own retries wait for the socket to appear (ENOENT / ECONNREFUSED while it starts)
    const waiting = new SnapdClient({ retry: { initialDelayMs: 100, maxDelayMs: 500, giveUpAfterMs: 60_000 } });
    await Promise.race([waiting.systemInfo(), exited]);
    client = waiting;
    source = `${SNAPD_BIN} started by hand (pid ${child.pid})`;
  });

  after(async () => {
    const child = started;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  });

  test('GET /v2/system-info', async (t) => {
    if (!client) return t.skip(skipReason);
    const info = await client.systemInfo();
    t.diagnostic(`real snapd ${info.version}: ${source}`);
    assert.equal(info.series, '16');
    assert.match(info.version ?? '', /^\d+\.\d+/);
    assert.ok(info.architecture, 'architecture');
    assert.equal(typeof info.onClassic, 'boolean');
    const raw = JSON.parse(await client.rawGet('/v2/system-info')) as Record<string, unknown>;
    assert.equal(raw.type, 'sync');
    assert.equal(raw['status-code'], 200);
  });

  test('GET /v2/snaps and /v2/apps?select=service', async (t) => {
    if (!client) return t.skip(skipReason);
    const snaps = await client.snaps();
    assert.ok(Array.isArray(snaps));
    for (const s of snaps) {
      assert.equal(typeof s.revision, 'string', s.name);
      assert.ok(s.name && s.version !== undefined, s.name);
    }
    const services = await client.services();
    for (const s of services) assert.equal(typeof s.active, 'boolean');
  });

  test('GET /v2/users (root only)', async (t) => {
    if (!client) return t.skip(skipReason);
    if (!isRoot) {
      await assert.rejects(client.users(), (e: unknown) => e instanceof SnapdError && e.kind === 'login-required' && e.statusCode === 403);
      return;
    }
    const users = await client.users();
    assert.ok(users.every((u) => u.source === 'snapd' && u.name.length > 0));
  });

  test("snapd's own errors come through verbatim", async (t) => {
    if (!client) return t.skip(skipReason);
    await assert.rejects(client.change('987654'), (e: unknown) => {
      assert.ok(e instanceof SnapdError);
      assert.equal(e.kind, undefined);
      assert.equal(e.statusCode, 404);
      assert.equal(e.message, 'cannot find change with id "987654"');
      return true;
    });
    const missing = snapdResult(await client.rawGet('/v2/snaps/outpost-surely-not-installed'));
    assert.ok(!missing.ok);
    assert.deepEqual(missing.error, { kind: 'snap-not-found', message: 'snap not installed', value: 'outpost-surely-not-installed', statusCode: 404 });
  });
});
