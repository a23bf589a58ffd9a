// The node-coap pitfalls DESIGN.md names, each fixed in core/coap/ and checked here over real UDP
// with our own endpoints and raw sockets as peers.
import assert from 'node:assert/strict';
import { generate, parse } from 'coap-packet';
import { after, before, describe, test } from 'node:test';
import { startCoapEndpoint } from './endpoint.js';
import { rawPeer, type RawPeer } from './test-support.js';
import { CoapResetError, CoapTimeoutError, type CoapEndpoint, type CoapIncomingResponse, type CoapRequestHandler } from './types.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

async function endpointWith(handler: CoapRequestHandler, host = '127.0.0.1'): Promise<CoapEndpoint> {
  return startCoapEndpoint({ port: 0, host, handler, requestTimeoutMs: 2000 });
}

describe('requests to peers', () => {
  let client: CoapEndpoint;
  let server: CoapEndpoint;
  let raw: RawPeer;
  let intruder: RawPeer;
  before(async () => {
    client = await endpointWith(() => ({ code: '4.04' }));
    server = await endpointWith((request) => ({ code: '2.05', contentFormat: 42, payload: Buffer.concat([Buffer.from('echo:'), request.payload]) }));
    raw = await rawPeer();
    intruder = await rawPeer();
  });
  after(async () => {
    await Promise.all([client.close(), server.close(), raw.close(), intruder.close()]);
  });

  test('a peer that never answers: CoapTimeoutError after the request\'s timeoutMs, nothing left behind', async () => {
    const timersBefore = timers();
    const started = Date.now();
    await assert.rejects(
      client.request({ peer: { address: '127.0.0.1', port: raw.port }, method: 'GET', path: ['3', '0'], timeoutMs: 300 }),
      (error: unknown) => error instanceof CoapTimeoutError && error.waitedMs === 300 && error.peer.port === raw.port,
    );
    assert.ok(Date.now() - started < 1000);
    assert.equal(timers(), timersBefore, 'no timer left');
    // the swallowing peer saw the request; the socket still serves
    assert.ok(raw.received.length >= 1);
    const response = await client.request({ peer: { address: '127.0.0.1', port: server.port }, method: 'POST', path: ['x'], payload: Buffer.from('hi') });
    assert.equal(response.payload.toString(), 'echo:hi');
  });

  test('the endpoint\'s requestTimeoutMs is the default', async () => {
    const short = await startCoapEndpoint({ port: 0, host: '127.0.0.1', handler: () => ({ code: '4.04' }), requestTimeoutMs: 200 });
    try {
      const started = Date.now();
      await assert.rejects(short.request({ peer: { address: '127.0.0.1', port: raw.port }, method: 'GET', path: [] }), CoapTimeoutError);
      assert.ok(Date.now() - started < 800);
    } finally {
      await short.close();
    }
  });

  test('an answer with the right message id and token from another peer is ignored', async () => {
    raw.clear();
    const pending = client.request({ peer: { address: '127.0.0.1', port: raw.port }, method: 'GET', path: ['a'] });
    const request = parse((await raw.next())!);
    const forged = { ack: true, code: '2.05', messageId: request.messageId, token: request.token, payload: Buffer.from('forged') };
    intruder.send(generate(forged), client.port);
    // also as a separate response: answered with RST, not taken
    intruder.send(generate({ confirmable: true, code: '2.05', messageId: 77, token: request.token, payload: Buffer.from('forged') }), client.port);
    const reset = parse((await intruder.next())!);
    assert.equal(reset.reset, true);
    assert.equal(reset.messageId, 77);
    await sleep(50);
    raw.send(generate({ ...forged, payload: Buffer.from('real') }), client.port);
    const response = await pending;
    assert.equal(response.payload.toString(), 'real');
    assert.equal(response.peer.port, raw.port);
  });

  test('a separate response (empty ACK, then CON) resolves the request and is ACKed', async () => {
    raw.clear();
    const pending = client.request({ peer: { address: '127.0.0.1', port: raw.port }, method: 'GET', path: ['slow'] });
    const request = parse((await raw.next())!);
    raw.send(generate({ ack: true, code: '0.00', messageId: request.messageId }), client.port);
    await sleep(30);
    raw.send(generate({ confirmable: true, code: '2.05', messageId: 4242, token: request.token, payload: Buffer.from('later') }), client.port);
    assert.equal((await pending).payload.toString(), 'later');
    const ack = parse((await raw.next())!);
    assert.ok(ack.ack && ack.code === '0.00' && ack.messageId === 4242);
  });

  test('a RST to our request rejects it with CoapResetError', async () => {
    raw.clear();
    const pending = client.request({ peer: { address: '127.0.0.1', port: raw.port }, method: 'GET', path: ['r'] });
    const request = parse((await raw.next())!);
    raw.send(generate({ reset: true, code: '0.00', messageId: request.messageId }), client.port);
    await assert.rejects(pending, CoapResetError);
  });

  test('Block1 out and Block2 back between two of our endpoints (16-byte blocks)', async () => {
    const small = await startCoapEndpoint({ port: 0, host: '127.0.0.1', handler: () => ({ code: '4.04' }), blockSize: 16 });
    try {
      const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
      const response = await small.request({ peer: { address: '127.0.0.1', port: server.port }, method: 'PUT', path: ['fw'], payload: body });
      assert.equal(response.code, '2.05');
      assert.equal(response.contentFormat, 42);
      assert.ok(response.payload.equals(Buffer.concat([Buffer.from('echo:'), body])));
    } finally {
      await small.close();
    }
  });
});

