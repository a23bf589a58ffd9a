// The LwM2M server over real UDP on 127.0.0.1 with libcoap's coap-client as the device: Register,
// Update, De-register, refusals, and garbage that must not hurt it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createPresence, type Presence } from '../devices/presence.js';
import { storeFixture, type StoreFixture } from '../testing/store-fixture.js';
import { createLogger } from '../log.js';
import { startLwm2mServer, type Lwm2mServer } from './server.js';
import { coapClient } from './libcoap-client.js';

let f: StoreFixture;
let presence: Presence;
let server: Lwm2mServer;
let refused: string[];
let uri: (path: string) => string;

before(async () => {
  f = storeFixture(undefined, 'dev1');
  f.devices.update('dev1', { dialect: 'lwm2m' });
  presence = createPresence(f.db, f.devices, f.bus);
  refused = [];
  server = await startLwm2mServer({
    db: f.db, devices: f.devices, presence, log: createLogger({ level: 'error' }),
    acceptNewDevices: () => false, refusedUnknown: (ep) => refused.push(ep),
  }, { port: 0, host: '127.0.0.1', registration: { expirySweepMs: 100 } });
  uri = (path) => `coap://127.0.0.1:${server.port}${path}`;
});
after(async () => {
  await server.close();
  presence.close();
  f.done();
});

test('libcoap registers, updates and de-registers: 2.01 with Location-Path, 2.04, 2.02', async () => {
  const reg = await coapClient(['-m', 'post', '-t', '40', '-e', '</>;rt="oma.lwm2m";ct=110,</1/0>,</3/0>'], uri('/rd?ep=dev1&lt=60&lwm2m=1.1&b=UQ'));
  assert.equal(reg.code, '2.01', reg.output);
  assert.equal(reg.locationPath.length, 2);
  assert.equal(reg.locationPath[0], 'rd');
  const view = server.registrations.get('dev1')!;
  assert.equal(view.registrationId, reg.locationPath[1]);
  assert.deepEqual([view.version, view.binding, view.queueMode, view.lifetimeSec, view.contentFormats, view.peer.address], ['1.1', 'UQ', true, 60, [110], '127.0.0.1']);
  assert.deepEqual(view.objects.map((o) => [o.id, o.instances]), [[1, [0]], [3, [0]]]);
  assert.equal(f.devices.get('dev1')!.status, 'online');
  const firstPort = view.peer.port;

  // each coap-client run has a port of its own: the Update moves the address, as NAT does
  const upd = await coapClient(['-m', 'post'], uri(`/rd/${reg.locationPath[1]}?lt=120`));
  assert.equal(upd.code, '2.04', upd.output);
  const updated = server.registrations.get('dev1')!;
  assert.equal(updated.lifetimeSec, 120);
  assert.notEqual(updated.peer.port, firstPort);
  assert.equal(server.registrations.findByPeer(updated.peer), 'dev1');

  const del = await coapClient(['-m', 'delete'], uri(`/rd/${reg.locationPath[1]}`));
  assert.equal(del.code, '2.02', del.output);
  const d = f.devices.get('dev1')!;
  assert.deepEqual([d.status, d.offlineCause], ['offline', 'deregistered']);
  assert.equal((await coapClient(['-m', 'delete'], uri(`/rd/${reg.locationPath[1]}`))).code, '4.04');
});

test('libcoap: an unknown endpoint gets 4.03, bad queries and payloads 4.00 with the reason, other paths 4.04', async () => {
  const unknown = await coapClient(['-m', 'post', '-t', '40', '-e', '</1/0>'], uri('/rd?ep=nobody&lt=60'));
  assert.equal(unknown.code, '4.03');
  assert.match(unknown.payload, /unknown endpoint nobody/);
  assert.ok(refused.includes('nobody'));
  for (const [query, payload, why] of [
    ['lt=60', '</1/0>', /ep=\) is missing/],
    ['ep=dev1&lt=soon', '</1/0>', /lt "soon"/],
    ['ep=dev1&b=Z', '</1/0>', /not a binding/],
    ['ep=dev1', '</1/0', /bad link-format/],
  ] as const) {
    const r = await coapClient(['-m', 'post', '-t', '40', '-e', payload], uri(`/rd?${query}`));
    assert.equal(r.code, '4.00', `${query}: ${r.output}`);
    assert.match(r.payload, why);
  }
  assert.equal((await coapClient(['-m', 'get'], uri('/nothing'))).code, '4.04');
  assert.equal(server.registrations.get('dev1'), undefined);
});

