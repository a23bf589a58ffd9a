import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTlv, encodeTlv } from './tlv.js';
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath, type Lwm2mValue } from './model.js';
import { DEVICE_0, multi, res, ri, testTypes } from './test-types.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const ascii = (s: string): string => Buffer.from(s).toString('hex');
const tlvError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message));

// TS Core §7.4.3 example: Read /3/0 of the Device object, resource by resource
const DEVICE_RESOURCES = [
  `C8 00 14 ${ascii('Open Mobile Alliance')}`,
  `C8 01 16 ${ascii('Lightweight M2M Client')}`,
  `C8 02 09 ${ascii('345000123')}`,
  `C3 03 ${ascii('1.0')}`,
  '86 06 41 00 01 41 01 05', // available power sources: [0]=1, [1]=5
  '88 07 08 42 00 0E D8 42 01 13 88', // power source voltage: [0]=3800, [1]=5000 (8-bit length field)
  '87 08 41 00 7D 42 01 03 84', // power source current: [0]=125, [1]=900
  'C1 09 64', // battery level 100
  'C1 0A 0F', // memory free 15
  '83 0B 41 00 00', // error code [0]=0
  'C4 0D 51 82 42 8F', // current time 1367491215
  `C6 0E ${ascii('+02:00')}`,
  `C1 10 ${ascii('U')}`,
].join(' ');

/** The value bytes of one resource entry with an 8-bit id (a length byte follows from 8 bytes up). */
const valueHex = (e: Uint8Array): string => Buffer.from(e.subarray(e[0]! & 0x18 ? 3 : 2)).toString('hex').toUpperCase();

test('spec example: Device object instance /3/0, as resources and inside its instance entry', () => {
  assert.deepEqual(decodeTlv(hex(DEVICE_RESOURCES), [3, 0], testTypes), DEVICE_0);
  const length = hex(DEVICE_RESOURCES).length;
  assert.equal(length, 121);
  const wrapped = hex(`08 00 79 ${DEVICE_RESOURCES}`); // 0x08: instance, 8-bit id, 8-bit length 0x79
  assert.deepEqual(decodeTlv(wrapped, [3, 0], testTypes), DEVICE_0);
  assert.deepEqual(decodeTlv(wrapped, [3], testTypes), { kind: 'object', id: 3, instances: [DEVICE_0] });
  assert.deepEqual(encodeTlv([3, 0], DEVICE_0, testTypes), hex(DEVICE_RESOURCES));
  assert.deepEqual(encodeTlv([3], { kind: 'object', id: 3, instances: [DEVICE_0] }, testTypes), wrapped);
});

test('spec example: single resource /3/0/0 and multiple resource /3/0/6, and one resource instance', () => {
  const manufacturer = hex(`C8 00 14 ${ascii('Open Mobile Alliance')}`);
  assert.deepEqual(decodeTlv(manufacturer, [3, 0, 0], testTypes), res(0, 'Open Mobile Alliance'));
  assert.deepEqual(encodeTlv([3, 0, 0], res(0, 'Open Mobile Alliance'), testTypes), manufacturer);
  const sources = hex('86 06 41 00 01 41 01 05');
  assert.deepEqual(decodeTlv(sources, [3, 0, 6], testTypes), multi(6, { 0: 1, 1: 5 }));
  assert.deepEqual(encodeTlv([3, 0, 6], multi(6, { 0: 1, 1: 5 }), testTypes), sources);
  assert.deepEqual(decodeTlv(hex('41 01 05'), [3, 0, 6, 1], testTypes), ri(1, 5));
  assert.deepEqual(encodeTlv([3, 0, 6, 1], ri(1, 5), testTypes), hex('41 01 05'));
});

test('spec example: Access Control object /2 with two instances and a 16-bit resource instance id', () => {
  const bytes = hex('08 00 0E C1 00 01 C1 01 00 83 02 41 7F 07 C1 03 7F 08 02 12 C1 00 03 C1 01 00 87 02 41 7F 07 61 01 36 01 C1 03 7F');
  const node: Lwm2mNode = {
    kind: 'object', id: 2, instances: [
      { kind: 'instance', id: 0, resources: [res(0, 1), res(1, 0), multi(2, { 127: 7 }), res(3, 127)] },
      { kind: 'instance', id: 2, resources: [res(0, 3), res(1, 0), multi(2, { 127: 7, 310: 1 }), res(3, 127)] },
    ],
  };
  assert.deepEqual(decodeTlv(bytes, [2], testTypes), node);
  assert.deepEqual(encodeTlv([2], node, testTypes), bytes);
});