describe('requests from peers', () => {
  let endpoint: CoapEndpoint;
  let raw: RawPeer;
  let calls = 0;
  before(async () => {
    endpoint = await endpointWith(async (request) => {
      calls++;
      if (request.path[0] === 'throw') throw new Error('boom');
      if (request.path[0] === 'slow') await sleep(200);
      return { code: '2.04', payload: Buffer.from(`n${calls}`) };
    });
    raw = await rawPeer();
  });
  after(async () => {
    await Promise.all([endpoint.close(), raw.close()]);
  });

  test('a CoAP ping (empty CON) is answered with RST and never reaches the handler', async () => {
    const before = calls;
    raw.send(Buffer.from([0x40, 0x00, 0x12, 0x34]), endpoint.port);
    const reply = await raw.next();
    assert.deepEqual(reply, Buffer.from([0x70, 0x00, 0x12, 0x34]));
    assert.equal(calls, before);
  });

  test('a retransmitted CON runs the handler once; both copies answered alike, after the handler resolved', async () => {
    const before = calls;
    const request = generate({ confirmable: true, code: 'POST', messageId: 999, token: Buffer.from([1, 2]), options: [{ name: 'Uri-Path', value: Buffer.from('slow') }] });
    const sent = Date.now();
    raw.send(request, endpoint.port);
    await sleep(50);
    raw.send(request, endpoint.port); // while the handler still runs
    const first = await raw.next(1000);
    assert.ok(Date.now() - sent >= 190, 'the answer waited for the handler');
    raw.send(request, endpoint.port); // after
    const second = await raw.next(1000);
    assert.equal(calls, before + 1);
    assert.ok(first !== undefined && second !== undefined && first.equals(second));
    const answer = parse(first);
    assert.ok(answer.ack && answer.code === '2.04' && answer.messageId === 999);
    assert.equal(await raw.next(100), undefined, 'no third answer');
  });

  test('a handler that throws: 5.00 to the peer that asked (no address lost)', async () => {
    raw.send(generate({ confirmable: true, code: 'GET', messageId: 5, token: Buffer.from([9]), options: [{ name: 'Uri-Path', value: Buffer.from('throw') }] }), endpoint.port);
    const answer = parse((await raw.next())!);
    assert.equal(answer.code, '5.00');
    assert.ok(answer.ack && answer.messageId === 5 && answer.token.equals(Buffer.from([9])));
  });

  test('an unknown critical option: 4.02; a bad Block1 option: 4.00; the handler sees neither', async () => {
    const before = calls;
    raw.send(generate({ confirmable: true, code: 'GET', messageId: 6, options: [{ name: '2051', value: Buffer.from('x') }] }), endpoint.port);
    assert.equal(parse((await raw.next())!).code, '4.02');
    raw.send(generate({ confirmable: true, code: 'PUT', messageId: 7, options: [{ name: 'Block1', value: Buffer.from([0x0f]) }], payload: Buffer.from('x') }), endpoint.port);
    assert.equal(parse((await raw.next())!).code, '4.00');
    assert.equal(calls, before);
  });

  test('a NON request gets a NON answer', async () => {
    raw.send(generate({ code: 'GET', messageId: 8, token: Buffer.from([3]) }), endpoint.port);
    const answer = parse((await raw.next())!);
    assert.ok(!answer.ack && !answer.confirmable && !answer.reset);
    assert.equal(answer.code, '2.04');
    assert.ok(answer.token.equals(Buffer.from([3])));
  });
});

