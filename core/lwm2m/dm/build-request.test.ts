// Operations → CoAP request descriptions, with the built-in object models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest } from './build-request.js';
import { DmRequestError, type DmDevice, type DmRequest } from './types.js';
import { createModelRegistry } from '../models/registry.js';
import { codecTypeOf } from './device-types.js';
import { decodeCompositePaths, decodeCompositeValues, decodeContent } from '../../codecs/lwm2m/index.js';
import { decodeSenmlCborRecords } from '../../codecs/lwm2m/senml-cbor.js';

const models = createModelRegistry().registry;
const V10: DmDevice = { version: '1.0' };
const V11: DmDevice = { version: '1.1' };
const build = (kind: string, args: Record<string, unknown>, device: DmDevice = V11): DmRequest => buildRequest({ kind, args }, device, models);
const refused = (kind: string, args: Record<string, unknown>, code: string, message: RegExp, device: DmDevice = V11) =>
  assert.throws(() => build(kind, args, device), (e: unknown) => e instanceof DmRequestError && e.code === code && message.test(e.message), `${kind} ${JSON.stringify(args)}`);
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('read and observe: GET with the format the version and ct= hint choose, under the root path', () => {
  assert.deepEqual(build('lwm2m.read', { path: '/3/0' }, V10), { method: 'GET', path: ['3', '0'], accept: 11542 });
  assert.deepEqual(build('lwm2m.read', { path: '/3/0/7/1' }), { method: 'GET', path: ['3', '0', '7', '1'], accept: 112 });
  assert.deepEqual(build('lwm2m.read', { path: '/3/0' }, { version: '1.1', formatHint: 110 }), { method: 'GET', path: ['3', '0'], accept: 110 });
  assert.deepEqual(build('lwm2m.observe', { path: '/3303/0/5700' }, { version: '1.1', rootPath: '/lwm2m/' }),
    { method: 'GET', path: ['lwm2m', '3303', '0', '5700'], accept: 112, observe: true });
  assert.deepEqual(build('lwm2m.cancel-observe', { path: '/3303/0/5700' }), { method: 'GET', path: ['3303', '0', '5700'], accept: 112, observe: false });
  assert.deepEqual(build('lwm2m.discover', { path: '/3' }), { method: 'GET', path: ['3'], accept: 40 });
  // after a 4.06 / 4.15: the next format the adapter picks from requestFormats
  assert.deepEqual(buildRequest({ kind: 'lwm2m.read', args: { path: '/3/0' } }, V11, models, { format: 110 }), { method: 'GET', path: ['3', '0'], accept: 110 });
  assert.deepEqual(build('lwm2m.delete', { path: '/3303/1' }), { method: 'DELETE', path: ['3303', '1'] });
});

test('write one value: text for plain types, converted by the model type; opaque as 42', () => {
  const dim = build('lwm2m.write', { path: '/3311/0/5851', value: '50' });
  assert.deepEqual({ ...dim, payload: dim.payload?.toString() }, { method: 'PUT', path: ['3311', '0', '5851'], contentFormat: 0, payload: '50' });
  assert.equal(build('lwm2m.write', { path: '/3311/0/5850', value: true }).payload?.toString(), '1');
  assert.equal(build('lwm2m.write', { path: '/3311/0/5850', value: 'false' }).payload?.toString(), '0');
  assert.equal(build('lwm2m.write', { path: '/3/0/13', value: '2026-12-07T12:00:00Z' }).payload?.toString(), String(Date.UTC(2026, 11, 7, 12) / 1000));
  assert.equal(build('lwm2m.write', { path: '/3/0/14', value: '+02:00', mode: 'update' }).method, 'PUT'); // one value: always a replace
  const pkg = build('lwm2m.write', { path: '/5/0/0', value: 'AAEC/w==' });
  assert.deepEqual([pkg.contentFormat, pkg.payload], [42, Buffer.from([0, 1, 2, 255])]);
  // an unknown resource: text, typed from the input
  assert.equal(build('lwm2m.write', { path: '/9999/0/1', value: 21.5 }).payload?.toString(), '21.5');
});