test('integers of every width, negative and positive, at the width boundaries', () => {
  const cases: [Lwm2mValue, string][] = [
    [0, '00'], [127, '7F'], [-128, '80'], [128, '0080'], [-129, 'FF7F'], [32767, '7FFF'], [-32768, '8000'],
    [32768, '00008000'], [-2147483648, '80000000'], [2147483647, '7FFFFFFF'], [2147483648, '0000000080000000'],
    [-2147483649, 'FFFFFFFF7FFFFFFF'], [Number.MAX_SAFE_INTEGER, '001FFFFFFFFFFFFF'],
    [2n ** 63n - 1n, '7FFFFFFFFFFFFFFF'], [-(2n ** 63n), '8000000000000000'],
  ];
  for (const [value, bytes] of cases) {
    const node = res(0, value);
    const encoded = encodeTlv([9999, 0, 0], node, testTypes);
    assert.equal(valueHex(encoded), bytes, `${value}`);
    assert.deepEqual(decodeTlv(encoded, [9999, 0, 0], testTypes), node, `${value}`);
  }
});

test('unsigned integers above 2^31 and 2^63, time as integer seconds', () => {
  for (const [value, bytes] of [[255, 'FF'], [2147483648, '80000000'], [4294967295, 'FFFFFFFF'], [2n ** 64n - 1n, 'FFFFFFFFFFFFFFFF']] as const) {
    const encoded = encodeTlv([9999, 0, 1], res(1, value), testTypes);
    assert.equal(valueHex(encoded), bytes);
    assert.deepEqual(decodeTlv(encoded, [9999, 0, 1], testTypes), res(1, value));
  }
  // the same 4 bytes are negative as an integer
  assert.deepEqual(decodeTlv(hex('C4 00 FF FF FF FF'), [9999, 0, 0], testTypes), res(0, -1));
  assert.deepEqual(decodeTlv(hex('C4 06 51 82 42 8F'), [9999, 0, 6], testTypes), res(6, 1367491215));
  assert.throws(() => encodeTlv([9999, 0, 1], res(1, -1), testTypes), Lwm2mCodecError);
});

test('floats: 4 bytes when exact, 8 otherwise; both widths decode', () => {
  assert.deepEqual(encodeTlv([9999, 0, 2], res(2, 21.5), testTypes), hex('C4 02 41 AC 00 00'));
  assert.deepEqual(encodeTlv([9999, 0, 2], res(2, 0.1), testTypes), hex('C8 02 08 3F B9 99 99 99 99 99 9A'));
  assert.deepEqual(decodeTlv(hex('C4 02 41 AC 00 00'), [9999, 0, 2], testTypes), res(2, 21.5));
  assert.deepEqual(decodeTlv(hex('C8 02 08 3F B9 99 99 99 99 99 9A'), [9999, 0, 2], testTypes), res(2, 0.1));
  assert.deepEqual(decodeTlv(hex('C4 02 C0 00 00 00'), [9999, 0, 2], testTypes), res(2, -2));
});

test('every other type round-trips: boolean, empty string, opaque, objlnk, corelnk', () => {
  const values: [number, Lwm2mValue][] = [
    [3, true], [3, false], [4, ''], [4, 'héllo'], [5, new Uint8Array()], [5, Uint8Array.of(0, 255, 1)],
    [7, { objectId: 3, instanceId: 0 }], [7, { objectId: 0xffff, instanceId: 0xffff }], [8, '</3/0>,</1/0>'],
    [4, 'x'.repeat(300)], [5, new Uint8Array(70_000)],
  ];
  for (const [id, value] of values) {
    const encoded = encodeTlv([9999, 0, id], res(id, value), testTypes);
    assert.deepEqual(decodeTlv(encoded, [9999, 0, id], testTypes), res(id, value));
  }
  assert.deepEqual(encodeTlv([9999, 0, 7], res(7, { objectId: 0xffff, instanceId: 0xffff }), testTypes), hex('C4 07 FF FF FF FF'));
  assert.deepEqual(encodeTlv([9999, 0, 4], res(4, ''), testTypes), hex('C0 04'));
  // 16-bit resource id, 16- and 24-bit length fields
  assert.deepEqual(encodeTlv([3303, 0, 5700], res(5700, 21.5), testTypes), hex('E4 16 44 41 AC 00 00'));
  assert.deepEqual(encodeTlv([9999, 0, 4], res(4, 'x'.repeat(300)), testTypes).subarray(0, 4), hex('D0 04 01 2C'));
  assert.deepEqual(encodeTlv([9999, 0, 5], res(5, new Uint8Array(70_000)), testTypes).subarray(0, 5), hex('D8 05 01 11 70'));
});

