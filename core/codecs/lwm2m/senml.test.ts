// SenML JSON (110) and SenML CBOR (112).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSenmlJson, decodeSenmlJsonRecords, encodeSenmlJson, encodeSenmlJsonRecords } from './senml-json.js';
import { decodeSenmlCbor, decodeSenmlCborRecords, encodeSenmlCbor, encodeSenmlCborRecords } from './senml-cbor.js';
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type Lwm2mValue } from './model.js';
import { DEVICE_0, multi, res, ri, testTypes } from './test-types.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const ascii = (s: string): string => Buffer.from(s).toString('hex');
const codecError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message));

// TS Core §7.4.4 example: Read /3/0 in SenML JSON
const DEVICE_JSON = `[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"1","vs":"Lightweight M2M Client"},
{"n":"2","vs":"345000123"},{"n":"3","vs":"1.0"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"7/0","v":3800},
{"n":"7/1","v":5000},{"n":"8/0","v":125},{"n":"8/1","v":900},{"n":"9","v":100},{"n":"10","v":15},
{"n":"11/0","v":0},{"n":"13","v":1367491215},{"n":"14","vs":"+02:00"},{"n":"16","vs":"U"}]`;

test('SenML JSON spec example: Device object instance /3/0, decode and encode', () => {
  assert.deepEqual(decodeSenmlJson(utf8(DEVICE_JSON), [3, 0], testTypes), DEVICE_0);
  assert.equal(new TextDecoder().decode(encodeSenmlJson([3, 0], DEVICE_0, testTypes)), DEVICE_JSON.replace(/\n/g, ''));
  assert.deepEqual(decodeSenmlJson(utf8(DEVICE_JSON), [3], testTypes), { kind: 'object', id: 3, instances: [DEVICE_0] });
});

test('SenML JSON: single resource, multiple resource, resource instance', () => {
  const single = '[{"bn":"/3/0/0","vs":"Open Mobile Alliance"}]';
  assert.deepEqual(decodeSenmlJson(utf8(single), [3, 0, 0], testTypes), res(0, 'Open Mobile Alliance'));
  assert.equal(new TextDecoder().decode(encodeSenmlJson([3, 0, 0], res(0, 'Open Mobile Alliance'), testTypes)), single);
  const sources = '[{"bn":"/3/0/6/","n":"0","v":1},{"n":"1","v":5}]';
  assert.deepEqual(decodeSenmlJson(utf8(sources), [3, 0, 6], testTypes), multi(6, { 0: 1, 1: 5 }));
  assert.equal(new TextDecoder().decode(encodeSenmlJson([3, 0, 6], multi(6, { 0: 1, 1: 5 }), testTypes)), sources);
  assert.deepEqual(decodeSenmlJson(utf8('[{"bn":"/3/0/6/1","v":5}]'), [3, 0, 6, 1], testTypes), ri(1, 5));
});

test('SenML records: times from bt + t, names across objects (a Send or Read-Composite)', () => {
  const pack = '[{"bn":"/3303/0/","bt":1700000000,"n":"5700","v":21.5,"t":-5},{"n":"5700","v":22},{"bn":"/3/0/","n":"9","v":80}]';
  assert.deepEqual(decodeSenmlJsonRecords(utf8(pack), testTypes), [
    { path: [3303, 0, 5700], value: 21.5, time: 1699999995 },
    { path: [3303, 0, 5700], value: 22, time: 1700000000 },
    { path: [3, 0, 9], value: 80, time: 1700000000 }, // bt carries on until changed
  ]);
  const records: Lwm2mRecord[] = [{ path: [3303, 0, 5700], value: 21.5, time: 1700000000 }, { path: [3, 0, 9], value: 80 }];
  assert.deepEqual(decodeSenmlJsonRecords(encodeSenmlJsonRecords(records, testTypes), testTypes), records);
  assert.deepEqual(decodeSenmlCborRecords(encodeSenmlCborRecords(records, testTypes), testTypes), records);
});

