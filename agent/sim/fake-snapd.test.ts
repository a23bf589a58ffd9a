// The fake snapd must look like the real one: its answers are compared, field by field (names and
// JSON types, recursively), with ../shared/snapd-fixtures. Then its state and controls.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { snapdFixture } from '../testing/shared-fixtures.js';
import { FakeSnapd } from './fake-snapd.js';

/** The shape of a JSON value: field names and JSON types, recursively (arrays by their first item). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return v === null ? 'null' : typeof v;
}

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

function call(socketPath: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

type Json = Record<string, unknown>;
const spec = (name: string): Json => snapdFixture('spec', name) as Json;
const real = (name: string): Json => snapdFixture('real-snapd-2.57.6-debian12', name) as Json;
const byName = (list: unknown, name: string): Json => (list as Json[]).find((s) => s.name === name)!;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('fake snapd answers are shaped like the real ones', () => {
  let snapd: FakeSnapd;
  // a test clock: the changes' progress is exactly where the test puts it, however loaded the machine
  let now = Date.parse('2026-11-22T08:00:01.12Z');
  before(async () => {
    snapd = await FakeSnapd.start({ stepMs: 20, now: () => now });
  });
  after(() => snapd.close());

  test('/v2/snaps: envelope, a store snap, a base, a sideloaded snap', async () => {
    const { status, json } = await call(snapd.socketPath, 'GET', '/v2/snaps');
    const fixture = spec('snaps.json');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(json).sort(), Object.keys(fixture).sort());
    for (const name of ['hello-world', 'core22', 'mosquitto']) {
      assert.deepEqual(shape(byName(json.result, name)), shape(byName(fixture.result, name)), name);
    }
    const mine = byName(json.result, 'mosquitto');
    assert.equal(mine.id, '');
    assert.equal(mine.channel, '');
    assert.equal(mine.revision, 'x1');
  });

  test('/v2/apps?select=service, /v2/apps, /v2/users, /v2/system-info', async () => {
    const services = (await call(snapd.socketPath, 'GET', '/v2/apps?select=service')).json;
    assert.deepEqual(shape(services), shape(spec('apps-select-service.json')));
    assert.ok((services.result as Json[]).every((a) => a.daemon === 'simple'));
    const apps = (await call(snapd.socketPath, 'GET', '/v2/apps')).json;
    assert.ok((apps.result as Json[]).some((a) => a.daemon === undefined), 'plain /v2/apps lists commands too');
    assert.deepEqual(shape((await call(snapd.socketPath, 'GET', '/v2/users')).json), shape(spec('users-root.json')));
    assert.deepEqual(shape((await call(snapd.socketPath, 'GET', '/v2/system-info')).json), shape(spec('system-info.json')));
  });

  test('a write: async envelope, then a change shaped like spec change-install-doing / -done', async () => {
    const post = await call(snapd.socketPath, 'POST', '/v2/snaps/hello', { action: 'install', channel: 'stable' });
    assert.equal(post.status, 202);
    assert.deepEqual(shape(post.json), shape(spec('post-snap-install-async.json')));
    now += 30; // into the download task (3 steps)
    const doing = (await call(snapd.socketPath, 'GET', `/v2/changes/${post.json.change as string}`)).json;
    const fixtureDoing = spec('change-install-doing.json');
    const result = doing.result as Json;
    const fixtureResult = fixtureDoing.result as Json;
    assert.equal(result.status, 'Doing');
    assert.deepEqual(Object.keys(result).sort(), Object.keys(fixtureResult).sort());
    const tasks = result.tasks as Json[];
    const fixtureTasks = fixtureResult.tasks as Json[];
    assert.equal(tasks.length, fixtureTasks.length);
    assert.deepEqual(tasks.map((t) => t.kind), fixtureTasks.map((t) => t.kind));
    for (const status of ['Done', 'Doing', 'Do']) {
      assert.deepEqual(shape(tasks.find((t) => t.status === status)), shape(fixtureTasks.find((t) => t.status === status)), status);
    }
    const download = tasks.find((t) => t.kind === 'download-snap')!;
    assert.equal(download.status, 'Doing');
    const p = download.progress as { done: number; total: number; label: string };
    assert.ok(p.done > 0 && p.done < p.total, `download progress ${p.done}/${p.total}`);
    assert.equal(p.label, 'hello');

    now += 16 * 20;
    const done = (await call(snapd.socketPath, 'GET', `/v2/changes/${post.json.change as string}`)).json;
    assert.deepEqual(shape(done), shape(spec('change-install-done.json')));
    assert.equal((done.result as Json).status, 'Done');
  });

  test('a failed change is shaped like spec change-remove-error (err, log, Hold)', async () => {
    snapd.failNextChange('cannot stop service: timeout', { atTask: 0 });
    const post = await call(snapd.socketPath, 'POST', '/v2/snaps/mosquitto', { action: 'remove' });
    now += 20;
    const { json } = await call(snapd.socketPath, 'GET', `/v2/changes/${post.json.change as string}`);
    const fixture = spec('change-remove-error.json');
    assert.deepEqual(shape(json), shape(fixture));
    assert.deepEqual(json.result, {
      ...(json.result as Json),
      err: 'cannot perform the following tasks:\n- Stop snap "mosquitto" services (cannot stop service: timeout)',
      status: 'Error',
      ready: true,
    });
    const tasks = (json.result as Json).tasks as Json[];
    assert.deepEqual(tasks.map((t) => t.status), ['Error', 'Hold', 'Hold', 'Hold', 'Hold', 'Hold', 'Hold', 'Hold']);
    assert.deepEqual(tasks.map((t) => t.kind), ((fixture.result as Json).tasks as Json[]).map((t) => t.kind));
    assert.ok(snapd.installedSnap('mosquitto'), 'a failed remove leaves the snap installed');
  });

  test('errors: the same envelope, kinds, messages and values as snapd', async () => {
    const cases: Array<[string, string, unknown, Json]> = [
      ['POST', '/v2/snaps/no-such-snap', { action: 'install' }, spec('error-snap-not-found-store-404.json')],
      ['POST', '/v2/snaps/code', { action: 'install' }, { ...spec('error-snap-needs-classic.json') }],
      ['POST', '/v2/snaps/hello-world', { action: 'install' }, spec('error-snap-already-installed-HEAD.json')],
      ['POST', '/v2/snaps/nothere', { action: 'remove' }, real('error-remove-snap-not-installed.json')],
      ['POST', '/v2/snaps/nothere', { action: 'enable' }, real('error-enable-snap-not-installed.json')],
      ['POST', '/v2/snaps/nothere', { action: 'frobnicate' }, real('error-unknown-action.json')],
      ['POST', '/v2/snaps/core22', { action: 'revert' }, real('error-revert-no-revision.json')],
      ['POST', '/v2/snaps/core22', { action: 'refresh' }, spec('error-snap-no-update-available.json')],
      ['POST', '/v2/snaps/core24', { action: 'install', channel: 'latest/edge' }, spec('error-snap-channel-not-available-404.json')],
      ['GET', '/v2/snaps/nothere', undefined, real('error-get-snap-not-found.json')],
      ['GET', '/v2/changes/999', undefined, real('error-change-not-found.json')],
      ['GET', '/v2/nonexistent', undefined, real('error-unknown-path.json')],
      ['DELETE', '/v2/snaps', undefined, spec('error-method-not-allowed-405.json')],
    ];
    for (const [method, path, body, fixture] of cases) {
      const { status, json } = await call(snapd.socketPath, method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body)}`;
      assert.equal(status, fixture['status-code'], label);
      assert.deepEqual(shape(json), shape(fixture), label);
      const r = json.result as Json;
      const f = fixture.result as Json;
      assert.equal(r.kind, f.kind, label);
      // the fixtures name other snaps (hello, code...); compare the words with the name swapped in
      const name = path.split('/').at(-1)!;
      const words = (s: unknown): string => String(s).replace(/"[a-z0-9-]+"/g, '"N"');
      assert.equal(words(r.message), words(f.message), label);
      if (typeof f.value === 'string') assert.equal(r.value, name, label);
    }
    // the channel error names the releases that do exist
    const { json } = await call(snapd.socketPath, 'POST', '/v2/snaps/core24', { action: 'install', channel: 'latest/edge' });
    assert.deepEqual(((json.result as Json).value as Json).releases, [{ architecture: 'amd64', channel: 'latest/stable' }]);
  });

  test('a body that is not JSON gets snapd\'s decode error', async () => {
    const { status, json } = await call(snapd.socketPath, 'POST', '/v2/snaps/hello', '{"action":');
    const fixture = real('error-bad-json.json');
    assert.equal(status, 400);
    assert.deepEqual(shape(json), shape(fixture));
    assert.match(String((json.result as Json).message), /^cannot decode request body into snap instruction: /);
  });

  test('refresh all with nothing to refresh: an async change done at once without tasks', async () => {
    const fresh = await FakeSnapd.start({ stepMs: 5, installed: [] });
    try {
      const post = await call(fresh.socketPath, 'POST', '/v2/snaps', { action: 'refresh' });
      assert.deepEqual(shape(post.json), shape(real('post-snaps-refresh-all-async.json')));
      const { json } = await call(fresh.socketPath, 'GET', `/v2/changes/${post.json.change as string}`);
      const fixture = real('change-refresh-all-done-no-tasks.json');
      assert.deepEqual(shape(json), shape(fixture));
      assert.equal((json.result as Json).summary, 'Refresh all snaps: no updates');
    } finally {
      await fresh.close();
    }
  });

  test('non-root: /v2/users 403 and writes 401, as snapd answers uid 65534', async () => {
    const fresh = await FakeSnapd.start({ root: false });
    try {
      const users = await call(fresh.socketPath, 'GET', '/v2/users');
      assert.deepEqual(users.json, real('error-users-nonroot-403.json'));
      const post = await call(fresh.socketPath, 'POST', '/v2/snaps/hello', { action: 'remove' });
      assert.deepEqual(post.json, real('error-post-nonroot-401.json'));
    } finally {
      await fresh.close();
    }
  });

  test('a conflict (another change on the snap) is spec error-snap-change-conflict-409', async () => {
    const fresh = await FakeSnapd.start({ stepMs: 50 });
    try {
      await call(fresh.socketPath, 'POST', '/v2/snaps/hello-world', { action: 'refresh' });
      const second = await call(fresh.socketPath, 'POST', '/v2/snaps/hello-world', { action: 'remove' });
      const fixture = spec('error-snap-change-conflict-409.json');
      assert.equal(second.status, 409);
      assert.deepEqual(shape(second.json), shape(fixture));
      assert.deepEqual(second.json.result, {
        message: 'snap "hello-world" has "refresh-snap" change in progress',
        kind: 'snap-change-conflict',
        value: { 'snap-name': 'hello-world', 'change-kind': 'refresh-snap' },
      });
    } finally {
      await fresh.close();
    }
  });

  test('maintenance is added to the envelope like spec sync-with-maintenance-and-warnings', async () => {
    snapd.setMaintenance({ kind: 'daemon-restart', message: 'daemon is restarting' });
    try {
      const { json } = await call(snapd.socketPath, 'GET', '/v2/warnings');
      assert.deepEqual(json.maintenance, spec('sync-with-maintenance-and-warnings.json').maintenance);
    } finally {
      snapd.setMaintenance(undefined);
    }
  });
});

describe('fake snapd state and controls', () => {
  test('installed snaps change when the changes finish, not before', async () => {
    let now = 1_000_000;
    const snapd = await FakeSnapd.start({ stepMs: 100, now: () => now });
    try {
      const s = snapd.socketPath;
      await call(s, 'POST', '/v2/snaps/hello-world', { action: 'refresh' });
      assert.equal(snapd.installedSnap('hello-world')!.current.revision, '28');
      now += 100 * 21; // 19 tasks, the download takes 3 steps
      assert.equal(snapd.installedSnap('hello-world')!.current.revision, '29');
      assert.deepEqual(snapd.installedSnap('hello-world')!.previous.map((r) => r.revision), ['28']);

      await call(s, 'POST', '/v2/snaps/hello-world', { action: 'revert' });
      now += 100 * 12;
      assert.equal(snapd.installedSnap('hello-world')!.current.revision, '28');

      await call(s, 'POST', '/v2/snaps/hello-world', { action: 'switch', channel: 'candidate' });
      now += 100;
      assert.equal(snapd.installedSnap('hello-world')!.trackingChannel, 'latest/candidate');
      await call(s, 'POST', '/v2/snaps/hello-world', { action: 'refresh' });
      now += 100 * 21;
      assert.equal(snapd.installedSnap('hello-world')!.current.revision, '30');

      await call(s, 'POST', '/v2/snaps/mosquitto', { action: 'disable' });
      now += 100 * 4;
      const disabled = byName((await call(s, 'GET', '/v2/snaps')).json.result, 'mosquitto');
      assert.equal(disabled.status, 'installed');
      const services = (await call(s, 'GET', '/v2/apps?select=service')).json.result as Json[];
      assert.deepEqual(services.find((a) => a.snap === 'mosquitto'), { snap: 'mosquitto', name: 'mosquitto', daemon: 'simple', 'daemon-scope': 'system' });
      await call(s, 'POST', '/v2/snaps/mosquitto', { action: 'enable' });
      now += 100 * 5;
      assert.equal(snapd.installedSnap('mosquitto')!.enabled, true);

      await call(s, 'POST', '/v2/snaps/code', { action: 'install', classic: true });
      now += 100 * 16;
      assert.equal(byName((await call(s, 'GET', '/v2/snaps')).json.result, 'code').confinement, 'classic');
      await call(s, 'POST', '/v2/snaps/code', { action: 'remove', purge: true });
      now += 100 * 8;
      assert.equal(snapd.installedSnap('code'), undefined);
    } finally {
      await snapd.close();
    }
  });

  test('failingNames and failingChanges: names that always fail', async () => {
    const snapd = await FakeSnapd.start({
      stepMs: 1,
      failingNames: { 'hello-world': { statusCode: 507, message: 'insufficient space', kind: 'insufficient-disk-space' } },
      failingChanges: { hello: 'simulated failure' },
    });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await call(snapd.socketPath, 'POST', '/v2/snaps/hello-world', { action: 'refresh' });
        assert.equal(r.status, 507);
        assert.equal((r.json.result as Json).kind, 'insufficient-disk-space');
        assert.equal(r.json.status, 'Insufficient Storage');
      }
      const post = await call(snapd.socketPath, 'POST', '/v2/snaps/hello', { action: 'install' });
      await sleep(40);
      const change = (await call(snapd.socketPath, 'GET', `/v2/changes/${post.json.change as string}`)).json.result as Json;
      assert.equal(change.status, 'Error');
      assert.match(String(change.err), /\(simulated failure\)$/);
      assert.equal(snapd.installedSnap('hello'), undefined);
    } finally {
      await snapd.close();
    }
  });

  test('restart: maintenance, then the socket file is gone, then back; close removes the socket', async () => {
    const snapd = await FakeSnapd.start();
    const path = snapd.socketPath;
    assert.ok(existsSync(path));
    const restarting = snapd.restart({ maintenanceMs: 60, downMs: 400 });
    const during = await call(path, 'GET', '/v2/system-info');
    assert.equal((during.json.maintenance as Json).kind, 'daemon-restart');
    const write = await call(path, 'POST', '/v2/snaps/hello', { action: 'install' });
    assert.equal(write.json.type, 'error', 'writes are refused during maintenance');
    await sleep(150);
    assert.equal(existsSync(path), false);
    await assert.rejects(call(path, 'GET', '/v2/system-info'), { code: 'ENOENT' });
    await restarting;
    assert.equal((await call(path, 'GET', '/v2/system-info')).status, 200);
    await snapd.close();
    assert.equal(existsSync(path), false);
  });

  test('reboot through POST /v2/systems is counted', async () => {
    const snapd = await FakeSnapd.start();
    try {
      const r = await call(snapd.socketPath, 'POST', '/v2/systems', { action: 'reboot' });
      assert.equal(r.json.type, 'sync');
      assert.equal(snapd.rebootRequests, 1);
    } finally {
      await snapd.close();
    }
  });
});

describe('fake snapd on its own (fake-snapd-cli.ts)', () => {
  test('serves on the given socket and removes it on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-snapd-cli-'));
    const socketPath = join(dir, 'snapd.socket');
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fake-snapd-cli.ts', import.meta.url).pathname, '--socket', socketPath, '--step-ms', '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => (b.toString().includes('listening') ? resolve() : undefined));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const { json } = await call(socketPath, 'GET', '/v2/system-info');
      assert.equal((json.result as Json).series, '16');
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      assert.equal(existsSync(socketPath), false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
