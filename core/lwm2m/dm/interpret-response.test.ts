// Device answers → operation results (DeviceReply), named from the built-in models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretResponse } from './interpret-response.js';
import { createModelRegistry } from '../models/registry.js';
import type { DmResponse } from './types.js';

const models = createModelRegistry().registry;
const RECEIVED = Date.UTC(2026, 11, 7, 12);
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ok205 = (contentFormat: number | undefined, payload: Buffer | string): DmResponse => ({ code: '2.05', contentFormat, payload: Buffer.from(payload) });
const read = (path: string, response: DmResponse) => interpretResponse({ kind: 'lwm2m.read', args: { path } }, response, models, RECEIVED);

// TS Core §7.4.4's Read /3/0 example in SenML JSON (the first resources of it)
const DEVICE_JSON = '[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"1","vs":"Lightweight M2M Client"},{"n":"7/0","v":3800},{"n":"7/1","v":5000},{"n":"13","v":1367491215}]';

test('read: values with names, types and units from the models', () => {
  assert.deepEqual(read('/3/0', ok205(110, DEVICE_JSON)), {
    ok: true, result: {
      code: '2.05', values: [
        { path: '/3/0/0', name: 'Device / Manufacturer', value: 'Open Mobile Alliance', type: 'string' },
        { path: '/3/0/1', name: 'Device / Model Number', value: 'Lightweight M2M Client', type: 'string' },
        { path: '/3/0/7/0', name: 'Device / Power Source Voltage', value: 3800, type: 'integer', units: 'mV' },
        { path: '/3/0/7/1', name: 'Device / Power Source Voltage', value: 5000, type: 'integer', units: 'mV' },
        { path: '/3/0/13', name: 'Device / Current Time', value: 1367491215, type: 'time' },
      ],
    },
  });
});

test('read: TLV of a 1.0 client (bytes by hand: 16-bit ids), text of a single resource, unknown resources typed by the wire', () => {
  // E4 = resource, 16-bit id, 4-byte value: 1644 (5700) = float32 21.5; E3: 1645 (5701) = "Cel"
  const tlv = hex('E4 1644 41AC0000  E3 1645 43656C');
  const values = (read('/3303/0', ok205(11542, tlv)) as { result: { values: unknown[] } }).result.values;
  assert.deepEqual(values, [
    { path: '/3303/0/5700', name: 'Temperature / Sensor Value', value: 21.5, type: 'float' },
    { path: '/3303/0/5701', name: 'Temperature / Sensor Units', value: 'Cel', type: 'string' },
  ]);
  assert.deepEqual(read('/3/0/9', ok205(0, '87')), { ok: true, result: { code: '2.05', values: [{ path: '/3/0/9', name: 'Device / Battery Level', value: 87, type: 'integer', units: '%' }] } });
  assert.deepEqual((read('/9999/0', ok205(110, '[{"bn":"/9999/0/","n":"1","v":2.5},{"n":"2","vd":"AAE"}]')) as { result: { values: unknown[] } }).result.values, [
    { path: '/9999/0/1', value: 2.5, type: 'float' }, { path: '/9999/0/2', value: 'AAE=', type: 'opaque' },
  ]);
  assert.deepEqual(read('/3/0', ok205(undefined, '')), { ok: true, result: { code: '2.05', values: [] } });
});

test('read: the TLV of the Read /3/0 example of TS Core §7.4.3 (its first resources and a multiple resource)', () => {
  const ascii = (t: string) => Buffer.from(t).toString('hex');
  // C8 = resource, 8-bit id, 8-bit length; 86 = multiple resource, length 6; 41 = resource instance, 1 byte
  const tlv = hex(`C8 00 14 ${ascii('Open Mobile Alliance')} C8 01 16 ${ascii('Lightweight M2M Client')} 86 06 41 00 01 41 01 05`);
  const r = read('/3/0', ok205(11542, tlv));
  assert.deepEqual(r.ok && (r.result as { values: unknown[] }).values, [
    { path: '/3/0/0', name: 'Device / Manufacturer', value: 'Open Mobile Alliance', type: 'string' },
    { path: '/3/0/1', name: 'Device / Model Number', value: 'Lightweight M2M Client', type: 'string' },
    { path: '/3/0/6/0', name: 'Device / Available Power Sources', value: 1, type: 'integer' },
    { path: '/3/0/6/1', name: 'Device / Available Power Sources', value: 5, type: 'integer' },
  ]);
});

test('observe and composite answers carry SenML times; composite values are keyed across objects', () => {
  const pack = '[{"bn":"/3303/0/5700","bt":1700000000,"v":21.5},{"bn":"/3/0/9","t":-30,"v":80}]';
  const r = interpretResponse({ kind: 'lwm2m.read-composite', args: { paths: ['/3303/0/5700', '/3/0/9'] } }, ok205(110, pack), models, RECEIVED);
  assert.deepEqual(r, { ok: true, result: { code: '2.05', values: [
    { path: '/3303/0/5700', name: 'Temperature / Sensor Value', value: 21.5, type: 'float', time: 1700000000000 },
    { path: '/3/0/9', name: 'Device / Battery Level', value: 80, type: 'integer', units: '%', time: 1699999970000 },
  ] } });
  const observed = interpretResponse({ kind: 'lwm2m.observe', args: { path: '/3303/0/5700' } }, ok205(110, '[{"bn":"/3303/0/5700","t":-5,"v":20}]'), models, RECEIVED);
  assert.deepEqual(observed, { ok: true, result: { code: '2.05', values: [{ path: '/3303/0/5700', name: 'Temperature / Sensor Value', value: 20, type: 'float', time: RECEIVED - 5000 }] } });
});