describe('observations', () => {
  let endpoint: CoapEndpoint;
  let device: RawPeer;
  before(async () => {
    endpoint = await endpointWith(() => ({ code: '4.04' }));
    device = await rawPeer();
  });
  after(async () => {
    await Promise.all([endpoint.close(), device.close()]);
  });

  /** Starts an observation the raw device accepts; returns it and the token. */
  async function observed(onNotify: (n: CoapIncomingResponse) => Promise<void> | void): Promise<{ cancel(): Promise<void>; token: Buffer; first: CoapIncomingResponse }> {
    device.clear();
    const pending = endpoint.observe({ peer: { address: '127.0.0.1', port: device.port }, method: 'GET', path: ['3303', '0', '5700'] }, onNotify);
    const request = parse((await device.next())!);
    const observeOption = request.options.find((option) => option.name === 'Observe');
    assert.ok(observeOption !== undefined && observeOption.value.length === 0, 'Observe=0');
    device.send(generate({ ack: true, code: '2.05', messageId: request.messageId, token: request.token, options: [{ name: 'Observe', value: Buffer.from([1]) }], payload: Buffer.from('21.5') }), endpoint.port);
    const observation = await pending;
    return { cancel: observation.cancel, token: request.token, first: observation.response };
  }

  const notification = (token: Buffer, messageId: number, seq: number, value: string, confirmable = true): Buffer =>
    generate({ confirmable, code: '2.05', messageId, token, options: [{ name: 'Observe', value: Buffer.from([seq]) }], payload: Buffer.from(value) });

  test('a CON notification is ACKed only after onNotify resolved; a rejecting onNotify gets RST, and so does what follows', async () => {
    const values: string[] = [];
    let release = (): void => {};
    let failNext = false;
    const { token, first } = await observed(async (n) => {
      if (failNext) throw new Error('cannot store');
      await new Promise<void>((resolve) => (release = resolve));
      values.push(n.payload.toString());
    });
    assert.equal(first.payload.toString(), '21.5');
    assert.equal(first.observe, 1);

    device.send(notification(token, 100, 2, '22.0'), endpoint.port);
    assert.equal(await device.next(200), undefined, 'no ACK while onNotify runs');
    release();
    const ack = parse((await device.next())!);
    assert.ok(ack.ack && ack.code === '0.00' && ack.messageId === 100);
    assert.deepEqual(values, ['22.0']);

    failNext = true;
    device.send(notification(token, 101, 3, '23.0'), endpoint.port);
    const reset = parse((await device.next())!);
    assert.ok(reset.reset && reset.messageId === 101);
    failNext = false;
    device.send(notification(token, 102, 4, '24.0'), endpoint.port);
    const ended = parse((await device.next())!);
    assert.ok(ended.reset && ended.messageId === 102, 'the observation ended with the RST');
    assert.deepEqual(values, ['22.0']);
  });

  test('a notification with an unknown token gets RST', async () => {
    device.clear();
    device.send(notification(Buffer.from('feedbeef', 'hex'), 200, 2, '1'), endpoint.port);
    const reset = parse((await device.next())!);
    assert.ok(reset.reset && reset.messageId === 200);
  });

  test('cancel(): GET with Observe=1 and the same token; later notifications get RST', async () => {
    const values: string[] = [];
    const { cancel, token } = await observed((n) => {
      values.push(n.payload.toString());
    });
    device.send(notification(token, 300, 2, 'a', false), endpoint.port); // NON: no answer
    await sleep(50);
    assert.deepEqual(values, ['a']);
    device.clear();
    const cancelling = cancel();
    const request = parse((await device.next())!);
    assert.equal(request.code, '0.01');
    assert.ok(request.token.equals(token));
    assert.deepEqual(request.options.find((option) => option.name === 'Observe')?.value, Buffer.from([1]));
    device.send(generate({ ack: true, code: '2.05', messageId: request.messageId, token, payload: Buffer.from('b') }), endpoint.port);
    await cancelling;
    device.send(notification(token, 301, 3, 'c'), endpoint.port);
    const reset = parse((await device.next())!);
    assert.ok(reset.reset && reset.messageId === 301);
    assert.deepEqual(values, ['a']);
  });
});

