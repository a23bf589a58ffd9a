// The /rd handler over constructed CoAP requests, on a real database file: codes, Location-Path,
// stored details, presence and events. Over real UDP with libcoap: core/lwm2m/server.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPresence } from '../../devices/presence.js';
import { storeFixture } from '../../testing/store-fixture.js';
import { createLogger } from '../../log.js';
import type { CoapIncomingRequest, CoapMethod, CoapPeer } from '../../coap/types.js';
import { createLwm2mRegistrar, type Lwm2mRegistrationListener } from './registrations.js';
import { createRdHandler } from './rd-handler.js';

const peer: CoapPeer = { address: '127.0.0.1', port: 40001 };
const req = (method: CoapMethod, path: string[], query: string[] = [], payload = '', from = peer): CoapIncomingRequest =>
  ({ peer: from, method, path, query, contentFormat: payload ? 40 : undefined, accept: undefined, payload: Buffer.from(payload) });

function setup(options: { acceptNew?: boolean; dir?: string } = {}) {
  const f = storeFixture(options.dir, 'native-1');
  if (!f.devices.get('dev1')) f.devices.create({ uid: 'dev1', name: 'Dev 1', tags: [], dialect: 'lwm2m' });
  const presence = createPresence(f.db, f.devices, f.bus);
  const refusals: Array<{ endpoint: string; reason: string }> = [];
  let acceptNew = options.acceptNew ?? false;
  const registrar = createLwm2mRegistrar({
    db: f.db, devices: f.devices, presence, log: createLogger({ level: 'error' }),
    acceptNewDevices: () => acceptNew, refusedUnknown: (endpoint, _peer, reason) => refusals.push({ endpoint, reason }),
  }, { expirySweepMs: 60_000, maxPending: 3 });
  const handle = createRdHandler(registrar);
  const events: string[] = [];
  const listener: Lwm2mRegistrationListener = {
    registered: (uid, r, info) => events.push(`registered ${uid} ${r.version} re=${info.reRegistration} new=${info.createdDevice}`),
    updated: (uid, r) => events.push(`updated ${uid} lt=${r.lifetimeSec}`),
    deregistered: (uid) => events.push(`deregistered ${uid}`),
    expired: (uid) => events.push(`expired ${uid}`),
    uplink: (uid, p) => events.push(`uplink ${uid} ${p.port}`),
  };
  registrar.subscribe(listener);
  return {
    f, presence, registrar, events, refusals,
    handle: async (r: CoapIncomingRequest) => handle(r),
    setAcceptNew: (v: boolean) => { acceptNew = v; },
    close() { registrar.close(); presence.close(); f.close(); },
  };
}
const tick = () => new Promise((r) => setImmediate(r));
const text = (p: Buffer | undefined) => p?.toString('utf8') ?? '';