test('a short lifetime runs out: offline with the cause and the reason', async () => {
  const reg = await coapClient(['-m', 'post', '-t', '40', '-e', '</1/0>'], uri('/rd?ep=dev1&lt=1'));
  assert.equal(reg.code, '2.01');
  const deadline = Date.now() + 3000;
  while (f.devices.get('dev1')!.offlineCause !== 'lifetime-expired' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const d = f.devices.get('dev1')!;
  assert.deepEqual([d.status, d.offlineCause, d.statusReason], ['offline', 'lifetime-expired', 'registration lifetime of 1 s expired']);
  assert.equal(server.registrations.get('dev1'), undefined);
  assert.equal((await coapClient(['-m', 'post'], uri(`/rd/${reg.locationPath[1]}`))).code, '4.04', 'an expired registration cannot be updated');
});

test('random and truncated datagrams and registrations: answers or silence, no crash, the registration intact', async () => {
  const reg = await coapClient(['-m', 'post', '-t', '40', '-e', '</1/0>,</3/0>'], uri('/rd?ep=dev1&lt=300'));
  assert.equal(reg.code, '2.01');
  const before = server.registrations.get('dev1')!;
  const socket = createSocket('udp4');
  try {
    // a Register (of an unknown endpoint, so that no cut of it replaces dev1's registration), cut at every length, and random bytes
    const header = Buffer.from([0x42, 0x02, 0x12, 0x34, 0xab, 0xcd]); // CON POST, token abcd
    const opts = Buffer.concat([Buffer.from([0xb2]), Buffer.from('rd'), Buffer.from([0x48]), Buffer.from('ep=ghost'), Buffer.from([0xff])]);
    const full = Buffer.concat([header, opts, Buffer.from('</1/0>,</3/0>,</5/0>')]);
    const datagrams: Buffer[] = [];
    for (let n = 1; n < full.length; n++) datagrams.push(full.subarray(0, n));
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 200; i++) datagrams.push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 80) }, () => Math.floor(rand() * 256))));
    for (const d of datagrams) socket.send(d, server.port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    socket.close();
  }
  // random link-format and queries through a real client: 4.00 each, nothing stored
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = '</;,="0123456789rtabc '; // no ">": never a valid link
  for (let i = 0; i < 6; i++) {
    const payload = Array.from({ length: 3 + Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const r = await coapClient(['-m', 'post', '-t', '40', '-e', `<${payload}`], uri(`/rd/${reg.locationPath[1]}`));
    assert.equal(r.code, '4.00', `${payload}: ${r.output}`);
  }
  // still serving, the registration unchanged
  const after = server.registrations.get('dev1')!;
  assert.deepEqual({ ...after, peer: null }, { ...before, peer: null });
  assert.equal((await coapClient(['-m', 'post'], uri(`/rd/${reg.locationPath[1]}`))).code, '2.04');
});

test('IPv6: a client on ::1 registers and is reached at its IPv6 address', async () => {
  const v6 = await startLwm2mServer({
    db: f.db, devices: f.devices, presence, log: createLogger({ level: 'error' }),
    acceptNewDevices: () => false, refusedUnknown: () => undefined,
  }, { port: 0, host: '::1' });
  try {
    const reg = await coapClient(['-m', 'post', '-t', '40', '-e', '</1/0>'], `coap://[::1]:${v6.port}/rd?ep=dev1&lt=60`);
    assert.equal(reg.code, '2.01', reg.output);
    assert.equal(v6.registrations.get('dev1')!.peer.address, '::1');
    assert.equal((await coapClient(['-m', 'delete'], `coap://[::1]:${v6.port}/rd/${reg.locationPath[1]}`)).code, '2.02');
  } finally {
    await v6.close();
  }
});