// every type in object 9999 (0 integer … 8 corelnk), as one object instance
const EVERY: Lwm2mNode = {
  kind: 'instance', id: 0, resources: [
    res(0, -2147483649), res(1, 4294967296), res(2, 21.5), res(3, false), res(4, ''), res(5, Uint8Array.of(0, 1, 0xfb, 0xff)),
    res(6, 1367491215), multi(7, { 0: { objectId: 3, instanceId: 0 }, 1: { objectId: 65535, instanceId: 65535 } }), res(8, '</3/0>,</1/0>'),
  ],
};

test('every data type round-trips through SenML JSON and SenML CBOR, at every level', () => {
  const levels: [Lwm2mPath, Lwm2mNode][] = [
    [[9999], { kind: 'object', id: 9999, instances: [EVERY as typeof EVERY & { kind: 'instance' }] }],
    [[9999, 0], EVERY], [[9999, 0, 7], multi(7, { 0: { objectId: 3, instanceId: 0 } })], [[9999, 0, 7, 0], ri(0, { objectId: 3, instanceId: 0 })],
    [[9999, 0, 2], res(2, 0.1)], [[9999, 0, 2], res(2, -1e300)], [[9999, 0, 0], res(0, -128)],
  ];
  for (const [path, node] of levels) {
    assert.deepEqual(decodeSenmlJson(encodeSenmlJson(path, node, testTypes), path, testTypes), node, `JSON ${path}`);
    assert.deepEqual(decodeSenmlCbor(encodeSenmlCbor(path, node, testTypes), path, testTypes), node, `CBOR ${path}`);
  }
  // unsigned above 2^53 survives CBOR (JSON numbers are doubles)
  const big = res(1, 2n ** 64n - 1n);
  assert.deepEqual(decodeSenmlCbor(encodeSenmlCbor([9999, 0, 1], big, testTypes), [9999, 0, 1], testTypes), big);
  // opaque is base64url in JSON, a byte string in CBOR; objlnk is "vlo"
  const json = new TextDecoder().decode(encodeSenmlJson([9999, 0], EVERY, testTypes));
  assert.match(json, /"n":"5","vd":"AAH7_w"/);
  assert.match(json, /"n":"7\/1","vlo":"65535:65535"/);
  assert.match(json, /"n":"3","vb":false/);
});

test('SenML CBOR: a hand-built pack decodes; encoding uses the integer labels', () => {
  // [{-2: "/3303/0/", 0: "5700", 2: 21.5 (half float)}, {0: "5701", 3: "Cel"}]
  const pack = hex(`82 A3 21 68 ${ascii('/3303/0/')} 00 64 ${ascii('5700')} 02 F9 4D 60  A2 00 64 ${ascii('5701')} 03 63 ${ascii('Cel')}`);
  const node = { kind: 'instance' as const, id: 0, resources: [res(5700, 21.5), res(5701, 'Cel')] };
  assert.deepEqual(decodeSenmlCbor(pack, [3303, 0], testTypes), node);
  assert.deepEqual(encodeSenmlCbor([3303, 0, 5700], res(5700, 21.5), testTypes),
    hex(`81 A2 21 6C ${ascii('/3303/0/5700')} 02 FB 40 35 80 00 00 00 00 00`));
  // opaque as a byte string (8), objlnk under the text label "vlo"
  assert.deepEqual(encodeSenmlCbor([9999, 0, 5], res(5, Uint8Array.of(1, 2)), testTypes), hex(`81 A2 21 69 ${ascii('/9999/0/5')} 08 42 01 02`));
  assert.deepEqual(encodeSenmlCbor([9999, 0, 7], res(7, { objectId: 3, instanceId: 0 }), testTypes),
    hex(`81 A2 21 69 ${ascii('/9999/0/7')} 63 ${ascii('vlo')} 63 ${ascii('3:0')}`));
});