test('Register, Update, De-register: codes, Location-Path, stored details, presence and events', async () => {
  const s = setup();
  try {
    const reg = await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=300', 'lwm2m=1.1', 'b=U', 'Q', 'sms=+4912345'],
      '</>;rt="oma.lwm2m";ct=112,</1/0>,</3>;ver=1.1,</3/0>,</3303/0>,</3303/1>'));
    assert.equal(reg.code, '2.01');
    assert.equal(reg.locationPath?.length, 2);
    assert.equal(reg.locationPath![0], 'rd');
    const id = reg.locationPath![1]!;
    assert.match(id, /^[A-Za-z0-9_-]{12}$/);
    const view = s.registrar.get('dev1')!;
    assert.deepEqual({ ...view, registeredAt: 0, updatedAt: 0, expiresAt: 0 }, {
      uid: 'dev1', registrationId: id, peer, version: '1.1', binding: 'U', queueMode: true,
      objects: [{ id: 1, version: null, instances: [0] }, { id: 3, version: '1.1', instances: [0] }, { id: 3303, version: null, instances: [0, 1] }],
      rootPath: '/', contentFormats: [112], lifetimeSec: 300, registeredAt: 0, updatedAt: 0, expiresAt: 0, pending: false,
    });
    assert.equal(view.expiresAt - view.updatedAt, 300_000);
    const d = s.f.devices.get('dev1')!;
    assert.deepEqual([d.status, d.statusReason], ['online', 'registered']);
    await tick();
    assert.deepEqual(s.events.splice(0), ['registered dev1 1.1 re=false new=false', 'uplink dev1 40001']);

    // Update from another port (NAT rebinding): the address follows, the lifetime too; objects stay
    const moved = { address: '127.0.0.1', port: 40002 };
    const upd = await s.handle(req('POST', ['rd', id], ['lt=120'], '', moved));
    assert.equal(upd.code, '2.04');
    const after = s.registrar.get('dev1')!;
    assert.deepEqual([after.peer, after.lifetimeSec, after.objects.length, after.queueMode], [moved, 120, 3, true]);
    assert.equal(s.registrar.findByPeer(moved), 'dev1');
    assert.equal(s.registrar.findByPeer(peer), undefined);
    // new object links in an Update replace the old ones
    assert.equal((await s.handle(req('POST', ['rd', id], [], '</1/0>,</3/0>,</5/0>', moved))).code, '2.04');
    assert.deepEqual(s.registrar.get('dev1')!.objects.map((o) => o.id), [1, 3, 5]);
    await tick();
    assert.deepEqual(s.events.splice(0), ['updated dev1 lt=120', 'uplink dev1 40002', 'updated dev1 lt=120', 'uplink dev1 40002']);

    const del = await s.handle(req('DELETE', ['rd', id], [], '', moved));
    assert.equal(del.code, '2.02');
    assert.equal(s.registrar.get('dev1'), undefined);
    const gone = s.f.devices.get('dev1')!;
    assert.deepEqual([gone.status, gone.offlineCause, gone.statusReason], ['offline', 'deregistered', 'de-registered']);
    await tick();
    assert.deepEqual(s.events.splice(0), ['deregistered dev1']);
    // the id is spent
    const again = await s.handle(req('POST', ['rd', id], [], '', moved));
    assert.equal(again.code, '4.04');
    assert.match(text(again.payload), /register again/);
    assert.equal((await s.handle(req('DELETE', ['rd', id]))).code, '4.04');
  } finally {
    s.close();
  }
});

test('a second Register replaces the registration: a new id, the old one refused; lwm2m= absent is 1.0', async () => {
  const s = setup();
  try {
    const first = await s.handle(req('POST', ['rd'], ['ep=dev1', 'b=UQ'], '</1/0>,</3/0>'));
    const view = s.registrar.get('dev1')!;
    assert.deepEqual([view.version, view.binding, view.queueMode, view.lifetimeSec], ['1.0', 'UQ', true, 86_400]);
    const second = await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=60'], '</1/0>'));
    assert.equal(second.code, '2.01');
    assert.notEqual(second.locationPath![1], first.locationPath![1]);
    assert.equal((await s.handle(req('POST', ['rd', first.locationPath![1]!]))).code, '4.04');
    assert.equal(s.registrar.get('dev1')!.queueMode, false);
    await tick();
    assert.ok(s.events.includes('registered dev1 1.0 re=true new=false'), s.events.join('\n'));
  } finally {
    s.close();
  }
});

