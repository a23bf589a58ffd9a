import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lwm2mDeviceObjects } from '../../../../core/contract/lwm2m-objects.js';
import { buildTree, mergeValues, parseInput, parseInstances, showValue } from './lwm2m-tree.js';
import { latestFor, waitWords } from './lwm2m-ops.js';

const model = {
  id: 3303, name: 'Temperature', version: '1.1', lwm2mVersion: '1.0', multiple: true, mandatory: false, source: 'built-in',
  resources: [
    { id: 5700, name: 'Sensor Value', type: 'float', operations: 'R', multiple: false, mandatory: true, units: 'Cel' },
    { id: 5750, name: 'Application Type', type: 'string', operations: 'RW', multiple: false, mandatory: false },
  ],
} as const;
const view: Lwm2mDeviceObjects = {
  registration: null,
  objects: [
    { id: 3303, version: null, instances: [0], model: { ...model, resources: model.resources.map((r) => ({ ...r })) } },
    { id: 32000, version: null, instances: [1], model: null },
  ],
  values: [
    { path: '/3303/0/5700', value: 21.5, type: 'float', at: 1000, source: 'notify' },
    { path: '/32000/1/7', value: 'x', type: 'string', at: 1000, source: 'read' },
    { path: '/32000/1/8/0', value: 1, type: 'integer', at: 1000, source: 'read' },
  ],
  observations: [{ paths: ['/3303/0/5700'], since: 1, state: 'active', lastNotificationAt: 1000 }],
};

test('the tree names objects and resources by the model, keeps unknown objects by id with the resources the device reported', () => {
  const [temp, unknown] = buildTree(view);
  assert.equal(temp!.label, '3303 Temperature');
  assert.deepEqual(temp!.instances[0]!.resources.map((r) => [r.path, r.name, r.value?.value ?? null, r.observed !== null]),
    [['/3303/0/5700', 'Sensor Value', 21.5, true], ['/3303/0/5750', 'Application Type', null, false]]);
  assert.equal(unknown!.label, '32000');
  assert.equal(unknown!.known, false);
  const res = unknown!.instances[0]!.resources;
  assert.deepEqual(res.map((r) => r.path), ['/32000/1/7', '/32000/1/8']);
  assert.deepEqual(res[1]!.instances.map((v) => v.value), [1]);
});

test('live values replace older ones of the same path, never newer ones', () => {
  const merged = mergeValues(view.values, [
    { path: '/3303/0/5700', value: 22, type: 'float', at: 2000, source: 'notify' },
    { path: '/32000/1/7', value: 'old', type: 'string', at: 500, source: 'read' },
  ]);
  assert.equal(merged.find((v) => v.path === '/3303/0/5700')!.value, 22);
  assert.equal(merged.find((v) => v.path === '/32000/1/7')!.value, 'x');
});

test('inputs are typed by the model', () => {
  assert.deepEqual(parseInput('integer', '42'), { ok: true, value: 42 });
  assert.equal(parseInput('integer', '4.2').ok, false);
  assert.equal(parseInput('unsignedInteger', '-1').ok, false);
  assert.deepEqual(parseInput('float', ' -1.5 '), { ok: true, value: -1.5 });
  assert.equal(parseInput('float', 'abc').ok, false);
  assert.equal(parseInput('integer', '101', '0..100').ok, false);
  assert.deepEqual(parseInput('boolean', 'false'), { ok: true, value: false });
  assert.deepEqual(parseInput('objlnk', '3:0'), { ok: true, value: '3:0' });
  assert.equal(parseInput('objlnk', '3').ok, false);
  assert.deepEqual(parseInput('time', '1700000000'), { ok: true, value: 1700000000 });
  assert.equal(parseInput('time', 'soon').ok, false);
  assert.deepEqual(parseInput('string', ' a b '), { ok: true, value: ' a b ' });
});

test('values are shown with units, times as UTC dates', () => {
  assert.equal(showValue({ path: '/3303/0/5700', value: 21.123456789, type: 'float', at: 0, source: 'read' }, 'Cel'), '21.1235 Cel');
  assert.equal(showValue({ path: '/3/0/13', value: 0, type: 'time', at: 0, source: 'read' }, undefined), '1970-01-01 00:00:00 UTC');
});

test('the newest operation about a path is shown; a queued one on a sleeping device waits for it to wake up', () => {
  const op = (id: number, path: string) => ({ id, kind: 'lwm2m.read', args: { path } }) as never;
  assert.equal(latestFor([op(3, '/3/0'), op(5, '/3/0/1'), op(4, '/3/0/1')], '/3/0/1')!.id, 5);
  assert.equal(latestFor([op(3, '/3/0')], '/3/0/1'), null);
  assert.equal(waitWords({ state: 'queued' }, true), 'Waits for the device to wake up');
  assert.equal(waitWords({ state: 'succeeded' }, true), null);
});

test('a multiple resource is written as "id = value" lines', () => {
  assert.deepEqual(parseInstances('integer', '0 = 1\n 3=5 \n'), { 0: 1, 3: 5 });
  assert.equal(parseInstances('integer', '0 = x'), 'instance 0: "x" is not a number');
  assert.equal(parseInstances('integer', '5'), '"5": one instance a line, as id = value');
  assert.equal(parseInstances('integer', ''), 'give at least one instance');
});
