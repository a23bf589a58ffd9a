import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusPayloadText, STATUS_TEXT_MAX } from './status-payload.js';

test('text payloads are kept as text, trimmed', () => {
  assert.equal(statusPayloadText(Buffer.from('maintenance')), 'maintenance');
  assert.equal(statusPayloadText(' offline\n'), 'offline');
  assert.equal(statusPayloadText(Buffer.from('{"state":"ok","battery":87}')), '{"state":"ok","battery":87}');
  assert.equal(statusPayloadText(Buffer.from('température ok ✓')), 'température ok ✓');
});

test('an empty payload (a cleared retained status) is no status', () => {
  assert.equal(statusPayloadText(Buffer.alloc(0)), null);
});

test('long text is cut to the bound and says so', () => {
  const long = statusPayloadText(Buffer.from('x'.repeat(10_000)))!;
  assert.equal([...long].length, STATUS_TEXT_MAX);
  assert.ok(long.endsWith('…'));
  // a multi-byte character at the cut is not split into garbage
  const accents = statusPayloadText(Buffer.from('é'.repeat(5_000)))!;
  assert.equal(accents, `${'é'.repeat(STATUS_TEXT_MAX - 1)}…`);
  assert.equal(statusPayloadText('y'.repeat(STATUS_TEXT_MAX)), 'y'.repeat(STATUS_TEXT_MAX));
});

test('binary payloads are shown as size and hex', () => {
  assert.equal(statusPayloadText(Buffer.from([0x00, 0x01, 0xff])), 'binary, 3 bytes: 0001ff');
  assert.equal(statusPayloadText(Buffer.from([0xc3, 0x28])), 'binary, 2 bytes: c328'); // invalid UTF-8
  const big = statusPayloadText(Buffer.alloc(1000, 0xfe))!;
  assert.equal(big, `binary, 1000 bytes: ${'fe'.repeat(32)}…`);
});