test('bad requests get 4.00 with the reason; unknown versions 4.12; wrong methods 4.05', async () => {
  const s = setup();
  try {
    const cases: Array<[string[], string, string, RegExp]> = [
      [[], '</1/0>', '4.00', /endpoint name \(ep=\) is missing/],
      [['ep='], '</1/0>', '4.00', /ep=\) is missing/],
      [['ep=a b'], '</1/0>', '4.00', /not a valid device uid/],
      [[' ep=dev1'], '</1/0>', '4.00', /ep=\) is missing/],
      [['ep= dev1'], '</1/0>', '4.00', /not a valid device uid/],
      [[`ep=${'d'.repeat(65)}`], '</1/0>', '4.00', /not a valid device uid/],
      [['ep=dev/1'], '</1/0>', '4.00', /not a valid device uid/],
      [['ep=dev1', 'lt=abc'], '</1/0>', '4.00', /lt "abc" is not a lifetime/],
      [['ep=dev1', 'lt=0'], '</1/0>', '4.00', /outside 1\.\./],
      [['ep=dev1', 'lt=-5'], '</1/0>', '4.00', /not a lifetime/],
      [['ep=dev1', 'lt=99999999999'], '</1/0>', '4.00', /not a lifetime|outside/],
      [['ep=dev1', 'ep=dev2'], '</1/0>', '4.00', /given twice/],
      [['ep=dev1', 'b=X'], '</1/0>', '4.00', /not a binding/],
      [['ep=dev1', 'b=UU'], '</1/0>', '4.00', /not a binding/],
      [['ep=dev1', 'lwm2m=x'], '</1/0>', '4.00', /not an LwM2M version/],
      [['ep=dev1', 'lwm2m=1.2'], '</1/0>', '4.12', /1\.2 is not supported/],
      [['ep=dev1', 'Q=1'], '</1/0>', '4.00', /Q takes no value/],
      [['ep=dev1'], '</1/0', '4.00', /bad link-format/],
      [['ep=dev1'], '</1/0>;;', '4.00', /bad link-format/],
      [['ep=dev1'], '</99999/0>', '4.00', /bad link-format/],
      [['ep=dev1'], '</1/0/1>', '4.00', /not an object or object instance/],
      [['ep=dev1'], '</1/0>,' + '</3/0>,'.repeat(12_000) + '</3/0>', '4.00', /longer than 65536/],
    ];
    for (const [query, payload, code, why] of cases) {
      const r = await s.handle(req('POST', ['rd'], query, payload));
      assert.equal(r.code, code, `${query.join('&')} ${payload.slice(0, 20)}: ${text(r.payload)}`);
      assert.match(text(r.payload), why);
      assert.equal(r.contentFormat, 0);
    }
    const json = await s.handle({ ...req('POST', ['rd'], ['ep=dev1'], '{}'), contentFormat: 50 });
    assert.deepEqual([json.code, text(json.payload)], ['4.00', 'the registration payload must be link-format (content format 40), not 50']);
    assert.equal((await s.handle(req('GET', ['rd']))).code, '4.05');
    assert.equal((await s.handle(req('PUT', ['rd', 'x']))).code, '4.05');
    assert.equal((await s.handle(req('POST', ['rd', 'x', 'y']))).code, '4.04');
    assert.equal(s.registrar.get('dev1'), undefined, 'nothing was stored');
    // an Update with a bad lifetime changes nothing
    const ok = await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=300'], '</1/0>'));
    const bad = await s.handle(req('POST', ['rd', ok.locationPath![1]!], ['lt=zero'], '</3/0>'));
    assert.equal(bad.code, '4.00');
    assert.deepEqual([s.registrar.get('dev1')!.lifetimeSec, s.registrar.get('dev1')!.objects.map((o) => o.id)], [300, [1]]);
  } finally {
    s.close();
  }
});

test('unknown endpoints get 4.03 and are recorded; an MQTT device cannot register; accepted ones wait for approval', async () => {
  const s = setup();
  try {
    const r = await s.handle(req('POST', ['rd'], ['ep=stranger'], '</1/0>'));
    assert.equal(r.code, '4.03');
    assert.match(text(r.payload), /unknown endpoint stranger/);
    assert.deepEqual(s.refusals.map((x) => x.endpoint), ['stranger']);
    assert.equal(s.f.devices.get('stranger'), undefined);

    const mqttDevice = await s.handle(req('POST', ['rd'], ['ep=native-1'], '</1/0>'));
    assert.equal(mqttDevice.code, '4.03');
    assert.match(text(mqttDevice.payload), /not an LwM2M device/);
    assert.equal(s.f.devices.events('native-1', 5)[0]?.kind, 'refused');

    s.setAcceptNew(true);
    const accepted = await s.handle(req('POST', ['rd'], ['ep=stranger', 'lwm2m=1.1'], '</1/0>,</3/0>'));
    assert.equal(accepted.code, '2.01');
    const d = s.f.devices.get('stranger')!;
    assert.deepEqual([d.pending, d.dialect, d.status], [true, 'lwm2m', 'online']);
    assert.equal(s.registrar.get('stranger')!.pending, true);
    await tick();
    assert.ok(s.events.includes('registered stranger 1.1 re=false new=true'));
    // a device whose uid differs only by case is refused, not created
    const caseTwin = await s.handle(req('POST', ['rd'], ['ep=STRANGER'], '</1/0>'));
    assert.equal(caseTwin.code, '4.03');
    // the pending devices are bounded (3 here): a flood of made-up names does not grow the table
    for (const ep of ['p2', 'p3']) assert.equal((await s.handle(req('POST', ['rd'], [`ep=${ep}`], '</1/0>'))).code, '2.01');
    const full = await s.handle(req('POST', ['rd'], ['ep=p4'], '</1/0>'));
    assert.equal(full.code, '4.03');
    assert.match(text(full.payload), /too many devices are waiting for approval/);
    assert.equal(s.f.devices.get('p4'), undefined);
    s.f.devices.approve('stranger');
    assert.equal(s.registrar.get('stranger')!.pending, false);
  } finally {
    s.close();
  }
});

