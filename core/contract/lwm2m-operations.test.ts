// The LwM2M operation kinds' argument schemas, as the API and the forms apply them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lwm2mOperationArgs, lwm2mOperationKinds, type Lwm2mOperationKind } from './lwm2m-operations.js';
import { KIND_LABEL, PARALLEL_SAFE_KINDS, isKnownKind, knownOperationKinds, operationArgs } from './operation-kinds.js';
import { CreateOperationRequest } from './operations.js';

const ok = (kind: Lwm2mOperationKind, args: unknown) => assert.ok(lwm2mOperationArgs[kind].safeParse(args).success, `${kind} ${JSON.stringify(args)} should pass`);
const bad = (kind: Lwm2mOperationKind, args: unknown, message: RegExp) => {
  const r = lwm2mOperationArgs[kind].safeParse(args);
  assert.ok(!r.success, `${kind} ${JSON.stringify(args)} should fail`);
  assert.match(r.error.issues.map((i) => i.message).join(' | '), message);
};

test('every LwM2M kind is a known kind with a label, none parallel-safe, the older kinds kept', () => {
  for (const kind of lwm2mOperationKinds) {
    assert.ok(isKnownKind(kind) && operationArgs[kind] === lwm2mOperationArgs[kind]);
    assert.match(KIND_LABEL[kind], /^LwM2M /);
    assert.ok(!PARALLEL_SAFE_KINDS.includes(kind));
  }
  assert.equal(lwm2mOperationKinds.length, 13);
  assert.ok(knownOperationKinds.includes('snap.install') && knownOperationKinds.includes('system.reboot'));
  assert.deepEqual(PARALLEL_SAFE_KINDS, ['inventory.refresh']);
});

test('paths: 1 to 4 ids in 0..65535, at the levels each kind takes', () => {
  for (const p of ['/3', '/3/0', '/3/0/1', '/3/0/7/1', '/65535/65535/65535/65535']) ok('lwm2m.read', { path: p });
  for (const p of ['3/0/1', '/', '', '/3/', '/03', '/3//1', '/65536', '/1/2/3/4/5', '/-1', '/a']) bad('lwm2m.read', { path: p }, /LwM2M path|at most 65535/);
  bad('lwm2m.execute', { path: '/3/0' }, /a resource path such as \/3\/0\/1/);
  ok('lwm2m.execute', { path: '/3/0/4', args: "0='x'" });
  bad('lwm2m.delete', { path: '/3' }, /an object instance path/);
  ok('lwm2m.delete', { path: '/3303/1' });
  bad('lwm2m.create', { path: '/3303/0', values: { 5700: 1 } }, /an object path/);
  ok('lwm2m.create', { path: '/3303', instanceId: 2, values: { 5750: 'kitchen' } });
  bad('lwm2m.create', { path: '/3303', values: {} }, /at least one resource/);
  bad('lwm2m.discover', { path: '/3/0/7/0' }, /an object path such as \/3 or an object instance path/);
});

test('write: value for a resource, values for an instance, multi-instance as {id: value}', () => {
  ok('lwm2m.write', { path: '/3303/0/5750', value: 'kitchen' });
  ok('lwm2m.write', { path: '/3303/0/5601', value: 21.5, mode: 'update' });
  ok('lwm2m.write', { path: '/3/0/7', value: { 0: 3800, 1: 5000 } });
  ok('lwm2m.write', { path: '/1/0', values: { 1: 300, 7: { 0: 'U' } }, mode: 'replace' });
  bad('lwm2m.write', { path: '/1/0', value: 300 }, /"value" is for a resource path/);
  bad('lwm2m.write', { path: '/1/0/1', values: { 1: 300 } }, /"values" is for an object instance path/);
  bad('lwm2m.write', { path: '/1/0/1', value: 1, values: { 1: 2 } }, /not both/);
  bad('lwm2m.write', { path: '/1/0/1' }, /give "value" \(for a resource\) or "values"/);
  bad('lwm2m.write', { path: '/3/0/7/1', value: { 0: 1 } }, /one value/);
  bad('lwm2m.write', { path: '/3', values: { 1: 1 } }, /object instance path/);
  bad('lwm2m.write', { path: '/1/0', values: { x: 1 } }, /"x" is not a resource id 0..65535/);
  bad('lwm2m.write', { path: '/1/0/1', value: 1, mode: 'merge' }, /replace|update/);
});

test('write-attributes: numbers or null, at least one; composite kinds take paths or values by path', () => {
  ok('lwm2m.write-attributes', { path: '/3303/0/5700', pmin: 10, pmax: 60, gt: 30.5, lt: null, st: 0.5 });
  bad('lwm2m.write-attributes', { path: '/3303/0/5700' }, /at least one of pmin/);
  bad('lwm2m.write-attributes', { path: '/3303/0/5700', pmin: -1 }, /≥0|>=0|too small/i);
  bad('lwm2m.write-attributes', { path: '/3303/0/5700', pmin: 1.5 }, /expected int/i);
  bad('lwm2m.write-attributes', { path: '/3303/0/5700', st: -1 }, /≥0|>=0|too small/i);
  ok('lwm2m.read-composite', { paths: ['/3/0/0', '/3303/0'] });
  bad('lwm2m.observe-composite', { paths: [] }, /at least one path/);
  ok('lwm2m.write-composite', { values: { '/3/0/14': '+02:00', '/1/0/1': 300 } });
  bad('lwm2m.write-composite', { values: { '/3/0': 1 } }, /a resource path/);
  bad('lwm2m.write-composite', { values: {} }, /at least one value/);
});

test('the API request schema applies them', () => {
  const r = CreateOperationRequest.safeParse({ deviceUid: 'node-1', kind: 'lwm2m.execute', args: { path: '/3/0' } });
  assert.ok(!r.success);
  assert.deepEqual(r.error.issues[0]!.path, ['args', 'path']);
});
