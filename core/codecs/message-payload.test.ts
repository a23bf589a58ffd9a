import { test } from 'node:test';
import assert from 'node:assert/strict';
import { showPayload, payloadBytes } from './message-payload.js';

test('text payloads are shown as text with their size', () => {
  assert.deepEqual(showPayload(Buffer.from('{"t":21.5}\n'), 100), { payload: '{"t":21.5}\n', encoding: 'text', size: 11, truncated: false });
  assert.deepEqual(showPayload('héllo', 100), { payload: 'héllo', encoding: 'text', size: 6, truncated: false });
});

test('bytes that are not UTF-8 text, or hold control characters, are base64', () => {
  assert.deepEqual(showPayload(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 100), { payload: '//4AQQ==', encoding: 'base64', size: 4, truncated: false });
  assert.equal(showPayload(Buffer.from('a\u0000b'), 100).encoding, 'base64');
  assert.equal(showPayload(Buffer.from('a\tb\r\nc'), 100).encoding, 'text');
});

test('the cap keeps the first bytes and the full size; a character cut in two is left out', () => {
  const shown = showPayload(Buffer.from('abcdef'), 4);
  assert.deepEqual(shown, { payload: 'abcd', encoding: 'text', size: 6, truncated: true });
  // 'é' is two bytes: a cap of 2 cuts it after 'a' and its first byte
  assert.deepEqual(showPayload(Buffer.from('aéz'), 2), { payload: 'a', encoding: 'text', size: 4, truncated: true });
  const binary = showPayload(Buffer.alloc(10, 0xff), 3);
  assert.deepEqual(binary, { payload: Buffer.alloc(3, 0xff).toString('base64'), encoding: 'base64', size: 10, truncated: true });
});

test('an empty payload (a cleared retained topic) is empty text', () => {
  assert.deepEqual(showPayload(Buffer.alloc(0), 10), { payload: '', encoding: 'text', size: 0, truncated: false });
});

test('payloadBytes reads text as UTF-8 and checks base64', () => {
  assert.deepEqual(payloadBytes('é', 'text'), Buffer.from([0xc3, 0xa9]));
  assert.deepEqual(payloadBytes('//4AQQ==', 'base64'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  assert.deepEqual(payloadBytes('//4A\nQQ==', 'base64'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  assert.deepEqual(payloadBytes('not base64!', 'base64'), { error: 'the payload is not valid base64' });
  assert.deepEqual(payloadBytes('abc', 'base64'), { error: 'the payload is not valid base64' });
});