test('write refusals name the resource, its type and the value', () => {
  refused('lwm2m.write', { path: '/3303/0/5700', value: 21 }, 'not-writable', /\/3303\/0\/5700 \(Sensor Value, float\) is not writable \(operations: R\)/);
  refused('lwm2m.write', { path: '/3/0/4', value: 1 }, 'not-writable', /Reboot, none\) is executable, not writable/);
  refused('lwm2m.write', { path: '/3311/0/5851', value: 'bright' }, 'bad-value', /\/3311\/0\/5851 \(Dimmer, integer\): "bright" is not a valid integer/);
  refused('lwm2m.write', { path: '/3311/0/5851', value: 2.5 }, 'bad-value', /2.5 is not a whole number/);
  refused('lwm2m.write', { path: '/3311/0/5850', value: 'maybe' }, 'bad-value', /On\/Off, boolean\): "maybe" is not true\/false/);
  refused('lwm2m.write', { path: '/5/0/0', value: 'not base64!' }, 'bad-value', /is not base64/);
  refused('lwm2m.write', { path: '/1/0/1', value: '99999999999999999999' }, 'bad-value', /Lifetime, integer.*not a valid integer/);
  refused('lwm2m.write', { path: '/3/0/13', value: 'yesterday' }, 'bad-value', /not seconds since 1970 or an ISO date/);
  refused('lwm2m.write', { path: '/2/0/2', value: 5 }, 'bad-args', /ACL, integer\) is a multi-instance resource: give \{instanceId: value\}/);
  refused('lwm2m.write', { path: '/1/0/1/0', value: 5 }, 'bad-args', /single-instance resource: write it at \/1\/0\/1/);
  refused('lwm2m.write', { path: '/1/0', values: { 1: 'soon' } }, 'bad-value', /\/1\/0\/1 \(Lifetime, integer\): "soon"/);
  refused('lwm2m.write', { path: '/9999/0', values: { 1: 5 } }, 'unknown-resource', /\/9999\/0\/1 \(unknown resource\): no model gives its type/);
  refused('lwm2m.write', { path: '/3/0' }, 'bad-args', /lwm2m.write: give "value".*or "values"/);
  refused('snap.install', { name: 'x' }, 'unsupported', /not an LwM2M operation/);
});

test('write an object instance, 1.0: TLV (Lifetime 300 and Binding "U", bytes by hand in the TLV layout of TS Core §7.4.3)', () => {
  const req = build('lwm2m.write', { path: '/1/0', values: { 1: '300', 7: 'U' } }, V10);
  // C2 = resource, 8-bit id, 2-byte value: id 01, 01 2C (300); C1 = 1-byte value: id 07, "U"
  assert.deepEqual(req, { method: 'PUT', path: ['1', '0'], contentFormat: 11542, payload: hex('C2 01 012C C1 07 55') });
  assert.equal(build('lwm2m.write', { path: '/1/0', values: { 1: 300 }, mode: 'update' }, V10).method, 'POST');
});

test('write an object instance and a multi-instance resource, 1.1: SenML CBOR that decodes back', () => {
  const typeOf = codecTypeOf(models);
  const req = build('lwm2m.write', { path: '/3311/0', values: { 5850: true, 5851: '75' } });
  assert.equal(req.contentFormat, 112);
  assert.deepEqual(decodeContent(112, req.payload!, [3311, 0], typeOf), {
    kind: 'instance', id: 0, resources: [{ kind: 'resource', id: 5850, value: true }, { kind: 'resource', id: 5851, value: 75 }],
  });
  const acl = build('lwm2m.write', { path: '/2/0/2', value: { 0: 1, 101: '15' }, mode: 'update' });
  assert.equal(acl.method, 'POST');
  assert.deepEqual(decodeSenmlCborRecords(acl.payload!, typeOf).map((r) => [r.path, r.value]), [[[2, 0, 2, 0], 1], [[2, 0, 2, 101], 15]]);
});

test('execute: POST, arguments as text in the Execute argument syntax of TS Core; only executable resources', () => {
  assert.deepEqual(build('lwm2m.execute', { path: '/3/0/4' }), { method: 'POST', path: ['3', '0', '4'] });
  const withArgs = build('lwm2m.execute', { path: '/3/0/4', args: "0='on',1" });
  assert.deepEqual([withArgs.contentFormat, withArgs.payload?.toString()], [0, "0='on',1"]);
  refused('lwm2m.execute', { path: '/3/0/4', args: 'on' }, 'bad-args', /args "on" are not an argument list/);
  refused('lwm2m.execute', { path: '/3/0/0' }, 'not-executable', /Manufacturer, string\) is not executable \(operations: R\)/);
  assert.equal(build('lwm2m.execute', { path: '/9999/0/9' }).method, 'POST'); // unknown: the device decides
});

