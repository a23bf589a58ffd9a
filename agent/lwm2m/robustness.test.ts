// Bad input never crashes the simulator: garbage datagrams, truncated CoAP, malformed payloads;
// a CoAP ping gets a reset; an observation ends on the server's GET with Observe=1.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { CT } from '../../core/codecs/lwm2m/index.js';
import { createLwm2mClient, type Lwm2mClient } from './index.js';
import { coapClient } from './testing/coap-client.js';
import { startRegistrar, type Registrar } from './testing/registrar.js';
import { until } from './testing/until.js';

let reg: Registrar;
let c: Lwm2mClient;
let raw: Socket;

before(async () => {
  reg = await startRegistrar();
  c = createLwm2mClient({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'robust', intervalMs: 0 });
  await c.start();
  raw = createSocket('udp4');
  await new Promise<void>((r) => raw.bind(0, '127.0.0.1', () => r()));
});
after(async () => {
  raw.close();
  await c.stop();
  await reg.close();
});

function exchange(bytes: Buffer, waitMs = 300): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => { raw.off('message', on); resolve(undefined); }, waitMs);
    const on = (msg: Buffer): void => { clearTimeout(t); raw.off('message', on); resolve(msg); };
    raw.on('message', on);
    raw.send(bytes, c.port, '127.0.0.1');
  });
}

it('answers a CoAP ping with a reset', async () => {
  const reply = await exchange(Buffer.from([0x40, 0x00, 0x12, 0x34]));
  assert.ok(reply, 'an answer');
  assert.equal(reply[0]! >> 4 & 0x03, 3, 'type RST');
  assert.equal(reply.readUInt16BE(2), 0x1234);
});

it('survives random and truncated datagrams and still answers', async () => {
  // a valid GET /3/0/2 (CON, mid 0x0101, token 0xaa), then cut at every length
  const get = Buffer.from([0x41, 0x01, 0x01, 0x01, 0xaa, 0xb1, 0x33, 0x01, 0x30, 0x01, 0x32]);
  for (let n = 1; n < get.length; n++) raw.send(get.subarray(0, n), c.port, '127.0.0.1');
  for (let i = 0; i < 200; i++) raw.send(randomBytes(1 + (i % 60)), c.port, '127.0.0.1');
  await new Promise((r) => setTimeout(r, 200));
  const r = await coapClient(`coap://127.0.0.1:${c.port}/3/0/2`, { accept: CT.TEXT });
  assert.equal(r.code, '2.05');
  assert.equal(r.payload.toString(), 'robust');
});

it('answers malformed payloads with 4.00 and keeps its values', async () => {
  const before = c.get('/3311/0/5851');
  for (const [ct, body] of [[CT.TLV, Buffer.from([0xc8, 0x00])], [CT.SENML_CBOR, Buffer.from([0x9f, 0xa1])], [CT.SENML_JSON, Buffer.from('{"n":')], [CT.LWM2M_JSON, Buffer.from('[]')]] as const) {
    const r = await coapClient(`coap://127.0.0.1:${c.port}/3311/0`, { method: 'put', contentFormat: ct, body });
    assert.equal(r.code, '4.00', `content format ${ct}`);
  }
  assert.equal(c.get('/3311/0/5851'), before);
});

/** GET /3/0/9 (Accept text/plain) with Observe 0 or 1, token 0x77, CON (or NON). */
function observeGet(observe: 0 | 1, mid: number, confirmable = true): Buffer {
  const observeOption = observe === 0 ? [0x60] : [0x61, 0x01];
  return Buffer.from([confirmable ? 0x41 : 0x51, 0x01, mid >> 8, mid & 0xff, 0x77, ...observeOption, 0x51, 0x33, 0x01, 0x30, 0x01, 0x39, 0x60]);
}

it('ends an observation on GET with Observe=1 and on a reset to a notification', async () => {
  const first = await exchange(observeGet(0, 0x2001));
  assert.ok(first);
  assert.equal(first[1], 0x45, '2.05');
  assert.equal(c.observationCount, 1);
  assert.ok(await exchange(observeGet(1, 0x2002)));
  assert.equal(c.observationCount, 0, 'cancelled by Observe=1');

  assert.ok(await exchange(observeGet(0, 0x2003)));
  assert.equal(c.observationCount, 1);
  const notification = new Promise<Buffer>((resolve) => raw.once('message', resolve));
  c.set('/3/0/9', 42);
  const n = await notification;
  assert.equal(n[0]! >> 4 & 0x03, 0, 'a confirmable notification');
  assert.equal(n.subarray(-2).toString(), '42');
  raw.send(Buffer.from([0x70, 0x00, n[2]!, n[3]!]), c.port, '127.0.0.1');
  await until('the reset to cancel', () => c.observationCount === 0);
});

it('makes every tenth notification confirmable for a NON observe request', async () => {
  const types: number[] = [];
  const on = (msg: Buffer): void => { types.push(msg[0]! >> 4 & 0x03); };
  raw.on('message', on);
  raw.send(observeGet(0, 0x3001, false), c.port, '127.0.0.1');
  await until('the answer', () => types.length === 1);
  for (let i = 0; i < 10; i++) {
    c.set('/3/0/9', 50 + i);
    await until(`notification ${i + 1}`, () => types.length === i + 2);
  }
  raw.off('message', on);
  // the answer, nine NON notifications, then a CON one
  assert.deepEqual(types, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  assert.ok(await exchange(observeGet(1, 0x3002, false)), 'the cancelling GET is answered');
  assert.equal(c.observationCount, 0);
});

it('ends an observation with 4.04 when the observed instance is deleted', async () => {
  // GET /3303/0 with Observe=0, token 0x78, Accept SenML JSON (110)
  const get = Buffer.from([0x41, 0x01, 0x40, 0x01, 0x78, 0x60, 0x54, 0x33, 0x33, 0x30, 0x33, 0x01, 0x30, 0x61, 110]);
  const first = await exchange(get);
  assert.equal(first?.[1], 0x45, '2.05');
  const last = new Promise<Buffer>((resolve) => raw.once('message', resolve));
  const r = await coapClient(`coap://127.0.0.1:${c.port}/3303/0`, { method: 'delete' });
  assert.equal(r.code, '2.02');
  const n = await last;
  assert.equal(n[1], 0x84, 'a 4.04 notification');
  raw.send(Buffer.from([0x60, 0x00, n[2]!, n[3]!]), c.port, '127.0.0.1'); // ACK it
  assert.equal(c.observationCount, 0);
});