test('lifetime expiry: offline with its reason and an event; the sweep survives a reopen of the database', async () => {
  let s = setup();
  const dir = s.f.dir;
  try {
    await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=300'], '</1/0>'));
    s.registrar.sweepExpired(Date.now() + 299_000);
    assert.equal(s.f.devices.get('dev1')!.status, 'online');
    // a registration that has not expired survives a restart
    s.close();
    s = setup({ dir });
    assert.equal(s.registrar.get('dev1')?.lifetimeSec, 300);
    assert.equal(s.f.devices.get('dev1')!.offlineCause, 'outpost-restarted');
    s.registrar.sweepExpired(Date.now() + 301_000);
    const d = s.f.devices.get('dev1')!;
    assert.deepEqual([d.status, d.offlineCause, d.statusReason], ['offline', 'lifetime-expired', 'registration lifetime of 300 s expired']);
    assert.equal(s.registrar.get('dev1'), undefined);
    await tick();
    assert.deepEqual(s.events, ['expired dev1']);
  } finally {
    s.close();
    s.f.done();
  }
});

test('an Update that comes after the lifetime ran out (before the sweep) is refused: register again', async () => {
  const s = setup();
  try {
    const reg = await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=1'], '</1/0>'));
    await new Promise((r) => setTimeout(r, 1100)); // the sweep runs once a minute here
    const late = await s.handle(req('POST', ['rd', reg.locationPath![1]!]));
    assert.equal(late.code, '4.04');
    assert.equal(s.f.devices.get('dev1')!.offlineCause, 'lifetime-expired');
  } finally {
    s.close();
  }
});

test('an Update after a restart brings the device back online; silence does not end a registration', async () => {
  let s = setup();
  const dir = s.f.dir;
  try {
    const reg = await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=3600'], '</1/0>'));
    s.close();
    s = setup({ dir });
    assert.equal((await s.handle(req('POST', ['rd', reg.locationPath![1]!]))).code, '2.04');
    assert.deepEqual([s.f.devices.get('dev1')!.status, s.f.devices.get('dev1')!.statusReason], ['online', 'registration updated']);
    s.presence.sweep(10_000, Date.now() + 600_000); // the silence timeout is not the lifetime's business
    assert.equal(s.f.devices.get('dev1')!.status, 'online');
  } finally {
    s.close();
    s.f.done();
  }
});

test('devices registering with the same payload each get its objects, stored; another payload changes only its device', async () => {
  const s = setup();
  try {
    s.f.devices.create({ uid: 'dev2', name: 'Dev 2', tags: [], dialect: 'lwm2m' });
    const payload = '</1/0>,</3/0>,</3303/0>';
    for (const ep of ['dev1', 'dev2']) assert.equal((await s.handle(req('POST', ['rd'], [`ep=${ep}`, 'lt=300', 'lwm2m=1.1'], payload))).code, '2.01');
    const ids = (uid: string) => s.registrar.get(uid)!.objects.map((o) => o.id);
    assert.deepEqual([ids('dev1'), ids('dev2')], [[1, 3, 3303], [1, 3, 3303]]);
    const reg2 = await s.handle(req('POST', ['rd'], ['ep=dev2', 'lt=300', 'lwm2m=1.1'], '</1/0>,</3/0>,</3304/0>'));
    assert.equal(reg2.code, '2.01');
    assert.deepEqual([ids('dev1'), ids('dev2')], [[1, 3, 3303], [1, 3, 3304]]);
    // what is stored, as a restart reads it
    const stored = s.f.db.$client.prepare("SELECT r.object_links FROM lwm2m_registrations r JOIN devices d ON d.id = r.device_id WHERE d.uid = ?").pluck();
    assert.deepEqual((JSON.parse(stored.get('dev1') as string) as Array<{ path: number[] }>).map((l) => l.path), [[1, 0], [3, 0], [3303, 0]]);
    assert.deepEqual((JSON.parse(stored.get('dev2') as string) as Array<{ path: number[] }>).map((l) => l.path), [[1, 0], [3, 0], [3304, 0]]);
    // a payload that cannot be read is refused, however often a good one came before
    assert.equal((await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=300', 'lwm2m=1.1'], '</1/0>,<bad'))).code, '4.00');
    assert.equal((await s.handle(req('POST', ['rd'], ['ep=dev1', 'lt=300', 'lwm2m=1.1'], payload))).code, '2.01');
  } finally {
    s.close();
  }
});
