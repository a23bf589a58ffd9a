// Our endpoint against a foreign CoAP stack (Debian's libcoap), both directions, over real UDP.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCoapEndpoint } from './endpoint.js';
import { coapClient, startLibcoapServer, type LibcoapServer } from './test-support.js';
import type { CoapEndpoint, CoapIncomingRequest, CoapIncomingResponse } from './types.js';

describe('libcoap client → our endpoint', () => {
  let endpoint: CoapEndpoint;
  let dir: string;
  const seen: CoapIncomingRequest[] = [];
  const big = Buffer.from(Array.from({ length: 3000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'coap-'));
    endpoint = await startCoapEndpoint({
      port: 0,
      host: '127.0.0.1',
      handler: (request) => {
        seen.push(request);
        if (request.path[0] === 'big') return { code: '2.05', contentFormat: 0, payload: big };
        if (request.method === 'GET') return { code: '2.05', contentFormat: 40, payload: Buffer.from('</3/0>,</1/0>') };
        return { code: '2.01', locationPath: ['rd', 'x7'], payload: Buffer.from(`got ${request.payload.length}`) };
      },
    });
  });
  after(async () => {
    await endpoint.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('POST with payload and query: the handler sees them; the client gets code, Location-Path and payload', async () => {
    const output = await coapClient(['-v', '7', '-m', 'post', '-t', '0', '-e', '</1/0>', `coap://127.0.0.1:${endpoint.port}/rd?ep=node-1&lt=300`]);
    const request = seen.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.deepEqual(request.path, ['rd']);
    assert.deepEqual(request.query, ['ep=node-1', 'lt=300']);
    assert.equal(request.contentFormat, 0);
    assert.equal(request.payload.toString(), '</1/0>');
    assert.equal(request.peer.address, '127.0.0.1');
    assert.match(output, /t:ACK c:2\.01 .*\[ Location-Path:rd, Location-Path:x7 \] :: 'got 6'/);
  });

  test('GET: the client gets the content format and payload', async () => {
    const output = await coapClient(['-v', '7', '-m', 'get', '-A', '40', `coap://127.0.0.1:${endpoint.port}/3/0`]);
    assert.deepEqual(seen.at(-1)!.path, ['3', '0']);
    assert.equal(seen.at(-1)!.accept, 40);
    assert.match(output, /c:2\.05 .*Content-Format:application\/link-format.*'<\/3\/0>,<\/1\/0>'/);
  });

  test('a large POST sent with Block1 (64-byte blocks) reaches the handler whole, once', async () => {
    const body = Buffer.from('0123456789'.repeat(500));
    await writeFile(join(dir, 'body'), body);
    const before = seen.length;
    const output = await coapClient(['-m', 'post', '-b', '64', '-f', join(dir, 'body'), `coap://127.0.0.1:${endpoint.port}/rd?ep=big`]);
    assert.equal(seen.length, before + 1);
    assert.ok(seen.at(-1)!.payload.equals(body));
    assert.match(output, /got 5000/);
  });

  test('a large answer goes out with Block2 and the client gets it whole', async () => {
    const output = await coapClient(['-m', 'get', `coap://127.0.0.1:${endpoint.port}/big`]);
    assert.ok(output.includes(big.toString()), 'the whole 3000-byte payload');
  });

  test('a client that asks for 64-byte blocks gets them and the whole answer', async () => {
    const trace = await coapClient(['-v', '7', '-m', 'get', '-b', '64', `coap://127.0.0.1:${endpoint.port}/big`]);
    assert.match(trace, /t:ACK c:2\.05 .*Block2:0\/M\/64, Size2:3000/);
    assert.match(trace, /t:ACK c:2\.05 .*Block2:46\/_\/64/);
    const output = await coapClient(['-m', 'get', '-b', '64', `coap://127.0.0.1:${endpoint.port}/big`]);
    assert.ok(output.includes(big.toString()));
  });
});

describe('our endpoint → libcoap server', () => {
  let endpoint: CoapEndpoint;
  let server: LibcoapServer;
  before(async () => {
    server = await startLibcoapServer();
    endpoint = await startCoapEndpoint({ port: 0, host: '127.0.0.1', handler: () => ({ code: '4.04' }) });
  });
  after(async () => {
    await endpoint.close();
    await server.stop();
  });

  test('GET / answers 2.05 with the server\'s text', async () => {
    const response = await endpoint.request({ peer: { address: '127.0.0.1', port: server.port }, method: 'GET', path: [] });
    assert.equal(response.code, '2.05');
    assert.equal(response.peer.port, server.port);
    assert.match(response.payload.toString(), /libcoap/);
  });

  test('a large PUT goes out with Block1 and the GET that reads it back is reassembled from Block2', async () => {
    const peer = { address: '127.0.0.1', port: server.port };
    const body = Buffer.from(Array.from({ length: 4000 }, (_, i) => String.fromCharCode(65 + (i % 26))).join(''));
    const put = await endpoint.request({ peer, method: 'PUT', path: ['example_data'], contentFormat: 0, payload: body });
    assert.match(put.code, /^2\.0[14]$/);
    const get = await endpoint.request({ peer, method: 'GET', path: ['example_data'] });
    assert.equal(get.code, '2.05');
    assert.ok(get.payload.equals(body), `got ${get.payload.length} bytes`);
  });

  test('observe /time: first answer, then notifications (CON and NON); after cancel no more', async () => {
    const notifications: CoapIncomingResponse[] = [];
    const observation = await endpoint.observe(
      { peer: { address: '127.0.0.1', port: server.port }, method: 'GET', path: ['time'] },
      (notification) => {
        notifications.push(notification);
      },
    );
    assert.equal(observation.response.code, '2.05');
    assert.notEqual(observation.response.observe, undefined);
    const deadline = Date.now() + 3500;
    while (notifications.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(notifications.length >= 2, `${notifications.length} notifications`);
    assert.ok(notifications.every((n) => n.code === '2.05' && n.observe !== undefined && n.payload.length > 0));
    assert.ok(notifications[1]!.observe! > notifications[0]!.observe!);
    await observation.cancel();
    const count = notifications.length;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    assert.equal(notifications.length, count);
  });
});
