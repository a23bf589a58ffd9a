// The snapd client against the fake snapd on a real unix socket: reads, every write followed to its
// end with progress, snapd's errors verbatim, and the retries (restart, maintenance, 409) that must
// end in success, or in a clear error once the budget is spent.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeSnapdSnaps, type SnapdChangeProgress } from '../../core/codecs/snapd-json.js';
import { FakeSnapd } from '../sim/fake-snapd.js';
import { snapdFixture } from '../testing/shared-fixtures.js';
import { SnapdClient, type SnapdClientOptions } from './client.js';
import { SNAPD_CLIENT_KINDS, SnapdError } from './errors.js';

const FAST: SnapdClientOptions = { retry: { initialDelayMs: 5, maxDelayMs: 20, giveUpAfterMs: 5_000 }, pollIntervalMs: 5, requestTimeoutMs: 5_000 };
const client = (snapd: FakeSnapd, extra: SnapdClientOptions = {}): SnapdClient => new SnapdClient({ ...FAST, socketPath: snapd.socketPath, ...extra });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function followAll(c: SnapdClient, id: string): Promise<{ progress: SnapdChangeProgress[]; final: Awaited<ReturnType<SnapdClient['followChange']>> }> {
  const progress: SnapdChangeProgress[] = [];
  const final = await c.followChange(id, (p) => progress.push(p));
  return { progress, final };
}

/** Progress never goes back, ends at total, and names the tasks as snapd does. */
function assertProgressed(progress: SnapdChangeProgress[], total: number, mustMention: RegExp): void {
  assert.ok(progress.length >= 3, `only ${progress.length} progress reports`);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.done >= progress[i - 1]!.done, 'progress went back');
  assert.deepEqual(progress.map((p) => p.total), progress.map(() => total));
  assert.equal(progress.at(-1)!.done, total);
  assert.ok(progress.some((p) => mustMention.test(p.summary)), `no progress summary matched ${mustMention}: ${progress.map((p) => p.summary).join(' | ')}`);
}

async function rejectsWith(promise: Promise<unknown>, expected: { kind: string | undefined; message: string | RegExp; statusCode?: number; value?: unknown }): Promise<SnapdError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof SnapdError, `not a SnapdError: ${String(e)}`);
    assert.equal(e.kind, expected.kind);
    if (typeof expected.message === 'string') assert.equal(e.message, expected.message);
    else assert.match(e.message, expected.message);
    if ('statusCode' in expected) assert.equal(e.statusCode, expected.statusCode);
    if ('value' in expected) assert.deepEqual(e.value, expected.value);
    return e;
  }
  assert.fail('expected a SnapdError');
}

describe('snapd client: reads', () => {
  let snapd: FakeSnapd;
  before(async () => {
    snapd = await FakeSnapd.start();
  });
  after(() => snapd.close());

  test('snaps, services, users and system info in inventory shapes', async () => {
    const c = client(snapd);
    const snaps = await c.snaps();
    assert.deepEqual(snaps.map((s) => s.name), ['core22', 'hello-world', 'snapd', 'mosquitto', 'outpost-agent']);
    const hello = snaps.find((s) => s.name === 'hello-world')!;
    assert.equal(hello.revision, '28');
    assert.equal(hello.trackingChannel, 'latest/stable');
    assert.equal(hello.publisher, 'canonical');
    const mosquitto = snaps.find((s) => s.name === 'mosquitto')!;
    assert.equal(mosquitto.revision, 'x1');
    assert.equal(mosquitto.publisher, undefined);
    assert.equal(mosquitto.trackingChannel, undefined);
    assert.deepEqual(await c.services(), [
      { snap: 'mosquitto', name: 'mosquitto', active: true, enabled: true },
      { snap: 'outpost-agent', name: 'agent', active: true, enabled: true },
    ]);
    assert.deepEqual(await c.users(), [{ name: 'ops', email: 'ops@example.com', source: 'snapd' }]);
    const info = await c.systemInfo();
    assert.equal(info.version, '2.66.1+24.04');
    assert.equal(info.onClassic, true);
    assert.equal(info.kernelVersion, '6.8.0-51-generic');
  });

  test('rawGet hands back snapd\'s whole answer (what the seed agent forwards), errors included', async () => {
    const c = client(snapd);
    const text = await c.rawGet('/v2/snaps');
    const decoded = decodeSnapdSnaps(text);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.length, 5);
    const missing = JSON.parse(await c.rawGet('/v2/snaps/nothere')) as { type: string };
    assert.equal(missing.type, 'error');
  });

  test('a read error is snapd\'s kind and message, verbatim', async () => {
    await rejectsWith(client(snapd).change('999'), { kind: undefined, message: 'cannot find change with id "999"', statusCode: 404 });
    const nonRoot = await FakeSnapd.start({ root: false });
    try {
      await rejectsWith(client(nonRoot).users(), { kind: 'login-required', message: 'access denied', statusCode: 403 });
    } finally {
      await nonRoot.close();
    }
  });
});

