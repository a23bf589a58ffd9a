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
