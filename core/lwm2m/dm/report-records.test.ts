// Notifications and Sends → records, with errors as values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notificationRecords, sendRecords } from './report-records.js';
import { createModelRegistry } from '../models/registry.js';

const models = createModelRegistry().registry;
const json = (s: string) => Buffer.from(s);

test('a notification decodes at the observed path, in TLV or SenML', () => {
  const op = { kind: 'lwm2m.observe', args: { path: '/3303/0/5700' } };
  assert.deepEqual(notificationRecords(op, { contentFormat: 11542, payload: Buffer.from('E4164441AC0000', 'hex') }, models), { ok: true, records: [{ path: [3303, 0, 5700], value: 21.5 }] });
  assert.deepEqual(notificationRecords(op, { contentFormat: 0, payload: json('21.5') }, models), { ok: true, records: [{ path: [3303, 0, 5700], value: 21.5 }] });
  const composite = { kind: 'lwm2m.observe-composite', args: { paths: ['/3303/0/5700', '/3/0/9'] } };
  assert.deepEqual(notificationRecords(composite, { contentFormat: 110, payload: json('[{"n":"/3303/0/5700","v":20},{"n":"/3/0/9","v":70}]') }, models),
    { ok: true, records: [{ path: [3303, 0, 5700], value: 20 }, { path: [3, 0, 9], value: 70 }] });
  assert.deepEqual(notificationRecords(op, { contentFormat: 0, payload: json('warm') }, models),
    { ok: false, error: { code: 'malformed-payload', message: 'notification of lwm2m.observe /3303/0/5700: text: /3303/0/5700: "warm" is not a valid float' } });
  assert.deepEqual(notificationRecords(op, { contentFormat: undefined, payload: json('1') }, models),
    { ok: false, error: { code: 'malformed-payload', message: 'notification of lwm2m.observe /3303/0/5700: a payload without Content-Format' } });
});

test('a Send must name its values: SenML yes, TLV or text no (4.15), garbage a malformed payload', () => {
  // 81 = array(1); a3 = map(3): 21 (bn, -2) "/3303/0/", 00 (n) "5700", 02 (v) half-float 4d60 = 21.5
  assert.deepEqual(sendRecords(112, Buffer.from('81 a3 21 68 2f333330332f302f 00 64 35373030 02 f94d60'.replace(/ /g, ''), 'hex'), models), { ok: true, records: [{ path: [3303, 0, 5700], value: 21.5 }] });
  assert.deepEqual(sendRecords(110, json('[{"bn":"/3303/0/5700","bt":1700000000,"v":21}]'), models), { ok: true, records: [{ path: [3303, 0, 5700], value: 21, time: 1700000000 }] });
  assert.deepEqual(sendRecords(11542, Buffer.from('C10001', 'hex'), models), {
    ok: false, error: { code: 'unsupported-format', message: 'Send: content format 11542 does not name its values; use SenML JSON (110) or SenML CBOR (112)' },
  });
  assert.equal(sendRecords(0, Buffer.from('1'), models).ok, false);
  assert.equal(sendRecords(40, Buffer.from('</3>'), models).ok, false);
  assert.deepEqual(sendRecords(112, Buffer.from('ff', 'hex'), models), { ok: false, error: { code: 'malformed-payload', message: 'Send: SenML CBOR: invalid CBOR (Unexpected break stop code outside of an indefinite-length item)' } });
  const bad = sendRecords(110, json('[{"n":"/3303/0/5700"}]'), models);
  assert.deepEqual(bad, { ok: false, error: { code: 'malformed-payload', message: 'Send: SenML JSON: record 0 (/3303/0/5700): no value' } });
});
