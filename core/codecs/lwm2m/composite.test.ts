// Composite payloads (LwM2M 1.1 Read-/Observe-/Write-Composite) in SenML JSON (110) and CBOR (112).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCompositePaths, decodeCompositeValues, encodeCompositePaths, encodeCompositeValues } from './composite.js';
import { Lwm2mCodecError, type Lwm2mRecord } from './model.js';
import { testTypes } from './test-types.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const codecError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message), String(message));

// A Read-Composite request body in the shape TS Core 1.1 describes (composed here, not copied from a
// figure): names only, across objects and levels
const READ_COMPOSITE_JSON = '[{"n":"/3/0/0"},{"n":"/3/0/9"},{"n":"/1/0"}]';

test('Read-Composite body in SenML JSON: encode and decode', () => {
  assert.equal(text(encodeCompositePaths(110, [[3, 0, 0], [3, 0, 9], [1, 0]])), READ_COMPOSITE_JSON);
  assert.deepEqual(decodeCompositePaths(110, utf8(READ_COMPOSITE_JSON)), [[3, 0, 0], [3, 0, 9], [1, 0]]);
});

test('Read-Composite body in SenML CBOR: bytes by hand (RFC 8428 label n = 0)', () => {
  // 82 = array(2); a1 = map(1); 00 = key n; 66 = text(6) "/3/0/0"; 64 = text(4) "/1/0"
  const bytes = hex('82 a1 00 66 2f332f302f30 a1 00 64 2f312f30');
  assert.deepEqual(encodeCompositePaths(112, [[3, 0, 0], [1, 0]]), bytes);
  assert.deepEqual(decodeCompositePaths(112, bytes), [[3, 0, 0], [1, 0]]);
});

test('composite paths: base names are concatenated with names, and a base name alone is a name', () => {
  const pack = '[{"bn":"/3/0/","n":"0"},{"n":"9"},{"bn":"/1/0/","n":"1"},{"bn":"/3303"}]';
  assert.deepEqual(decodeCompositePaths(110, utf8(pack)), [[3, 0, 0], [3, 0, 9], [1, 0, 1], [3303]]);
  // CBOR: bn is -2 (0x21)
  const cbor = hex('82 a2 21 65 2f332f302f 00 61 30 a1 00 61 39');
  assert.deepEqual(decodeCompositePaths(112, cbor), [[3, 0, 0], [3, 0, 9]]);
});

test('composite paths: every malformed body is a clear Lwm2mCodecError', () => {
  codecError(() => decodeCompositePaths(110, utf8('{')), /SenML JSON: the payload is not JSON/);
  codecError(() => decodeCompositePaths(110, utf8('[]')), /not a non-empty array/);
  codecError(() => decodeCompositePaths(110, utf8('[7]')), /record 0 is not an object/);
  codecError(() => decodeCompositePaths(110, utf8('[{"n":5}]')), /record 0: "n" is number, not a string/);
  codecError(() => decodeCompositePaths(110, utf8('[{}]')), /record 0: no name and no base name/);
  codecError(() => decodeCompositePaths(110, utf8('[{"n":"/"}]')), /names the root/);
  codecError(() => decodeCompositePaths(110, utf8('[{"n":"/3/x"}]')), /not an id/);
  codecError(() => decodeCompositePaths(112, hex('82 a1 00 61')), /invalid CBOR/);
  codecError(() => decodeCompositePaths(112, hex('81 01')), /record 0 is not a map/);
  codecError(() => decodeCompositePaths(11542, hex('00')), /content format 11542 is not SenML/);
  codecError(() => encodeCompositePaths(110, []), /no paths/);
  codecError(() => encodeCompositePaths(110, [[]]), /not an object, instance/);
});

// A Write-Composite body (TS Core 1.1, Write-Composite): full names and values
const WRITE_COMPOSITE_JSON = '[{"n":"/3/0/14","vs":"+02:00"},{"n":"/3303/0/5601","v":-10.5},{"n":"/3/0/22/1","vlo":"3:0"}]';
const WRITE_RECORDS: Lwm2mRecord[] = [
  { path: [3, 0, 14], value: '+02:00' }, { path: [3303, 0, 5601], value: -10.5 }, { path: [3, 0, 22, 1], value: { objectId: 3, instanceId: 0 } },
];

test('Write-Composite body: full paths and typed values, both formats round-trip', () => {
  assert.equal(text(encodeCompositeValues(110, WRITE_RECORDS, testTypes)), WRITE_COMPOSITE_JSON);
  for (const ct of [110, 112]) {
    const decoded = decodeCompositeValues(ct, encodeCompositeValues(ct, WRITE_RECORDS, testTypes), testTypes);
    assert.deepEqual([...decoded.keys()], ['/3/0/14', '/3303/0/5601', '/3/0/22/1']);
    assert.deepEqual([...decoded.values()], WRITE_RECORDS);
  }
  codecError(() => encodeCompositeValues(110, [{ path: [3, 0], value: 1 }], testTypes), /\/3\/0 is not a resource/);
  codecError(() => encodeCompositeValues(110, [], testTypes), /no values/);
  codecError(() => encodeCompositeValues(110, [{ path: [3303, 0, 5700], value: 'warm' }], testTypes), /3303\/0\/5700: string is not a valid float/);
});

test('composite values: a Read-Composite answer keyed by full path, the last of a repeated path wins', () => {
  const answer = '[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"9","v":100},{"bn":"/3303/0/5700","v":21},{"bn":"/3303/0/5700","v":22}]';
  const values = decodeCompositeValues(110, utf8(answer), testTypes);
  assert.deepEqual([...values].map(([k, r]) => [k, r.value]), [['/3/0/0', 'Open Mobile Alliance'], ['/3/0/9', 100], ['/3303/0/5700', 22]]);
  codecError(() => decodeCompositeValues(110, utf8('[{"n":"/3/0/9"}]'), testTypes), /no value/);
});
