import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultView, formatPayload, hexDump, payloadBytes, prettyJson, previewPayload, formatBytes } from './payload-format.js';

const text = (payload: string) => ({ payload, encoding: 'text' as const });
const binary = (bytes: number[]) => ({ payload: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const });

test('JSON is pretty-printed; other text is not JSON', () => {
  assert.equal(prettyJson('{"t":21.5,"a":[1,2]}'), '{\n  "t": 21.5,\n  "a": [\n    1,\n    2\n  ]\n}');
  assert.equal(prettyJson(' 42 '), '42');
  assert.equal(prettyJson('maintenance'), null);
  assert.equal(prettyJson(''), null);
});

test('a message opens as JSON, text or hex by what it holds', () => {
  assert.equal(defaultView(text('{"on":true}')), 'json');
  assert.equal(defaultView(text('online')), 'text');
  assert.equal(defaultView(binary([0xff, 0x00])), 'hex');
});

test('payload bytes come from text as UTF-8 and from base64', () => {
  assert.deepEqual([...payloadBytes(text('é'))], [0xc3, 0xa9]);
  assert.deepEqual([...payloadBytes(binary([0xff, 0x00, 0x41]))], [0xff, 0x00, 0x41]);
});

test('hex dump rows have offset, bytes and printable characters; long payloads are cut', () => {
  const bytes = new Uint8Array([...'Hello, Outpost!!'].map((c) => c.charCodeAt(0)).concat([0x00, 0xff]));
  assert.equal(hexDump(bytes), [
    '00000000  48 65 6c 6c 6f 2c 20 4f 75 74 70 6f 73 74 21 21  |Hello, Outpost!!|',
    '00000010  00 ff                                            |..|',
  ].join('\n'));
  assert.equal(hexDump(new Uint8Array(40), 16).split('\n').at(-1), '… 24 more bytes');
});

test('a view that does not fit falls back and says so', () => {
  assert.deepEqual(formatPayload(text('{"a":1}'), 'json'), { text: '{\n  "a": 1\n}', view: 'json', note: null });
  assert.deepEqual(formatPayload(text('{"a":1}'), 'text'), { text: '{"a":1}', view: 'text', note: null });
  assert.deepEqual(formatPayload(text('plain'), 'json'), { text: 'plain', view: 'text', note: 'not JSON: shown as text' });
  assert.equal(formatPayload(binary([1, 2]), 'text').view, 'hex');
  assert.equal(formatPayload(text('AB'), 'hex').text, '00000000  41 42' + ' '.repeat(42) + '  |AB|');
  assert.equal(formatPayload(text(''), 'text').note, 'empty payload');
});

test('previews are one short line', () => {
  assert.equal(previewPayload(text('{\n  "t": 1\n}')), '{ "t": 1 }');
  assert.equal(previewPayload(text('x'.repeat(100)), 10), `${'x'.repeat(9)}…`);
  assert.equal(previewPayload(binary([1, 2, 3])), '3 bytes (binary)');
  assert.equal(previewPayload(text('')), '(empty)');
  assert.deepEqual([formatBytes(512), formatBytes(65536), formatBytes(3 * 1024 * 1024)], ['512 B', '64.0 KiB', '3.0 MiB']);
});
