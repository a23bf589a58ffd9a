import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, encodeMessage } from './coap-message.js';
import { OutgoingExchanges } from './outgoing-exchanges.js';
import type { CoapPeer } from './types.js';

const peer: CoapPeer = { address: '127.0.0.1', port: 5683 };
const tick = () => new Promise((r) => setImmediate(r));

test('past the bound, exchanges wait for a place in order; close fails the waiting ones', async () => {
  const sent: Buffer[] = [];
  let mid = 0;
  const exchanges = new OutgoingExchanges((data) => sent.push(data), () => ++mid, 2);
  const token = (i: number) => Buffer.from([i]);
  const answers = [1, 2, 3, 4].map((i) => exchanges.exchange(peer, { code: '0.01', token: token(i), options: [], payload: Buffer.alloc(0) }, 1000));
  const outcomes: string[] = [];
  answers.forEach((a, i) => a.then((m) => outcomes.push(`${i + 1}:${m.code}`), (e: Error) => outcomes.push(`${i + 1}:${e.message}`)));
  await tick();
  assert.equal(sent.length, 2, 'two in flight');
  assert.deepEqual(sent.map((d) => decodeMessage(d)!.token[0]), [1, 2]);

  // the first is answered: the third goes out, not the fourth
  const first = decodeMessage(sent[0]!)!;
  exchanges.handleAckOrReset(decodeMessage(encodeMessage({ type: 'ACK', code: '2.05', messageId: first.messageId, token: first.token, options: [], payload: Buffer.alloc(0) }))!, peer);
  await tick();
  assert.deepEqual(sent.map((d) => decodeMessage(d)!.token[0]), [1, 2, 3]);
  assert.deepEqual(outcomes, ['1:2.05']);

  exchanges.close();
  await tick();
  assert.deepEqual(outcomes.sort(), ['1:2.05', '2:CoAP endpoint closed', '3:CoAP endpoint closed', '4:CoAP endpoint closed']);
  assert.equal(sent.length, 3, 'the waiting one was never sent');
  assert.equal(exchanges.pending, 0);
});