test('create: with an instance id in the chosen format; without one only TLV can say it', () => {
  const typeOf = codecTypeOf(models);
  const v11 = build('lwm2m.create', { path: '/3311', instanceId: 2, values: { 5850: false, 5851: 10 } });
  assert.deepEqual([v11.method, v11.path, v11.contentFormat], ['POST', ['3311'], 112]);
  assert.deepEqual(decodeSenmlCborRecords(v11.payload!, typeOf).map((r) => r.path), [[3311, 2, 5850], [3311, 2, 5851]]);
  // 1.0 with an id: one Object Instance TLV (04 = instance, 8-bit id, length 4 in the type byte) around
  // the resource (E1 = resource, 16-bit id 16DB = 5851, length 1: 0A = 10)
  assert.deepEqual(build('lwm2m.create', { path: '/3311', instanceId: 2, values: { 5851: 10 } }, V10).payload, hex('04 02  E1 16DB 0A'));
  assert.deepEqual(build('lwm2m.create', { path: '/3311', values: { 5851: 10 } }, V10).payload, hex('E1 16DB 0A'));
  refused('lwm2m.create', { path: '/3311', values: { 5851: 10 } }, 'unsupported', /give instanceId: SenML CBOR names each value/);
  // a read-only resource may get its first value at creation
  assert.equal(build('lwm2m.create', { path: '/3303', instanceId: 0, values: { 5700: 20 } }).method, 'POST');
});

test('write-attributes: PUT with query segments; the codec checks the rules between them', () => {
  assert.deepEqual(build('lwm2m.write-attributes', { path: '/3303/0/5700', pmin: 10, pmax: 60, gt: 30.5, lt: null }),
    { method: 'PUT', path: ['3303', '0', '5700'], query: ['pmin=10', 'pmax=60', 'gt=30.5', 'lt'] });
  refused('lwm2m.write-attributes', { path: '/3303/0/5700', pmin: 60, pmax: 10 }, 'bad-value', /pmax \(10\) is less than pmin \(60\)/);
  refused('lwm2m.write-attributes', { path: '/3303/0/5700' }, 'bad-args', /at least one of pmin/);
});

test('composites: FETCH / iPATCH on the root with SenML bodies; not for 1.0 clients', () => {
  const read = build('lwm2m.read-composite', { paths: ['/3/0/0', '/3303/0'] }, { version: '1.1', formatHint: 110 });
  assert.deepEqual({ ...read, payload: read.payload?.toString() }, { method: 'FETCH', path: [], contentFormat: 110, accept: 110, payload: '[{"n":"/3/0/0"},{"n":"/3303/0"}]' });
  const observe = build('lwm2m.observe-composite', { paths: ['/3303/0/5700'] }, { version: '1.1', rootPath: '/lwm2m' });
  assert.deepEqual([observe.method, observe.path, observe.observe], ['FETCH', ['lwm2m'], true]);
  assert.deepEqual(decodeCompositePaths(112, observe.payload!), [[3303, 0, 5700]]);
  const cancel = build('lwm2m.cancel-observe-composite', { paths: ['/3303/0/5700'] });
  assert.deepEqual([cancel.method, cancel.observe, cancel.payload?.toString('hex')], ['FETCH', false, observe.payload?.toString('hex')]);
  const write = build('lwm2m.write-composite', { values: { '/3/0/14': '+01:00', '/3311/0/5851': '20' } });
  assert.deepEqual([write.method, write.contentFormat], ['iPATCH', 112]);
  assert.deepEqual([...decodeCompositeValues(112, write.payload!, codecTypeOf(models))].map(([k, r]) => [k, r.value]), [['/3/0/14', '+01:00'], ['/3311/0/5851', 20]]);
  refused('lwm2m.read-composite', { paths: ['/3/0'] }, 'unsupported', /needs LwM2M 1.1 with SenML \(the device registered as LwM2M 1.0, format TLV\)/, V10);
  refused('lwm2m.write-composite', { values: { '/3/0/0': 'ACME' } }, 'not-writable', /Manufacturer, string\) is not writable/);
  refused('lwm2m.write-composite', { values: { '/9999/0/1': 1 } }, 'unknown-resource', /no model gives its type/);
});