describe('snapd client: writes followed to their end', () => {
  test('the request bodies are exactly snapd\'s (spec/requests.json)', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 0, installed: [] });
    try {
      const c = client(snapd);
      const requests = snapdFixture('spec', 'requests.json') as Record<string, unknown>;
      const steps: Array<[string, () => Promise<string>]> = [
        ['install', () => c.install('hello-world', { channel: 'stable' })],
        ['refresh', () => c.refresh('hello-world', { channel: 'latest/candidate' })],
        ['revert', () => c.revert('hello-world')],
        ['remove', () => c.remove('hello-world')],
        ['install-revision', () => c.install('hello-world', { revision: '29' })],
        ['refresh-all (POST /v2/snaps)', () => c.refresh()],
        ['remove-purge', () => c.remove('hello-world', { purge: true })],
        ['install-classic', () => c.install('code', { channel: 'latest/stable', classic: true })],
        ['disable', () => c.disable('code')],
        ['enable', () => c.enable('code')],
      ];
      for (const [name, run] of steps) {
        const id = await run();
        await c.followChange(id);
        const posted = snapd.requests.filter((r) => r.method === 'POST').at(-1)!;
        assert.deepEqual(posted.body, requests[name], name);
      }
      await c.followChange(await c.switch('code', 'latest/candidate'));
      assert.deepEqual(snapd.requests.filter((r) => r.method === 'POST').at(-1)!.body, { action: 'switch', channel: 'latest/candidate' });
      assert.deepEqual(snapd.requests.filter((r) => r.method === 'POST').map((r) => r.path).slice(0, 6), [
        '/v2/snaps/hello-world', '/v2/snaps/hello-world', '/v2/snaps/hello-world', '/v2/snaps/hello-world', '/v2/snaps/hello-world', '/v2/snaps',
      ]);
    } finally {
      await snapd.close();
    }
  });

  test('install, refresh, revert, switch, disable, enable, remove, refresh all: progress to done, state changed', async () => {
    // steps longer than the poll interval, so the 3-step download is always seen running
    const snapd = await FakeSnapd.start({ stepMs: 8 });
    try {
      const c = client(snapd);
      const rev = async (name: string): Promise<string | undefined> => (await c.snaps()).find((s) => s.name === name)?.revision;

      let r = await followAll(c, await c.install('hello', { channel: 'stable' }));
      assertProgressed(r.progress, 14, /^Download snap "hello" \(42\) from channel "latest\/stable"$/);
      assert.equal(r.final.status, 'Done');
      assert.equal(r.final.summary, 'Install "hello" snap');
      assert.equal(await rev('hello'), '42');

      r = await followAll(c, await c.refresh('hello-world'));
      assertProgressed(r.progress, 19, /^Download snap "hello-world" \(29\) from channel "latest\/stable"$/);
      assert.equal(await rev('hello-world'), '29');

      r = await followAll(c, await c.revert('hello-world'));
      // a task's own words (the change's summary is 'Revert "hello-world" snap')
      assertProgressed(r.progress, 12, /snap "hello-world"/);
      assert.equal(await rev('hello-world'), '28');

      r = await followAll(c, await c.switch('hello-world', 'candidate'));
      assert.equal(r.final.status, 'Done');
      assert.equal((await c.snaps()).find((s) => s.name === 'hello-world')!.trackingChannel, 'latest/candidate');

      r = await followAll(c, await c.disable('mosquitto'));
      assert.equal(r.progress.at(-1)!.done, 4);
      assert.deepEqual((await c.services()).find((s) => s.snap === 'mosquitto'), { snap: 'mosquitto', name: 'mosquitto', active: false, enabled: false });
      r = await followAll(c, await c.enable('mosquitto'));
      assert.equal(r.progress.at(-1)!.done, 5);
      assert.equal((await c.services()).find((s) => s.snap === 'mosquitto')!.active, true);

      r = await followAll(c, await c.remove('hello', { purge: true }));
      assertProgressed(r.progress, 8, /snap "hello"/);
      assert.equal(await rev('hello'), undefined);

      // refresh all: hello-world now tracks candidate (rev 30)
      r = await followAll(c, await c.refresh());
      assert.equal(r.final.summary, 'Refresh snap "hello-world"');
      assert.equal(await rev('hello-world'), '30');
      r = await followAll(c, await c.refresh());
      assert.deepEqual(r.final.progress, { done: 0, total: 0, summary: 'Refresh all snaps: no updates' });
    } finally {
      await snapd.close();
    }
  });

  test('a change that ends in Error throws snapd\'s err verbatim, with the final change', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 2 });
    try {
      const c = client(snapd);
      snapd.failNextChange('cannot stop service: timeout', { atTask: 0 });
      const id = await c.remove('mosquitto');
      const progress: SnapdChangeProgress[] = [];
      const err = await rejectsWith(c.followChange(id, (p) => progress.push(p)), {
        kind: SNAPD_CLIENT_KINDS.changeError,
        message: 'cannot perform the following tasks:\n- Stop snap "mosquitto" services (cannot stop service: timeout)',
      });
      assert.equal(err.message, (snapd.changeJson(id)!).err);
      assert.equal((err.change as { status: string }).status, 'Error');
      assert.equal(progress.at(-1)!.done, 8);
      assert.ok((await c.snaps()).some((s) => s.name === 'mosquitto'));
    } finally {
      await snapd.close();
    }
  });

  test('a refused write throws snapd\'s kind, message and value verbatim', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 1 });
    try {
      const c = client(snapd);
      await rejectsWith(c.install('no-such-snap'), { kind: 'snap-not-found', message: 'snap not found', statusCode: 404, value: 'no-such-snap' });
      await rejectsWith(c.install('code'), { kind: 'snap-needs-classic', message: 'snap "code" requires classic confinement', statusCode: 400, value: 'code' });
      await rejectsWith(c.revert('core22'), { kind: undefined, message: 'cannot revert "core22": no revision to revert to', statusCode: 400 });
      await rejectsWith(c.refresh('core22'), { kind: 'snap-no-update-available', message: 'snap "core22" has no updates available' });
      const insufficient = snapdFixture('spec', 'error-insufficient-disk-space-507.json') as { result: { kind: string; message: string; value: unknown } };
      snapd.failNext(insufficient.result.kind, insufficient.result.message, { statusCode: 507, value: insufficient.result.value });
      const e = await rejectsWith(c.install('hello'), { ...insufficient.result, statusCode: 507 });
      assert.equal(e.code, 'insufficient-disk-space');
      snapd.failNext(undefined, 'something without a kind');
      const plain = await rejectsWith(c.install('hello'), { kind: undefined, message: 'something without a kind' });
      assert.equal(plain.code, 'snapd-error');
    } finally {
      await snapd.close();
    }
  });
});