test('discover: links with their attributes and names', () => {
  const links = '</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/7>;dim=2,</3/0/99>';
  assert.deepEqual(interpretResponse({ kind: 'lwm2m.discover', args: { path: '/3/0' } }, ok205(40, links), models, RECEIVED), {
    ok: true, result: { code: '2.05', links: [
      { path: '/3/0', name: 'Device', attributes: { pmin: '10', pmax: '60' } },
      { path: '/3/0/1', name: 'Device / Model Number', attributes: {} },
      { path: '/3/0/7', name: 'Device / Power Source Voltage', attributes: { dim: '2' } },
      { path: '/3/0/99', attributes: {} },
    ] },
  });
  const wrong = interpretResponse({ kind: 'lwm2m.discover', args: { path: '/3/0' } }, ok205(110, '[]'), models, RECEIVED);
  assert.deepEqual(wrong, { ok: false, error: { code: 'malformed-payload', message: "lwm2m.discover /3/0: the device's SenML JSON (110) answer cannot be read: a Discover answer must be link-format (40), not SenML JSON (110)" } });
});

test('create: the new instance from Location-Path, else from the id asked for; changes: the code', () => {
  const create = { kind: 'lwm2m.create', args: { path: '/3311', values: { 5850: true } } };
  assert.deepEqual(interpretResponse(create, { code: '2.01', contentFormat: undefined, payload: Buffer.alloc(0), locationPath: ['3311', '4'] }, models, RECEIVED), { ok: true, result: { code: '2.01', path: '/3311/4' } });
  assert.deepEqual(interpretResponse({ ...create, args: { ...create.args, instanceId: 2 } }, { code: '2.01', contentFormat: undefined, payload: Buffer.alloc(0) }, models, RECEIVED), { ok: true, result: { code: '2.01', path: '/3311/2' } });
  for (const kind of ['lwm2m.write', 'lwm2m.execute', 'lwm2m.delete', 'lwm2m.write-attributes', 'lwm2m.write-composite']) {
    assert.deepEqual(interpretResponse({ kind, args: { path: '/3/0/4' } }, { code: '2.04', contentFormat: undefined, payload: Buffer.alloc(0) }, models, RECEIVED), { ok: true, result: { code: '2.04' } });
  }
});

test('error codes: coap-x.yy with the code text, the operation and the device diagnostic', () => {
  assert.deepEqual(read('/3/0/99', { code: '4.04', contentFormat: undefined, payload: Buffer.alloc(0) }), { ok: false, error: { code: 'coap-4.04', message: 'Not Found: lwm2m.read /3/0/99' } });
  assert.deepEqual(interpretResponse({ kind: 'lwm2m.write', args: { path: '/3/0/14', value: 'x' } }, { code: '4.00', contentFormat: 0, payload: Buffer.from('bad offset') }, models, RECEIVED),
    { ok: false, error: { code: 'coap-4.00', message: 'Bad Request: lwm2m.write /3/0/14 (the device says: bad offset)' } });
  assert.deepEqual(read('/3/0', { code: '5.00', contentFormat: undefined, payload: hex('ff fe') }), { ok: false, error: { code: 'coap-5.00', message: 'Internal Server Error: lwm2m.read /3/0 (the device says: (2 bytes that are not text))' } });
  assert.equal((read('/3/0', { code: '4.29', contentFormat: undefined, payload: Buffer.alloc(0) }) as { error: { message: string } }).error.message, 'CoAP 4.29: lwm2m.read /3/0');
});

test('malformed payloads end the operation with malformed-payload naming the format, never a throw', () => {
  const cases: [DmResponse, RegExp][] = [
    [ok205(11542, hex('E4 1644 41AC')), /the device's TLV \(11542\) answer cannot be read: TLV/],
    [ok205(112, hex('9f')), /SenML CBOR \(112\) answer cannot be read: SenML CBOR: invalid CBOR/],
    [ok205(110, '[{"n":"/3/0/0","v":1}]'), /SenML JSON \(110\) answer cannot be read: .*a number where a string is expected/],
    [ok205(110, '{"x":'), /SenML JSON: the payload is not JSON/],
    [ok205(0, 'abc'), /text\/plain \(0\) answer cannot be read/],
    [ok205(9999, 'x'), /content format 9999 answer cannot be read: content format 9999 is not supported/],
    [ok205(undefined, 'x'), /untyped answer cannot be read: the answer has a payload but no Content-Format/],
  ];
  for (const [response, message] of cases) {
    const path = response.contentFormat === 0 ? '/3/0/9' : '/3/0';
    const r = read(path, response);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'malformed-payload');
    assert.match(!r.ok ? r.error.message : '', message);
  }
  const link = interpretResponse({ kind: 'lwm2m.discover', args: { path: '/3' } }, ok205(40, '<3/0'), models, RECEIVED);
  assert.match(!link.ok ? link.error.message : '', /link-format \(40\) answer cannot be read: link-format: "<" without ">"/);
});