test('malformed SenML: bad base names, wrong types, missing values, invalid bytes', () => {
  const json = (s: string, path: Lwm2mPath = [3, 0]) => () => decodeSenmlJson(utf8(s), path, testTypes);
  codecError(json('{"bn":"/3/0/"}'), /not an array of records/);
  codecError(json('[{"bn":"/3/0/",'), /not JSON/);
  codecError(json('[1]'), /record 0 is not an object/);
  codecError(json('[{"bn":"3/0/","n":"9","v":1}]'), /record 0: name: "3\/0\/9" does not start with "\/"/);
  codecError(json('[{"bn":"/3/x/","n":"9","v":1}]'), /"x", not an id/);
  codecError(json('[{"bn":"/3/0/9/0/1","v":1}]'), /more than 4 levels/);
  codecError(json('[{"bn":"/3/70000/9","v":1}]'), /not an id 0..65535/);
  codecError(json('[{"bn":"/3/","n":"0","v":1}]'), /"\/3\/0" is not a resource path/);
  codecError(json('[{"v":1}]'), /no name and no base name/);
  codecError(json('[{"bn":"/3/0/","n":"9"}]'), /\(\/3\/0\/9\): no value/);
  codecError(json('[{"bn":"/3/0/","n":"9","v":1,"vs":"1"}]'), /two values \(v, vs\)/);
  codecError(json('[{"bn":"/3/0/","n":"9","v":"100"}]'), /"v" is string, not a number/);
  codecError(json('[{"bn":"/3/0/","n":"9","vs":"100"}]'), /string is not a valid integer/);
  codecError(json('[{"bn":"/3/0/","n":"9","v":1.5}]'), /1.5 is not a whole number/);
  codecError(json('[{"bn":"/3/0/","n":"9","vb":1}]'), /"vb" is number, not a boolean/);
  codecError(json('[{"bn":9,"n":"9","v":1}]'), /"bn" is number, not a string/);
  codecError(json('[{"bn":"/3/0/","n":"9","v":1,"bt":"now"}]'), /"bt" is string, not a number/);
  codecError(json('[{"bn":"/9999/0/","n":"5","vd":"not base64!"}]'), /"vd" is not base64url/);
  codecError(json('[{"bn":"/9999/0/","n":"7","vlo":"3-0"}]'), /not an object link/);
  codecError(json('[{"bn":"/3/0/","n":"9","v":1,"x_":1}]'), /must-understand label "x_"/);
  codecError(json('[{"bn":"/4/0/","n":"9","v":1}]'), /\/4\/0\/9 is outside \/3\/0/);
  codecError(json('[{"bn":"/3/0/","n":"9","v":1},{"n":"9","v":2}]'), /appears twice/);
  codecError(json('[{"bn":"/3/0/","n":"6","v":1},{"n":"6/0","v":2}]'), /both single and multi-instance/);
  codecError(json('[]', [3, 0, 9]), /no value for \/3\/0\/9/);
  const cbor = (s: string) => () => decodeSenmlCbor(hex(s), [3, 0], testTypes);
  codecError(cbor('FF'), /invalid CBOR/);
  codecError(cbor('81 A2 21 65'), /invalid CBOR/); // truncated
  codecError(cbor('9B 00 00 00 FF FF FF FF FF'), /invalid CBOR/); // a huge declared array
  codecError(cbor('A0'), /not an array of records/);
  codecError(cbor('81 80'), /record 0 is not a map/);
  codecError(cbor(`81 A2 21 65 ${ascii('/3/0/')} 02 61 ${ascii('1')}`), /"v" is string, not a number/);
  codecError(cbor(`81 A3 21 65 ${ascii('/3/0/')} 00 61 ${ascii('9')} 08 61 ${ascii('1')}`), /"vd" is not a byte string/);
  codecError(cbor(`81 A2 21 65 ${ascii('/3/0/')} 02 01`), /"\/3\/0\/" is not a resource path/);
  for (let round = 0; round < 2000; round++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(Math.random() * 16) }, (_, i) => (i === 0 ? 0x81 : Math.floor(Math.random() * 256)));
    try {
      decodeSenmlCbor(bytes, [3, 0], testTypes);
    } catch (e) {
      assert.ok(e instanceof Lwm2mCodecError, `${Buffer.from(bytes).toString('hex')}: ${String(e)}`);
    }
  }
});

test('SenML encode refuses values of the wrong type', () => {
  const bad = (id: number, value: Lwm2mValue) => () => encodeSenmlJson([9999, 0, id], res(id, value), testTypes);
  codecError(bad(0, 'x'), /string is not a valid integer/);
  codecError(bad(1, -5), /-5 is not a valid unsigned/);
  codecError(bad(3, 1), /number is not a valid boolean/);
});