describe('snapd client: snapd restarting, maintenance and conflicts are retried', () => {
  test('socket gone during a change (snapd refreshing itself): followed to its end', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 10 });
    try {
      const c = client(snapd);
      const id = await c.install('hello');
      const restarted = sleep(30).then(() => snapd.restart({ maintenanceMs: 40, downMs: 120 }));
      const { final, progress } = await followAll(c, id);
      await restarted;
      assert.equal(final.status, 'Done');
      assert.equal(progress.at(-1)!.done, 14);
      const gets = snapd.requests.filter((r) => r.path === `/v2/changes/${id}`).length;
      assert.ok(gets >= 3, `${gets} polls`);
    } finally {
      await snapd.close();
    }
  });

  test('a read while the socket is gone waits for snapd to come back', async () => {
    const snapd = await FakeSnapd.start();
    try {
      await snapd.goDown();
      const c = client(snapd);
      const reading = c.systemInfo();
      await sleep(100);
      await snapd.comeBack();
      assert.equal((await reading).series, '16');
    } finally {
      await snapd.close();
    }
  });

  test('maintenance: reads and writes are retried until it clears; the write starts one change only', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 1 });
    try {
      const c = client(snapd);
      snapd.setMaintenance({ kind: 'daemon-restart', message: 'daemon is restarting' });
      const before = snapd.requests.length;
      const reading = c.snaps();
      const writing = c.install('hello');
      await sleep(80);
      snapd.setMaintenance(undefined);
      assert.equal((await reading).length, 5);
      const id = await writing;
      assert.equal((await c.followChange(id)).status, 'Done');
      const posts = snapd.requests.slice(before).filter((r) => r.method === 'POST');
      assert.ok(posts.length >= 2, `the write was tried ${posts.length} times`);
      assert.equal(id, '1', 'only one change was created');
    } finally {
      await snapd.close();
    }
  });

  test('a read during a maintenance that never ends is answered after the budget (its result is valid)', async () => {
    const snapd = await FakeSnapd.start();
    try {
      snapd.setMaintenance({ kind: 'system-restart', message: 'system is restarting' });
      const started = Date.now();
      const info = await client(snapd, { retry: { initialDelayMs: 5, maxDelayMs: 10, giveUpAfterMs: 60 } }).systemInfo();
      assert.equal(info.series, '16');
      assert.ok(Date.now() - started >= 60);
    } finally {
      await snapd.close();
    }
  });

  test('409 change conflicts on writes are retried, then succeed', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 3 });
    try {
      const c = client(snapd);
      snapd.conflictNext(3);
      const id = await c.install('hello');
      assert.equal((await c.followChange(id)).status, 'Done');
      assert.equal(snapd.requests.filter((r) => r.method === 'POST').length, 4);
      // a real conflict: the second write waits for the first change to finish
      const first = await c.refresh('hello-world');
      const second = await c.remove('hello-world');
      assert.notEqual(first, second);
      assert.equal(snapd.changeJson(first)!.status, 'Done', 'the conflicting change had finished before the second was accepted');
      await c.followChange(second);
      assert.equal((await c.snaps()).some((s) => s.name === 'hello-world'), false);
    } finally {
      await snapd.close();
    }
  });

  test('gives up after the budget with a clear error: socket missing, conflict that never ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-snapd-'));
    try {
      const budget = { initialDelayMs: 5, maxDelayMs: 10, giveUpAfterMs: 80 };
      const missing = new SnapdClient({ socketPath: join(dir, 'snapd.socket'), retry: budget });
      await rejectsWith(missing.snaps(), { kind: SNAPD_CLIENT_KINDS.unavailable, message: /^gave up on GET \/v2\/snaps after \d+ s \(\d+ attempts\) waiting for snapd's socket .*snapd\.socket \(ENOENT\)$/ });
      const snapd = await FakeSnapd.start();
      try {
        snapd.conflictNext(10_000);
        await rejectsWith(client(snapd, { retry: budget }).install('hello'), {
          kind: 'snap-change-conflict',
          message: /^snap "hello" has "auto-refresh" change in progress; gave up on POST \/v2\/snaps\/hello after/,
          statusCode: 409,
        });
      } finally {
        await snapd.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapd client: bounded requests', () => {
  test('a request snapd never answers times out', async () => {
    const snapd = await FakeSnapd.start();
    try {
      snapd.hangNext();
      const started = Date.now();
      await rejectsWith(client(snapd, { requestTimeoutMs: 100 }).snaps(), { kind: SNAPD_CLIENT_KINDS.timeout, message: 'snapd did not answer GET /v2/snaps within 100 ms' });
      assert.ok(Date.now() - started < 2_000);
      assert.equal((await client(snapd).snaps()).length, 5, 'the next request is answered');
    } finally {
      await snapd.close();
    }
  });

  test('an answer larger than the limit is cut off with a clear error', async () => {
    const snapd = await FakeSnapd.start();
    try {
      await rejectsWith(client(snapd, { maxResponseBytes: 1024 }).snaps(), { kind: SNAPD_CLIENT_KINDS.tooLarge, message: "snapd's answer to GET /v2/snaps is larger than 1024 bytes" });
    } finally {
      await snapd.close();
    }
  });

  test('followChange stops when its signal aborts', async () => {
    const snapd = await FakeSnapd.start({ stepMs: 1_000 });
    try {
      const c = client(snapd);
      const id = await c.install('hello');
      const aborted = AbortSignal.timeout(50);
      await assert.rejects(c.followChange(id, undefined, aborted), (e: Error) => e.name === 'TimeoutError' || e.name === 'AbortError');
    } finally {
      await snapd.close();
    }
  });

  test('something that is not snapd on the socket: invalid-snapd-response, with the HTTP status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-snapd-'));
    const server = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>'));
    const socketPath = join(dir, 'snapd.socket');
    await new Promise<void>((r) => server.listen(socketPath, r));
    try {
      await rejectsWith(new SnapdClient({ socketPath }).systemInfo(), { kind: SNAPD_CLIENT_KINDS.invalid, message: /not valid JSON.*\(HTTP 502 from GET \/v2\/system-info\)$/ });
    } finally {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
