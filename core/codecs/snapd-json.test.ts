// The snapd codec over every response in ../shared/snapd-fixtures (captured from a real snapd 2.57.6
// and written from snapd's Go structs): each file is classified below, and a file nobody classified
// fails the test, so a new fixture cannot slip by untested.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allSnapdFixtures,
  listShared,
  readSharedText,
  snapdFixture,
  snapdFixtureText,
  type SnapdFixtureSet,
} from '../../agent/testing/shared-fixtures.js';
import {
  INVALID_SNAPD_RESPONSE,
  changeFromResult,
  decodeSnapdAsync,
  decodeSnapdChange,
  decodeSnapdEnvelope,
  decodeSnapdServices,
  decodeSnapdSnaps,
  decodeSnapdSystemInfo,
  decodeSnapdUsers,
  snapdResult,
  snapsFromResult,
  type SnapdOutcome,
} from './snapd-json.js';

const REAL: SnapdFixtureSet = 'real-snapd-2.57.6-debian12';
const SPEC: SnapdFixtureSet = 'spec';

function ok<T>(outcome: SnapdOutcome<T>): T {
  if (!outcome.ok) assert.fail(`expected ok, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.value;
}

type Check = (text: string) => void;

/** What each fixture must decode to. Error fixtures are checked generically (every error-*.json). */
const checks: Record<string, Check> = {
  [`${REAL}/apps-empty.json`]: (t) => assert.deepEqual(ok(decodeSnapdServices(t)), []),
  [`${REAL}/snaps-empty.json`]: (t) => {
    assert.deepEqual(ok(decodeSnapdSnaps(t)), []);
    const env = ok(decodeSnapdEnvelope(t));
    assert.equal(env.type, 'sync');
    assert.deepEqual(env.type === 'sync' && env.sources, ['local']);
  },
  [`${REAL}/users-empty-root.json`]: (t) => assert.deepEqual(ok(decodeSnapdUsers(t)), []),
  [`${REAL}/system-info.json`]: (t) =>
    assert.deepEqual(ok(decodeSnapdSystemInfo(t)), {
      version: '2.57.6-1+deb12u1+b2',
      series: '16',
      onClassic: true,
      kernelVersion: '6.18.44-fc-v595',
      architecture: 'amd64',
      confinement: 'partial',
      refresh: { timer: '00:00~24:00/4' },
    }),
  [`${REAL}/change-install-error.json`]: (t) => {
    const c = ok(decodeSnapdChange(t));
    assert.equal(c.ready, true);
    assert.equal(c.status, 'Error');
    assert.equal(c.kind, 'install-snap');
    // 1 Error + 12 Hold: all finished
    assert.deepEqual(c.progress, { done: 13, total: 13, summary: 'Install "research-fixture" snap from file "research-fixture_0.1_all.snap"' });
    assert.equal(
      c.error,
      'cannot perform the following tasks:\n- Ensure prerequisites for "research-fixture" are available (cannot install system snap "snapd": Post "https://api.snapcraft.io/v2/snaps/refresh": dial tcp: lookup api.snapcraft.io on 10.255.255.53:53: no such host)',
    );
    assert.equal(c.readyTime, '2026-11-22T07:41:17.108530584Z');
  },
  [`${REAL}/change-refresh-all-done-no-tasks.json`]: (t) =>
    assert.deepEqual(ok(decodeSnapdChange(t)), {
      id: '2',
      kind: 'refresh-snap',
      summary: 'Refresh all snaps: no updates',
      status: 'Done',
      ready: true,
      progress: { done: 0, total: 0, summary: 'Refresh all snaps: no updates' },
      spawnTime: '2026-11-22T07:41:06.108562385Z',
      readyTime: '2026-11-22T07:41:06.10856494Z',
    }),
  [`${REAL}/changes-select-all.json`]: (t) => {
    const list = ok(snapdResult(t));
    assert.ok(Array.isArray(list));
    const changes = list.map((c) => ok(changeFromResult(c)));
    assert.deepEqual(changes.map((c) => [c.id, c.status, c.ready, c.error !== undefined]), [
      ['2', 'Done', true, false],
      ['3', 'Error', true, true],
      ['4', 'Error', true, true],
      ['1', 'Done', true, false],
    ]);
    assert.deepEqual(changes[2]!.progress, { done: 2, total: 2, summary: 'Initialize device' });
  },
  [`${REAL}/post-snaps-refresh-all-async.json`]: (t) => assert.equal(ok(decodeSnapdAsync(t)), '2'),
  [`${REAL}/post-snaps-sideload-async.json`]: (t) => assert.equal(ok(decodeSnapdAsync(t)), '3'),
  [`${REAL}/connections-empty.json`]: (t) => assert.deepEqual(ok(snapdResult(t)), { established: [], plugs: [], slots: [] }),
  [`${REAL}/interfaces-empty.json`]: (t) => assert.deepEqual(ok(snapdResult(t)), {}),
  [`${REAL}/systems-classic-empty.json`]: (t) => assert.deepEqual(ok(snapdResult(t)), {}),
  [`${REAL}/warnings-empty.json`]: (t) => assert.deepEqual(ok(snapdResult(t)), []),
  [`${REAL}/find-select-refresh-none.json`]: (t) => assert.deepEqual(ok(decodeSnapdSnaps(t)), []),

  [`${SPEC}/snaps.json`]: (t) => {
    const snaps = ok(decodeSnapdSnaps(t));
    assert.deepEqual(snaps.map((s) => s.name), ['core22', 'hello-world', 'mosquitto', 'snapd', 'iot-device-agent']);
    assert.deepEqual(snaps[1], {
      name: 'hello-world',
      version: '6.4',
      revision: '29',
      channel: 'latest/stable',
      trackingChannel: 'latest/stable',
      publisher: 'canonical',
      confinement: 'strict',
      status: 'active',
      installDate: '2026-11-20T14:03:11.123456789Z',
      installedSize: 20480,
      devmode: false,
      classic: false,
      type: 'app',
    });
    // sideloaded: no publisher, channel "" and no tracking channel -> all absent, revision x1 kept as text
    assert.deepEqual(snaps[2], {
      name: 'mosquitto',
      version: '2.0.20',
      revision: 'x1',
      confinement: 'strict',
      status: 'active',
      installDate: '2026-11-21T09:30:00Z',
      installedSize: 3125248,
      devmode: false,
      classic: false,
      type: 'app',
    });
    assert.equal(snaps[0]!.type, 'base');
    assert.equal(snaps[0]!.revision, '1663');
  },
  [`${SPEC}/snap-hello-world.json`]: (t) => {
    const one = ok(snapdResult(t));
    const [snap] = ok(snapsFromResult([one]));
    assert.equal(snap!.name, 'hello-world');
    assert.equal(snap!.revision, '29');
  },
  [`${SPEC}/find-hello.json`]: (t) => {
    // store results share the snap shape (no install date): the mapper reads them too
    const snaps = ok(decodeSnapdSnaps(t));
    assert.deepEqual(snaps.map((s) => [s.name, s.revision, s.publisher, s.installDate]), [
      ['hello-world', '29', 'canonical', undefined],
      ['hello', '42', 'canonical', undefined],
    ]);
  },
  [`${SPEC}/apps-select-service.json`]: (t) =>
    assert.deepEqual(ok(decodeSnapdServices(t)), [
      { snap: 'iot-device-agent', name: 'agent', active: true, enabled: true },
      // snapd omits "active" when false
      { snap: 'mosquitto', name: 'mosquitto', active: false, enabled: true },
    ]),
  [`${SPEC}/apps.json`]: (t) =>
    // plain /v2/apps: the four hello-world commands are not services
    assert.deepEqual(ok(decodeSnapdServices(t)).map((s) => `${s.snap}.${s.name}`), ['iot-device-agent.agent', 'mosquitto.mosquitto']),
  [`${SPEC}/users-root.json`]: (t) => assert.deepEqual(ok(decodeSnapdUsers(t)), [{ name: 'jdoe', email: 'jdoe@example.com', source: 'snapd' }]),
  [`${SPEC}/system-info.json`]: (t) =>
    assert.deepEqual(ok(decodeSnapdSystemInfo(t)), {
      version: '2.66.1+24.04',
      series: '16',
      onClassic: true,
      kernelVersion: '6.8.0-51-generic',
      architecture: 'amd64',
      confinement: 'strict',
      refresh: { last: '2026-11-22T04:12:31Z', next: '2026-11-22T10:05:00Z', timer: '00:00~24:00/4' },
    }),
  [`${SPEC}/change-install-doing.json`]: (t) => {
    const c = ok(decodeSnapdChange(t));
    assert.equal(c.ready, false);
    assert.equal(c.status, 'Doing');
    assert.equal(c.error, undefined);
    assert.deepEqual(c.progress, { done: 1, total: 14, summary: 'Download snap "hello-world" (29) from channel "latest/stable"' });
  },
  [`${SPEC}/change-install-done.json`]: (t) => {
    const c = ok(decodeSnapdChange(t));
    assert.equal(c.ready, true);
    assert.equal(c.status, 'Done');
    assert.deepEqual(c.progress, { done: 14, total: 14, summary: 'Install "hello-world" snap' });
  },
  [`${SPEC}/change-remove-error.json`]: (t) => {
    const c = ok(decodeSnapdChange(t));
    assert.equal(c.status, 'Error');
    assert.equal(c.error, 'cannot perform the following tasks:\n- Stop snap "mosquitto" services (cannot stop service: timeout)');
    assert.deepEqual(c.progress, { done: 8, total: 8, summary: 'Remove "mosquitto" snap' });
  },
  [`${SPEC}/changes-in-progress.json`]: (t) => {
    const list = ok(snapdResult(t)) as unknown[];
    const [c] = list.map((x) => ok(changeFromResult(x)));
    assert.equal(c!.id, '42');
    assert.equal(c!.progress.done, 1);
  },
  [`${SPEC}/connections.json`]: (t) => {
    const r = ok(snapdResult(t)) as { established: unknown[] };
    assert.equal(r.established.length, 3);
  },
  [`${SPEC}/post-snap-install-async.json`]: (t) => assert.equal(ok(decodeSnapdAsync(t)), '42'),
  [`${SPEC}/post-snap-remove-async.json`]: (t) => assert.equal(ok(decodeSnapdAsync(t)), '43'),
  [`${SPEC}/sync-with-maintenance-and-warnings.json`]: (t) => {
    const env = decodeSnapdEnvelope(t);
    assert.ok(env.ok);
    assert.deepEqual(env.maintenance, { kind: 'daemon-restart', message: 'daemon is restarting' });
    assert.equal(env.value.warningCount, 1);
    assert.equal(env.value.warningTimestamp, '2026-11-22T07:00:00Z');
    // the result is still usable, and the maintenance note travels with it
    const services = decodeSnapdServices(t);
    assert.ok(services.ok);
    assert.deepEqual(services.value, []);
    assert.deepEqual(services.maintenance, { kind: 'daemon-restart', message: 'daemon is restarting' });
  },
};

describe('snapd codec over every shared fixture', () => {
  const fixtures = allSnapdFixtures();

  test('the fixture folders were found and are not empty', () => {
    assert.ok(fixtures.length >= 55, `only ${fixtures.length} fixtures found`);
  });

  for (const { set, name } of fixtures) {
    const key = `${set}/${name}`;
    test(key, () => {
      const text = snapdFixtureText(set, name);
      const env = ok(decodeSnapdEnvelope(text));
      if (name.startsWith('error-')) {
        // snapd's words, verbatim: kind (often absent), message, value (string or object), status
        const raw = snapdFixture(set, name) as { 'status-code': number; result: { kind?: string; message: string; value?: unknown } };
        assert.equal(env.type, 'error');
        const res = snapdResult(text);
        assert.equal(res.ok, false);
        if (res.ok) return;
        assert.equal(res.error.kind, raw.result.kind);
        assert.equal(res.error.message, raw.result.message);
        assert.deepEqual(res.error.value, raw.result.value);
        assert.equal(res.error.statusCode, raw['status-code']);
        // every typed decoder passes the same error through
        for (const decode of [decodeSnapdSnaps, decodeSnapdServices, decodeSnapdUsers, decodeSnapdSystemInfo, decodeSnapdChange, decodeSnapdAsync]) {
          const r = decode(text);
          assert.ok(!r.ok);
          assert.deepEqual(r.error, res.error);
        }
        return;
      }
      const check = checks[key];
      assert.ok(check, `fixture ${key} has no expectation in snapd-json.test.ts`);
      check(text);
    });
  }

  test('every non-error fixture has an expectation, and every expectation a fixture', () => {
    const names = fixtures.filter((f) => !f.name.startsWith('error-')).map((f) => `${f.set}/${f.name}`).sort();
    assert.deepEqual(Object.keys(checks).sort(), names);
  });

  test('the error fixtures include each shape: no kind, string value, object value, 401/403/404/405/409/500/507', () => {
    const errors = fixtures.filter((f) => f.name.startsWith('error-')).map((f) => snapdFixture(f.set, f.name) as { 'status-code': number; result: { kind?: string; value?: unknown } });
    assert.ok(errors.some((e) => e.result.kind === undefined));
    assert.ok(errors.some((e) => typeof e.result.value === 'string'));
    assert.ok(errors.some((e) => typeof e.result.value === 'object'));
    for (const code of [400, 401, 403, 404, 405, 409, 500, 507]) assert.ok(errors.some((e) => e['status-code'] === code), `no ${code}`);
  });

  test('snap-already-installed: value changed from a string (2.57) to an object (HEAD), both kept', () => {
    const old = snapdResult(snapdFixtureText(SPEC, 'error-snap-already-installed-2.57.json'));
    const head = snapdResult(snapdFixtureText(SPEC, 'error-snap-already-installed-HEAD.json'));
    assert.ok(!old.ok && !head.ok);
    assert.equal(old.error.value, 'hello-world');
    assert.deepEqual(head.error.value, { snaps: ['hello-world'] });
    assert.equal(old.error.kind, 'snap-already-installed');
    assert.equal(head.error.message, 'snap "hello-world" is already installed');
  });

  test('logs.json-seq (not the JSON envelope) is rejected as an invalid snapd response', () => {
    assert.deepEqual(listShared('.json-seq', 'snapd-fixtures', SPEC), ['logs.json-seq']);
    const res = decodeSnapdEnvelope(readSharedText('snapd-fixtures', SPEC, 'logs.json-seq'));
    assert.ok(!res.ok);
    assert.equal(res.error.kind, INVALID_SNAPD_RESPONSE);
    assert.match(res.error.message, /not valid JSON/);
  });
});

describe('snapd codec inputs', () => {
  test('a string, bytes and parsed JSON decode the same (the seed dialect sends the response as a string)', () => {
    const text = snapdFixtureText(SPEC, 'snaps.json');
    const fromString = ok(decodeSnapdSnaps(text));
    assert.deepEqual(ok(decodeSnapdSnaps(Buffer.from(text))), fromString);
    assert.deepEqual(ok(decodeSnapdSnaps(JSON.parse(text))), fromString);
    assert.equal(fromString.length, 5);
  });

  test('garbage is a clear invalid-snapd-response error, never a throw', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"type":', /not valid JSON/],
      ['', /not valid JSON/],
      [null, /not a snapd response envelope/],
      [42, /not a snapd response envelope/],
      [{ type: 'sync' }, /status-code/],
      [{ type: 'weird', 'status-code': 200 }, /type/],
      [{ type: 'error', 'status-code': 400, result: {} }, /snapd error without a message/],
      [{ type: 'async', 'status-code': 202, result: null }, /without a change id/],
    ];
    for (const [input, reason] of cases) {
      const res = decodeSnapdEnvelope(input);
      assert.ok(!res.ok, `accepted ${JSON.stringify(input)}`);
      assert.equal(res.error.kind, INVALID_SNAPD_RESPONSE);
      assert.match(res.error.message, reason);
    }
  });

  test('a well-formed envelope with the wrong result shape names the endpoint and the field', () => {
    const res = decodeSnapdSnaps({ type: 'sync', 'status-code': 200, result: [{ name: 'x', revision: '1' }] });
    assert.ok(!res.ok);
    assert.equal(res.error.kind, INVALID_SNAPD_RESPONSE);
    assert.match(res.error.message, /\/v2\/snaps.*0\.version/);
    const notList = decodeSnapdUsers({ type: 'sync', 'status-code': 200, result: { id: 1 } });
    assert.ok(!notList.ok);
    assert.match(notList.error.message, /\/v2\/users/);
  });

  test('async where sync is expected (and the reverse) is an error, not a silent empty result', () => {
    const asyncText = snapdFixtureText(SPEC, 'post-snap-install-async.json');
    const r = decodeSnapdSnaps(asyncText);
    assert.ok(!r.ok);
    assert.match(r.error.message, /async change 42/);
    const s = decodeSnapdAsync(snapdFixtureText(SPEC, 'snaps.json'));
    assert.ok(!s.ok);
    assert.match(s.error.message, /got sync/);
  });

  test('a revision sent as a number (re-encoded by a forwarder) becomes a string', () => {
    const [snap] = ok(snapsFromResult([{ name: 'a', version: '1', revision: 7 }]));
    assert.equal(snap!.revision, '7');
  });
});
