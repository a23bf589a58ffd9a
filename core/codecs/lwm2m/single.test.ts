// Plain text (0), opaque (42) and CBOR (60): the one-value formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, encodeText } from './text.js';
import { decodeOpaque, encodeOpaque } from './opaque.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import { Lwm2mCodecError, type Lwm2mValue } from './model.js';
import { testTypes } from './test-types.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const res = (id: number, value: Lwm2mValue) => ({ kind: 'resource' as const, id, value });
const codecError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message));

// one value of each type in object 9999 (0 integer … 8 corelnk)
const EVERY_TYPE: [number, Lwm2mValue][] = [
  [0, 0], [0, -128], [0, -2147483649], [0, 2n ** 63n - 1n], [0, -(2n ** 63n)], [1, 4294967296], [1, 2n ** 64n - 1n],
  [2, 21.5], [2, -0.1], [2, 1e300], [3, true], [3, false], [4, ''], [4, 'héllo, "world"'], [5, Uint8Array.of(0, 1, 255)],
  [5, new Uint8Array()], [6, 1367491215], [6, 0], [7, { objectId: 3, instanceId: 0 }], [7, { objectId: 65535, instanceId: 65535 }],
  [8, '</3/0>;ver=1.1'],
];

test('plain text: spec-style values and round trips for every type', () => {
  assert.deepEqual(decodeText(text('Open Mobile Alliance'), [3, 0, 0], testTypes), res(0, 'Open Mobile Alliance'));
  assert.deepEqual(decodeText(text('1367491215'), [3, 0, 13], testTypes), res(13, 1367491215));
  assert.deepEqual(decodeText(text('-21.5'), [3303, 0, 5700], testTypes), res(5700, -21.5));
  assert.deepEqual(decodeText(text('1'), [9999, 0, 3], testTypes), res(3, true));
  assert.deepEqual(decodeText(text('3:0'), [9999, 0, 7], testTypes), res(7, { objectId: 3, instanceId: 0 }));
  assert.deepEqual(decodeText(text('AAH/'), [9999, 0, 5], testTypes), res(5, Uint8Array.of(0, 1, 255)));
  assert.deepEqual(decodeText(text('5'), [3, 0, 6, 1], testTypes), { kind: 'resourceInstance', id: 1, value: 5 });
  assert.deepEqual(encodeText([3, 0, 13], res(13, 1367491215), testTypes), text('1367491215'));
  assert.deepEqual(encodeText([9999, 0, 3], res(3, false), testTypes), text('0'));
  assert.deepEqual(encodeText([9999, 0, 1], res(1, 2n ** 64n - 1n), testTypes), text('18446744073709551615'));
  for (const [id, value] of EVERY_TYPE) {
    assert.deepEqual(decodeText(encodeText([9999, 0, id], res(id, value), testTypes), [9999, 0, id], testTypes), res(id, value), `${id}: ${String(value)}`);
  }
});

test('plain text: malformed values and levels', () => {
  codecError(() => decodeText(text('12a'), [3, 0, 9], testTypes), /"12a" is not a valid integer/);
  codecError(() => decodeText(text('-1'), [9999, 0, 1], testTypes), /-1 is not a valid unsigned/);
  codecError(() => decodeText(text('9223372036854775808'), [9999, 0, 0], testTypes), /not a valid integer/);
  codecError(() => decodeText(text('1.2.3'), [3303, 0, 5700], testTypes), /not a valid float/);
  codecError(() => decodeText(text('true'), [9999, 0, 3], testTypes), /not a valid boolean/);
  codecError(() => decodeText(text('3:'), [9999, 0, 7], testTypes), /not an object link/);
  codecError(() => decodeText(text('3:70000'), [9999, 0, 7], testTypes), /not an object link/);
  codecError(() => decodeText(text('abc!'), [9999, 0, 5], testTypes), /not a valid opaque/);
  codecError(() => decodeText(hex('C3 28'), [3, 0, 0], testTypes), /not UTF-8/);
  codecError(() => decodeText(text('1'), [3, 0], testTypes), /text holds one value/);
  codecError(() => encodeText([3, 0, 9], res(9, 'x'), testTypes), /string is not a valid integer/);
});

