// Register / Update / De-register / Send over real UDP: against libcoap's resource directory
// (coap-rd-notls) and against a node-coap endpoint that records what the client says.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { CT, decodeRecords, parseRegistration } from '../../core/codecs/lwm2m/index.js';
import { createLwm2mClient, type Lwm2mClient } from './index.js';
import { registerQuery, updateDelayMs } from './registration.js';
import { startRegistrar } from './testing/registrar.js';
import { until } from './testing/until.js';

async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const clients: Lwm2mClient[] = [];
function client(options: Parameters<typeof createLwm2mClient>[0]): Lwm2mClient {
  const c = createLwm2mClient({ intervalMs: 0, requestTimeoutMs: 1000, ...options });
  clients.push(c);
  return c;
}
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

describe('registration', () => {
  it('registers with libcoap\'s resource directory, which answers 2.01 with a Location-Path', async () => {
    const port = await freePort();
    const rd = spawn('coap-rd-notls', ['-A', '127.0.0.1', '-p', String(port), '-v', '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let rdLog = '';
    rd.stdout.on('data', (d: Buffer) => (rdLog += d.toString()));
    rd.stderr.on('data', (d: Buffer) => (rdLog += d.toString()));
    try {
      await until('coap-rd to listen', () => /created UDP +endpoint/.test(rdLog));
      const c = client({ server: `coap://127.0.0.1:${port}`, endpoint: 'rd-client', lifetime: 11, lwm2mVersion: '1.0' });
      const registrations: string[] = [];
      c.on('registered', (loc) => registrations.push(loc));
      await c.start();
      assert.match(c.registrationLocation ?? '', /^\/rd\/[^/]+$/);
      assert.match(rdLog, /Uri-Query:ep=rd-client, Uri-Query:lt=11, Uri-Query:lwm2m=1\.0, Uri-Query:b=U/);
      assert.match(rdLog, /<\/>;rt="oma\.lwm2m";ct=11542,<\/1\/0>,<\/3\/0>/);
      // coap-rd does not take LwM2M's POST Update (4.05): a client that gets no 2.04 registers again
      await c.update();
      assert.equal(registrations.length, 2);
      assert.notEqual(registrations[0], registrations[1]);
    } finally {
      // coap-rd-notls 4.3.1 crashes (double free) on a De-register, so it goes first
      rd.kill();
    }
  });

  it('says ep, lt, lwm2m and b, and lists its objects in link-format', async () => {
    const reg = await startRegistrar();
    try {
      const c = client({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'reg-11', lifetime: 120 });
      await c.start();
      const r = await reg.waitFor((s) => s.path === '/rd');
      assert.deepEqual(r.query, ['ep=reg-11', 'lt=120', 'lwm2m=1.1', 'b=U']);
      assert.equal(r.contentFormat, CT.LINK_FORMAT);
      assert.equal(r.from.port, c.port);
      const parsed = parseRegistration(r.payload);
      assert.deepEqual(parsed.contentFormats, [CT.SENML_CBOR]);
      assert.deepEqual(parsed.objects.map((o) => o.path.join('/')), ['1/0', '3/0', '4/0', '5/0', '6/0', '3303/0', '3304/0', '3311/0']);
      assert.deepEqual(parsed.objects[1]!.params, { ver: '1.1' }, 'Device 1.1 in a 1.1 client');
      assert.deepEqual(parsed.objects[0]!.params, {});
      await c.stop();
      const del = await reg.waitFor((s) => s.method === 'DELETE');
      assert.equal(del.path, c.registrationLocation ?? '/rd/r1');
    } finally {
      await reg.close();
    }
  });

  it('registers block-wise (Block1) when its object list is large', async () => {
    const reg = await startRegistrar();
    try {
      const c = client({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'many-sensors', temperatureSensors: 150 });
      await c.start();
      const r = await reg.waitFor((s) => s.path === '/rd');
      assert.ok(r.payload.length > 1024, `${r.payload.length} bytes`);
      const parsed = parseRegistration(r.payload);
      assert.equal(parsed.objects.filter((o) => o.path[0] === 3303).length, 150);
      assert.equal(c.registrationLocation, '/rd/r1');
    } finally {
      await reg.close();
    }
  });

  it('announces queue mode: b=UQ in 1.0, the Q parameter in 1.1', () => {
    assert.equal(registerQuery({ endpoint: 'q', lifetime: 60, version: '1.0', queueMode: true }), 'ep=q&lt=60&lwm2m=1.0&b=UQ');
    assert.equal(registerQuery({ endpoint: 'q', lifetime: 60, version: '1.1', queueMode: true }), 'ep=q&lt=60&lwm2m=1.1&b=U&Q');
  });

  it('updates before the lifetime ends: 90 % or 10 s early, whichever is sooner, at least 1 s', () => {
    assert.equal(updateDelayMs(300), 270_000);
    assert.equal(updateDelayMs(60), 50_000);
    assert.equal(updateDelayMs(5), 1000);
  });

  it('sends Updates on its own, and registers again when an Update gets 4.04', async () => {
    const reg = await startRegistrar();
    try {
      const c = client({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'upd', lifetime: 1 });
      await c.start();
      const update = await reg.waitFor((s) => s.method === 'POST' && s.path === '/rd/r1', 2500);
      assert.deepEqual(update.query, ['lt=1']);
      assert.equal(update.payload.length, 0, 'no objects changed: no payload');
      reg.updateCode = '4.04';
      await reg.waitFor((s) => s.method === 'POST' && s.path === '/rd' && reg.seen.indexOf(s) > 0, 2500);
      assert.equal(reg.seen.filter((s) => s.path === '/rd').length, 2);
      reg.updateCode = '2.04';
      await c.stop();
    } finally {
      await reg.close();
    }
  });

  it('sends its sensor values with Send (POST /dp, SenML CBOR) in 1.1', async () => {
    const reg = await startRegistrar();
    try {
      const c = client({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'send-11' });
      await c.start();
      c.set('/3303/0/5700', 19.75);
      assert.equal(await c.send(), '2.04');
      const dp = await reg.waitFor((s) => s.path === '/dp');
      assert.equal(dp.contentFormat, CT.SENML_CBOR);
      const records = decodeRecords(CT.SENML_CBOR, dp.payload, [], () => undefined);
      assert.deepEqual(records.find((r) => r.path.join('/') === '3303/0/5700')?.value, 19.75);
      const v10 = client({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'send-10', lwm2mVersion: '1.0' });
      await v10.start();
      await assert.rejects(v10.send(), /1\.1/);
    } finally {
      await reg.close();
    }
  });

  it('registers over IPv6', async () => {
    const reg = await startRegistrar('::1');
    try {
      const c = client({ server: `coap://[::1]:${reg.port}`, endpoint: 'v6' });
      await c.start();
      const r = await reg.waitFor((s) => s.path === '/rd');
      assert.equal(r.from.address, '::1');
      await c.stop();
    } finally {
      await reg.close();
    }
  });

  it('rejects start() when nobody answers, with the reason', async () => {
    const port = await freePort();
    const c = client({ server: `coap://127.0.0.1:${port}`, endpoint: 'lonely', requestTimeoutMs: 300 });
    await assert.rejects(c.start(), /no answer within 300 ms|ECONNREFUSED/);
    await c.stop();
  });

  it('keeps trying after a failed registration and registers once the server is there', async () => {
    const port = await freePort();
    const c = client({ server: `coap://127.0.0.1:${port}`, endpoint: 'patient', requestTimeoutMs: 300 });
    await assert.rejects(c.start());
    const reg = await startRegistrar('127.0.0.1', port);
    try {
      await new Promise((r) => c.once('registered', r));
      assert.ok((await reg.waitFor((s) => s.path === '/rd')).query.includes('ep=patient'));
      await c.stop();
    } finally {
      await reg.close();
    }
  });
});
