import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_FORMATS, CT, decodeContent, decodeRecords, encodeContent } from './registry.js';
import { chooseRequestFormat, requestFormats } from './choose-format.js';
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath } from './model.js';
import { DEVICE_0, multi, res, ri, testTypes } from './test-types.js';

test('every registered format round-trips what it can hold', () => {
  assert.deepEqual([...CONTENT_FORMATS.keys()].sort((a, b) => a - b), [0, 42, 60, 110, 112, 11542, 11543]);
  const structured: [Lwm2mPath, Lwm2mNode][] = [
    [[3, 0], DEVICE_0], [[3], { kind: 'object', id: 3, instances: [DEVICE_0] }], [[3, 0, 7], multi(7, { 0: 3800, 1: 5000 })],
    [[3, 0, 7, 1], ri(1, 5000)], [[3303, 0, 5700], res(5700, -12.25)],
  ];
  for (const ct of [CT.TLV, CT.SENML_JSON, CT.SENML_CBOR, CT.LWM2M_JSON]) {
    for (const [path, node] of structured) {
      assert.deepEqual(decodeContent(ct, encodeContent(ct, path, node, testTypes), path, testTypes), node, `${ct} ${path}`);
    }
  }
  for (const ct of [CT.TEXT, CT.CBOR]) {
    assert.deepEqual(decodeContent(ct, encodeContent(ct, [3303, 0, 5700], res(5700, -12.25), testTypes), [3303, 0, 5700], testTypes), res(5700, -12.25));
  }
  const bytes = Uint8Array.of(1, 2, 3);
  assert.deepEqual(decodeContent(CT.OPAQUE, encodeContent(CT.OPAQUE, [9999, 0, 5], res(5, bytes), testTypes), [9999, 0, 5], testTypes), res(5, bytes));
});

test('records by path: SenML keeps other paths and times; TLV gives the request path its records', () => {
  const senml = new TextEncoder().encode('[{"bn":"/3303/0/5700","bt":1700000000,"v":21.5},{"bn":"/3/0/9","v":80}]');
  assert.deepEqual(decodeRecords(CT.SENML_JSON, senml, [3303, 0, 5700], testTypes), [
    { path: [3303, 0, 5700], value: 21.5, time: 1700000000 }, { path: [3, 0, 9], value: 80, time: 1700000000 },
  ]);
  const tlv = encodeContent(CT.TLV, [3303, 0], { kind: 'instance', id: 0, resources: [res(5700, 21.5), res(5701, 'Cel')] }, testTypes);
  assert.deepEqual(decodeRecords(CT.TLV, tlv, [3303, 0], testTypes), [{ path: [3303, 0, 5700], value: 21.5 }, { path: [3303, 0, 5701], value: 'Cel' }]);
});

test('an unknown content format, or link-format as values, is a Lwm2mCodecError', () => {
  assert.throws(() => decodeContent(41, new Uint8Array(), [3, 0], testTypes), (e: unknown) => e instanceof Lwm2mCodecError && /content format 41 is not supported/.test(e.message));
  assert.throws(() => decodeContent(40, new Uint8Array(), [3, 0], testTypes), /use decodeLinkFormat/);
});

test('request format from the LwM2M version and the ct= hint', () => {
  assert.equal(chooseRequestFormat('1.0'), CT.TLV);
  assert.equal(chooseRequestFormat(undefined), CT.TLV); // no lwm2m= parameter: 1.0
  assert.deepEqual(requestFormats('1.0', [CT.LWM2M_JSON]), [CT.TLV, CT.LWM2M_JSON]);
  assert.deepEqual(requestFormats('1.1'), [CT.SENML_CBOR, CT.SENML_JSON]);
  assert.deepEqual(requestFormats('1.2'), [CT.SENML_CBOR, CT.SENML_JSON]);
  assert.equal(chooseRequestFormat('1.1', [CT.SENML_JSON]), CT.SENML_JSON);
  assert.deepEqual(requestFormats('1.1', [CT.TLV, CT.SENML_JSON, CT.CBOR]), [CT.SENML_JSON, CT.TLV]);
  assert.equal(chooseRequestFormat('1.1', [CT.TLV]), CT.TLV);
  assert.deepEqual(requestFormats('1.1', [9999]), [CT.SENML_CBOR, CT.SENML_JSON]); // nothing known announced: the defaults
});