test('opaque: bytes in, bytes out, only for opaque resources', () => {
  const bytes = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
  assert.deepEqual(decodeOpaque(bytes, [9999, 0, 5], testTypes), res(5, bytes));
  assert.deepEqual(decodeOpaque(new Uint8Array(), [9999, 0, 5], testTypes), res(5, new Uint8Array()));
  assert.deepEqual(encodeOpaque([9999, 0, 5], res(5, bytes), testTypes), bytes);
  assert.deepEqual(decodeOpaque(bytes, [5, 0, 0], testTypes), res(0, bytes)); // unknown to the table: taken as opaque
  codecError(() => decodeOpaque(bytes, [3, 0, 9], testTypes), /integer resource, not opaque/);
  codecError(() => encodeOpaque([9999, 0, 5], res(5, 'text'), testTypes), /not a valid opaque|not bytes/);
  codecError(() => decodeOpaque(bytes, [9999], testTypes), /holds one value/);
});

test('CBOR: values as CBOR items, and every type round-trips', () => {
  assert.deepEqual(decodeCbor(hex('F9 4D 60'), [3303, 0, 5700], testTypes), res(5700, 21.5)); // half float
  assert.deepEqual(decodeCbor(hex('FA 41 AC 00 00'), [3303, 0, 5700], testTypes), res(5700, 21.5));
  assert.deepEqual(decodeCbor(hex('18 64'), [3, 0, 9], testTypes), res(9, 100));
  assert.deepEqual(decodeCbor(hex('C1 1A 51 82 42 8F'), [3, 0, 13], testTypes), res(13, 1367491215)); // tag 1 time
  assert.deepEqual(decodeCbor(hex('1A 51 82 42 8F'), [3, 0, 13], testTypes), res(13, 1367491215));
  assert.deepEqual(decodeCbor(hex('63 33 3A 30'), [9999, 0, 7], testTypes), res(7, { objectId: 3, instanceId: 0 }));
  assert.deepEqual(decodeCbor(hex('43 01 02 03'), [9999, 0, 5], testTypes), res(5, Uint8Array.of(1, 2, 3)));
  assert.deepEqual(decodeCbor(hex('3B 7F FF FF FF FF FF FF FF'), [9999, 0, 0], testTypes), res(0, -(2n ** 63n)));
  assert.deepEqual(encodeCbor([3, 0, 9], res(9, 100), testTypes), hex('18 64'));
  assert.deepEqual(encodeCbor([9999, 0, 5], res(5, Uint8Array.of(1, 2, 3)), testTypes), hex('43 01 02 03'));
  assert.deepEqual(encodeCbor([9999, 0, 7], res(7, { objectId: 3, instanceId: 0 }), testTypes), hex('63 33 3A 30'));
  for (const [id, value] of EVERY_TYPE) {
    assert.deepEqual(decodeCbor(encodeCbor([9999, 0, id], res(id, value), testTypes), [9999, 0, id], testTypes), res(id, value), `${id}: ${String(value)}`);
  }
});

test('CBOR: invalid, truncated and mistyped items', () => {
  codecError(() => decodeCbor(hex('FF'), [3, 0, 9], testTypes), /invalid CBOR/);
  codecError(() => decodeCbor(hex('1A 51 82'), [3, 0, 9], testTypes), /invalid CBOR/);
  codecError(() => decodeCbor(hex('5B 00 00 00 FF FF FF FF FF'), [9999, 0, 5], testTypes), /invalid CBOR/); // huge byte string
  codecError(() => decodeCbor(hex('9B 00 00 00 FF FF FF FF FF'), [9999, 0, 5], testTypes), /invalid CBOR/); // huge array
  codecError(() => decodeCbor(hex('01 02'), [3, 0, 9], testTypes), /invalid CBOR/); // trailing bytes
  codecError(() => decodeCbor(new Uint8Array(), [3, 0, 9], testTypes), /empty payload/);
  codecError(() => decodeCbor(hex('F5'), [3, 0, 9], testTypes), /boolean is not a valid integer/);
  codecError(() => decodeCbor(hex('F9 3E 00'), [3, 0, 9], testTypes), /1.5 is not a whole number/);
  codecError(() => decodeCbor(hex('20'), [9999, 0, 1], testTypes), /-1 is not a valid unsigned/);
  codecError(() => decodeCbor(hex('80'), [3, 0, 9], testTypes), /CBOR array is not an LwM2M value/);
  codecError(() => decodeCbor(hex('18 64'), [3, 0], testTypes), /holds one value/);
  for (let round = 0; round < 2000; round++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(Math.random() * 12) }, () => Math.floor(Math.random() * 256));
    try {
      decodeCbor(bytes, [9999, 0, round % 9], testTypes);
    } catch (e) {
      assert.ok(e instanceof Lwm2mCodecError, `${Buffer.from(bytes).toString('hex')}: ${String(e)}`);
    }
  }
});
