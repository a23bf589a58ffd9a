// Bad input from the network: random and truncated datagrams never crash the endpoint, and
// what an unauthenticated peer can make it hold (Block1 transfers) stays bounded.
import assert from 'node:assert/strict';
import { generate, parse } from 'coap-packet';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startCoapEndpoint } from './endpoint.js';
import { rawPeer, type RawPeer } from './test-support.js';
import type { CoapEndpoint, CoapIncomingRequest } from './types.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function block1(num: number, more: boolean, szx = 6): Buffer {
  const raw = num * 16 + (more ? 8 : 0) + szx;
  return raw < 256 ? Buffer.from([raw]) : Buffer.from([raw >> 8, raw & 0xff]);
}

describe('robustness', () => {
  let endpoint: CoapEndpoint;
  let other: CoapEndpoint;
  let raw: RawPeer;
  const seen: CoapIncomingRequest[] = [];
  before(async () => {
    endpoint = await startCoapEndpoint({
      port: 0,
      host: '127.0.0.1',
      maxBlock1Transfers: 8,
      maxRequestBytes: 4096,
      handler: (request) => {
        seen.push(request);
        return { code: '2.04', payload: Buffer.from(`ok ${request.payload.length}`) };
      },
    });
    other = await startCoapEndpoint({ port: 0, host: '127.0.0.1', handler: () => ({ code: '4.04' }) });
    raw = await rawPeer();
  });
  after(async () => {
    await Promise.all([endpoint.close(), other.close(), raw.close()]);
  });

  test('thousands of random, truncated and malformed datagrams: no crash, and valid requests are still served', async () => {
    const valid = generate({
      confirmable: true, code: 'POST', messageId: 1, token: Buffer.from([1, 2, 3, 4]),
      options: [{ name: 'Uri-Path', value: Buffer.from('rd') }, { name: 'Uri-Query', value: Buffer.from('ep=x') }, { name: 'Block1', value: block1(0, false) }],
      payload: Buffer.from('</1/0>,</3/0>'),
    });
    const datagrams: Buffer[] = [];
    for (let i = 0; i < 2500; i++) datagrams.push(randomBytes(Math.floor(Math.random() * 64)));
    // random bytes behind a plausible CON request header (version 1, token length 0-8)
    for (let i = 0; i < 1500; i++) datagrams.push(Buffer.concat([Buffer.from([0x40 | (i % 9), 1 + (i % 4), i >> 8, i & 0xff]), randomBytes(i % 40)]));
    for (let length = 0; length < valid.length; length++) datagrams.push(valid.subarray(0, length));
    datagrams.push(Buffer.from([0x4f, 0x01, 0, 1]), Buffer.from([0x40, 0x01, 0, 2, 0xf0]), Buffer.from([0x40, 0x01, 0, 3, 0xff]), Buffer.from([0x40, 0x00, 0, 4, 0x00]));
    for (const [i, datagram] of datagrams.entries()) {
      raw.send(datagram, endpoint.port);
      if (i % 200 === 0) await sleep(1); // let the socket drain instead of overflowing its buffer
    }
    await sleep(200);
    // every answer the garbage got is a well-formed CoAP message
    for (const answer of raw.received) assert.doesNotThrow(() => parse(answer));

    const response = await other.request({ peer: { address: '127.0.0.1', port: endpoint.port }, method: 'POST', path: ['rd'], query: ['ep=after'], payload: Buffer.from('still here') });
    assert.equal(response.code, '2.04');
    assert.equal(response.payload.toString(), 'ok 10');
    assert.deepEqual(seen.at(-1)!.query, ['ep=after']);
  });

  test('a CON with a format error is rejected with RST; a truncated NON is ignored', async () => {
    raw.clear();
    raw.send(Buffer.from([0x40, 0x01, 0xab, 0xcd, 0xf0]), endpoint.port); // option delta 15: format error
    assert.deepEqual(await raw.next(), Buffer.from([0x70, 0x00, 0xab, 0xcd]));
    raw.send(Buffer.from([0x52, 0x01, 0x00, 0x01, 0x01]), endpoint.port); // NON, token cut off
    assert.equal(await raw.next(150), undefined);
  });

  test('Block1 transfers started and never finished stay bounded: the oldest are dropped', async () => {
    raw.clear();
    const start = (i: number): Buffer => generate({
      confirmable: true, code: 'POST', messageId: 10_000 + i, token: Buffer.from([i & 0xff]),
      options: [{ name: 'Uri-Path', value: Buffer.from(`t${i}`) }, { name: 'Block1', value: block1(0, true) }],
      payload: Buffer.alloc(1024, i),
    });
    const finish = (i: number): Buffer => generate({
      confirmable: true, code: 'POST', messageId: 20_000 + i, token: Buffer.from([i & 0xff]),
      options: [{ name: 'Uri-Path', value: Buffer.from(`t${i}`) }, { name: 'Block1', value: block1(1, false) }],
      payload: Buffer.from('end'),
    });
    for (let i = 0; i < 200; i++) {
      raw.send(start(i), endpoint.port);
      const answer = parse((await raw.next())!);
      assert.equal(answer.code, '2.31');
      assert.deepEqual(answer.options.find((option) => option.name === 'Block1')?.value, block1(0, true));
    }
    // the first transfer was dropped long ago: its end is out of context
    raw.send(finish(0), endpoint.port);
    assert.equal(parse((await raw.next())!).code, '4.08');
    // the latest one is still held and completes
    const before = seen.length;
    raw.send(finish(199), endpoint.port);
    const done = parse((await raw.next())!);
    assert.equal(done.code, '2.04');
    assert.equal(done.payload.toString(), 'ok 1027');
    assert.equal(seen.length, before + 1);
  });

  test('a Block1 body over the bound gets 4.13 with Size1 and never reaches the handler', async () => {
    raw.clear();
    const before = seen.length;
    let last: ReturnType<typeof parse> | undefined;
    for (let num = 0; num < 6; num++) {
      raw.send(generate({
        confirmable: true, code: 'PUT', messageId: 30_000 + num,
        options: [{ name: 'Uri-Path', value: Buffer.from('fw') }, { name: 'Block1', value: block1(num, true) }],
        payload: Buffer.alloc(1024),
      }), endpoint.port);
      last = parse((await raw.next())!);
      if (last.code !== '2.31') break;
    }
    assert.equal(last?.code, '4.13');
    assert.deepEqual(last?.options.find((option) => option.name === 'Size1')?.value, Buffer.from([0x10, 0x00]));
    assert.equal(seen.length, before);
  });
});
