import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, emptyMessage, encodeMessage } from './coap-message.js';

test('an empty ACK or RST written by hand is the message coap-packet would write, and reads back', () => {
  for (const type of ['ACK', 'RST'] as const) {
    for (const messageId of [0, 1, 0x1234, 0xffff]) {
      const mine = emptyMessage(type, messageId);
      const theirs = encodeMessage({ type, code: '0.00', messageId, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) });
      assert.deepEqual(mine, theirs, `${type} ${messageId}`);
      const back = decodeMessage(mine)!;
      assert.deepEqual([back.type, back.code, back.messageId, back.token.length, back.payload.length], [type, '0.00', messageId, 0, 0]);
    }
  }
});

test('options cut off by the datagram\'s end, and a payload marker without a payload, are refused; whole messages read back', () => {
  const long = (n: number) => Buffer.alloc(n, 0x61);
  const options = [
    { number: 11, value: Buffer.from('rd') },
    { number: 12, value: Buffer.from([40]) },
    { number: 15, value: long(20) }, // length 13..268: one extension byte
    { number: 300, value: long(300) }, // delta and length of 269 and more: two extension bytes each
  ];
  const whole = encodeMessage({ type: 'CON', code: '0.02', messageId: 7, token: Buffer.from([1, 2, 3]), options, payload: Buffer.alloc(0) });
  const back = decodeMessage(whole)!;
  assert.deepEqual(back.options.map((o) => [o.number, o.value.length]), [[11, 2], [12, 1], [15, 20], [300, 300]]);
  for (const cut of [1, 2, 150, 299]) {
    assert.equal(decodeMessage(whole.subarray(0, whole.length - cut)), undefined, `${cut} bytes cut off`);
  }
  // the last option's header cut in the middle of its extension bytes
  const headerAt = whole.length - 300 - 5;
  for (let end = headerAt + 1; end < headerAt + 5; end++) assert.equal(decodeMessage(whole.subarray(0, end)), undefined, `cut at ${end}`);
  assert.equal(decodeMessage(Buffer.concat([whole, Buffer.from([0xff])])), undefined, 'a marker and no payload');
  assert.equal(decodeMessage(whole.subarray(0, 6)), undefined, 'the token cut off');
  const withPayload = Buffer.concat([whole, Buffer.from([0xff]), Buffer.from('hello')]);
  assert.equal(decodeMessage(withPayload)!.payload.toString(), 'hello');
});

test('messages of every type, with tokens of 0..8 bytes, repeated and large options and a payload, read back as written', () => {
  let seed = 1;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let round = 0; round < 300; round++) {
    const type = (['CON', 'NON', 'ACK', 'RST'] as const)[random(4)]!;
    const code = `${1 + random(5)}.0${random(6)}`;
    const numbers = Array.from({ length: random(6) }, () => [1, 6, 11, 11, 12, 15, 23, 60, 300, 2053][random(10)]!).sort((a, b) => a - b);
    const options = numbers.map((number) => ({ number, value: Buffer.alloc(random(3) === 0 ? 13 + random(400) : random(13), random(256)) }));
    const message = {
      type, code, messageId: random(0x10000), token: Buffer.alloc(random(9), random(256)), options,
      payload: random(2) === 0 ? Buffer.alloc(0) : Buffer.alloc(1 + random(50), 0x41),
    };
    const back = decodeMessage(encodeMessage(message, 4096));
    assert.deepEqual(back, message, `round ${round}`);
  }
});

test('a token length of 9..15 (reserved; RFC 8974 extensions) and an empty message with bytes after its header are refused', () => {
  for (let first = 0x49; first <= 0x4f; first++) assert.equal(decodeMessage(Buffer.from([first, 0x45, 0, 1, ...Array(20).fill(0)])), undefined);
  assert.equal(decodeMessage(Buffer.from([0x41, 0x00, 0, 1, 9])), undefined);
  assert.equal(decodeMessage(Buffer.from([0x50, 0x45, 0, 1])) !== undefined, true);
  assert.equal(decodeMessage(Buffer.from([0x80, 0x45, 0, 1])), undefined, 'version 2');
});