test('a resource the type table does not know decodes as its bytes', () => {
  assert.deepEqual(decodeTlv(hex('C2 63 01 02'), [9999, 0, 99], testTypes), res(99, Uint8Array.of(1, 2)));
});

test('malformed TLV throws Lwm2mCodecError naming what and where', () => {
  tlvError(() => decodeTlv(hex('E8 16 44 08 41 AC 00'), [3303, 0, 5700], testTypes), /resource 5700 says 8 bytes but only 3 remain/);
  tlvError(() => decodeTlv(hex('C8'), [3, 0, 0], testTypes), /id of a resource needs 1 bytes but only 0 remain/);
  tlvError(() => decodeTlv(hex('E0 16'), [3303, 0, 5700], testTypes), /id of a resource needs 2 bytes/);
  tlvError(() => decodeTlv(hex('D8 00 FF'), [3, 0, 0], testTypes), /length of resource 0 needs 3 bytes/);
  tlvError(() => decodeTlv(hex('D8 00 FF FF FF'), [3, 0, 0], testTypes), /says 16777215 bytes but only 0 remain/);
  tlvError(() => decodeTlv(hex('86 06 41 00 01 41 01'), [3, 0, 6], testTypes), /multiple resource 6 says 6 bytes but only 5 remain/);
  tlvError(() => decodeTlv(hex('85 06 43 00 01 02 03'), [3, 0, 6], testTypes), /\/3\/0\/6\/0: integer of 3 bytes/);
  tlvError(() => decodeTlv(hex('C3 09 01 02 03'), [3, 0, 9], testTypes), /\/3\/0\/9: integer of 3 bytes/);
  tlvError(() => decodeTlv(hex('C1 03 02'), [9999, 0, 3], testTypes), /boolean byte 2/);
  tlvError(() => decodeTlv(hex('C2 04 C3 28'), [9999, 0, 4], testTypes), /not UTF-8/);
  tlvError(() => decodeTlv(hex('C3 02 00 00 00'), [9999, 0, 2], testTypes), /float of 3 bytes/);
  // nested too deep: an instance inside an instance, a resource inside a multiple resource
  tlvError(() => decodeTlv(hex('08 00 03 08 01 00'), [3], testTypes), /object instance where a resource is expected/);
  tlvError(() => decodeTlv(hex('83 06 C1 00 01'), [3, 0, 6], testTypes), /resource where a resource instance is expected/);
  tlvError(() => decodeTlv(hex('C1 09 64'), [3], testTypes), /resource where an object instance is expected/);
  tlvError(() => decodeTlv(hex('C1 09 64 C1 0A 0F'), [3, 0, 9], testTypes), /expected one entry, found 2/);
  tlvError(() => decodeTlv(hex('C1 0A 0F'), [3, 0, 9], testTypes), /payload is for id 10/);
});

test('random bytes never throw anything but Lwm2mCodecError', () => {
  const paths: Lwm2mPath[] = [[3], [3, 0], [3, 0, 6], [3, 0, 6, 0], [9999, 0, 2]];
  for (let round = 0; round < 3000; round++) {
    const bytes = Uint8Array.from({ length: Math.floor(Math.random() * 24) }, () => Math.floor(Math.random() * 256));
    for (const path of paths) {
      try {
        decodeTlv(bytes, path, testTypes);
      } catch (e) {
        assert.ok(e instanceof Lwm2mCodecError, `${Buffer.from(bytes).toString('hex')} at ${path}: ${String(e)}`);
      }
    }
  }
});

test('encode refuses a path that does not fit the node, and values of the wrong type', () => {
  assert.throws(() => encodeTlv([3, 0], res(0, 'x'), testTypes), /does not fit a resource/);
  assert.throws(() => encodeTlv([3, 0, 9], res(9, 'x'), testTypes), /string is not a valid integer/);
  assert.throws(() => encodeTlv([3, 0, 9], res(9, 1.5), testTypes), /1.5 is not a valid integer/);
});