describe('observations: order and end', () => {
  let endpoint: CoapEndpoint;
  let device: RawPeer;
  before(async () => {
    endpoint = await endpointWith(() => ({ code: '4.04' }));
    device = await rawPeer();
  });
  after(async () => {
    await Promise.all([endpoint.close(), device.close()]);
  });

  async function answerObserve(code: string, observe: number | undefined): Promise<Buffer> {
    const request = parse((await device.next())!);
    device.send(generate({
      ack: true, code, messageId: request.messageId, token: request.token,
      options: observe === undefined ? [] : [{ name: 'Observe', value: Buffer.from([observe]) }], payload: Buffer.from('v0'),
    }), endpoint.port);
    return request.token;
  }
  const send = (token: Buffer, messageId: number, code: string, seq: number | undefined, value: string): void =>
    device.send(generate({ confirmable: true, code, messageId, token, options: seq === undefined ? [] : [{ name: 'Observe', value: Buffer.from([seq]) }], payload: Buffer.from(value) }), endpoint.port);

  test('an older notification arriving late is ACKed but not delivered; one without Observe ends the observation', async () => {
    device.clear();
    const values: string[] = [];
    const pending = endpoint.observe({ peer: { address: '127.0.0.1', port: device.port }, method: 'GET', path: ['3', '0', '13'] }, (n) => {
      values.push(n.payload.toString());
    });
    const token = await answerObserve('2.05', 10);
    await pending;
    send(token, 1, '2.05', 12, 'v12');
    send(token, 2, '2.05', 11, 'v11');
    for (const id of [1, 2]) assert.equal(parse((await device.next())!).messageId, id);
    assert.deepEqual(values, ['v12']);
    send(token, 3, '4.04', undefined, 'gone');
    assert.ok(parse((await device.next())!).ack);
    send(token, 4, '2.05', 13, 'v13');
    assert.ok(parse((await device.next())!).reset, 'ended');
    assert.deepEqual(values, ['v12', 'gone']);
  });

  test('a large notification (Block2) is fetched to the end with plain GETs before onNotify sees it', async () => {
    device.clear();
    const values: string[] = [];
    const pending = endpoint.observe({ peer: { address: '127.0.0.1', port: device.port }, method: 'GET', path: ['5', '0', '3'] }, (n) => {
      values.push(n.payload.toString());
    });
    const token = await answerObserve('2.05', 1);
    await pending;
    const part = (n: number): Buffer => Buffer.alloc(16, 97 + n);
    // Block2 0/M/16, then the device answers the GET for block 1 (last)
    device.send(generate({ confirmable: true, code: '2.05', messageId: 50, token, options: [{ name: 'Observe', value: Buffer.from([2]) }, { name: 'Block2', value: Buffer.from([0x08]) }], payload: part(0) }), endpoint.port);
    const follow = parse((await device.next())!);
    assert.equal(follow.code, '0.01');
    assert.equal(follow.options.find((option) => option.name === 'Observe'), undefined, 'no Observe on later blocks');
    assert.deepEqual(follow.options.find((option) => option.name === 'Block2')?.value, Buffer.from([0x10]));
    device.send(generate({ ack: true, code: '2.05', messageId: follow.messageId, token: follow.token, options: [{ name: 'Block2', value: Buffer.from([0x10]) }], payload: part(1) }), endpoint.port);
    const ack = parse((await device.next())!);
    assert.ok(ack.ack && ack.messageId === 50);
    assert.deepEqual(values, [Buffer.concat([part(0), part(1)]).toString()]);
  });

  test('an observe the device refuses (4.04) resolves with that answer and holds nothing', async () => {
    device.clear();
    const pending = endpoint.observe({ peer: { address: '127.0.0.1', port: device.port }, method: 'GET', path: ['9'] }, () => {
      assert.fail('no notification expected');
    });
    const token = await answerObserve('4.04', undefined);
    const observation = await pending;
    assert.equal(observation.response.code, '4.04');
    await observation.cancel(); // nothing to cancel: no request goes out
    send(token, 5, '2.05', 2, 'late');
    assert.ok(parse((await device.next())!).reset);
    assert.equal(await device.next(100), undefined);
  });
});

describe('IPv6', () => {
  test('two endpoints on ::1 talk; the handler sees the ::1 peer', async () => {
    const a = await endpointWith(() => ({ code: '4.04' }), '::1');
    const b = await endpointWith((request) => ({ code: '2.05', payload: Buffer.from(request.peer.address) }), '::1');
    try {
      const response = await a.request({ peer: { address: '::1', port: b.port }, method: 'GET', path: [] });
      assert.equal(response.payload.toString(), '::1');
      assert.equal(response.peer.address, '::1');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('an endpoint on :: serves IPv4 and IPv6 peers and reaches both', async () => {
    const dual = await endpointWith((request) => ({ code: '2.05', payload: Buffer.from(request.peer.address) }), '::');
    const v4 = await endpointWith((request) => ({ code: '2.05', payload: Buffer.from(`v4 saw ${request.peer.address}`) }), '127.0.0.1');
    const v6 = await endpointWith(() => ({ code: '2.05', payload: Buffer.from('v6') }), '::1');
    try {
      assert.equal((await v4.request({ peer: { address: '127.0.0.1', port: dual.port }, method: 'GET', path: [] })).payload.toString(), '127.0.0.1');
      assert.equal((await v6.request({ peer: { address: '::1', port: dual.port }, method: 'GET', path: [] })).payload.toString(), '::1');
      const fromDual = await dual.request({ peer: { address: '127.0.0.1', port: v4.port }, method: 'GET', path: [] });
      assert.equal(fromDual.payload.toString(), 'v4 saw 127.0.0.1');
      assert.equal(fromDual.peer.address, '127.0.0.1');
      assert.equal((await dual.request({ peer: { address: '::1', port: v6.port }, method: 'GET', path: [] })).payload.toString(), 'v6');
    } finally {
      await Promise.all([dual.close(), v4.close(), v6.close()]);
    }
  });
});
