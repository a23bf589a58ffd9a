import { test } from 'node:test';
import assert from 'node:assert/strict';
import { res, versions } from './define.js';
import { parsePath } from './path.js';
import { createModelRegistry } from './registry.js';
import type { ObjectModel } from './types.js';

const user = (model: ObjectModel, source: string): ObjectModel => ({ ...model, source });

const meter = versions({
  id: 10241,
  name: 'Vendor Meter',
  version: '1.0',
  lwm2mVersion: '1.0',
  multiple: true,
  mandatory: false,
  resources: [res(1, 'Energy', 'R', 'float', 'M', { units: 'kWh' }), res(2, 'Reset', 'E', 'none')],
}).map((m) => user(m, 'vendor/10241.xml'));

test('built-ins: modelFor picks the registered version; no version means 1.0', () => {
  const { registry } = createModelRegistry();
  assert.deepEqual(registry.versionsOf(3), ['1.0', '1.1', '1.2']);
  assert.equal(registry.modelFor(3)?.version, '1.0');
  assert.equal(registry.modelFor(3, '1.1')?.version, '1.1');
  assert.equal(registry.modelFor(3, '1.2')?.resources.find((r) => r.id === 9)?.units, '/100');
  assert.equal(registry.modelFor(3, '1.0')?.resources.find((r) => r.id === 9)?.units, '%');
  assert.equal(registry.modelFor(9999), undefined);
});

test('an unknown minor version falls back within its major; another major does not', () => {
  const { registry } = createModelRegistry();
  assert.equal(registry.modelFor(3, '1.5')?.version, '1.2');
  assert.equal(registry.modelFor(3336, '1.9')?.version, '1.1');
  assert.equal(registry.modelFor(3336, '2.0')?.version, '2.0');
  assert.equal(registry.modelFor(3, '2.0'), undefined);
  assert.equal(registry.modelFor(3, 'x'), undefined);
});

test('resourceType by path, in the version asked for', () => {
  const { registry } = createModelRegistry();
  assert.equal(registry.resourceType('/3/0/13'), 'time');
  assert.equal(registry.resourceType('3/0/11/2'), 'integer');
  assert.equal(registry.resourceType([5, 0, 13], '1.1'), 'unsignedInteger');
  assert.equal(registry.resourceType('/5/0/13', '1.0'), undefined); // added in 1.1
  assert.equal(registry.resourceType('/3336/0/5514', '1.0'), 'string');
  assert.equal(registry.resourceType('/3336/0/5514', '2.0'), undefined); // replaced by 6051
  assert.equal(registry.resourceType('/3/0'), undefined);
  assert.equal(registry.resourceType('/3/0/999'), undefined);
  assert.equal(registry.resourceType('/3/x/1'), undefined);
  assert.equal(registry.resourceModel('/1/0/1')?.units, 's');
});

test('typeOf for one device uses its registered versions and says opaque for unknown resources', () => {
  const { registry } = createModelRegistry(meter);
  const typeOf = registry.typeOf(new Map([[3336, '2.0'], [10241, '1.0']]));
  assert.equal(typeOf('/3336/0/6051'), 'float');
  assert.equal(typeOf('/3336/0/5514'), 'opaque');
  assert.equal(typeOf('/10241/0/1'), 'float');
  assert.equal(typeOf('/10241/0/2'), 'none');
  assert.equal(typeOf('/3/0/0'), 'string'); // not in the map: 1.0
  assert.equal(typeOf('/4242/0/0'), 'opaque');
  assert.equal(registry.typeOf({ 3336: '1.0' })('/3336/0/5514'), 'string');
});

test('user models add new objects and new versions of built-in objects; built-ins win on the same version', () => {
  const device13 = user({ ...createModelRegistry().registry.modelFor(3, '1.2')!, version: '1.3', resources: [res(0, 'Manufacturer', 'R', 'string'), res(30, 'Vendor Extra', 'R', 'integer')] }, 'v/3-1_3.xml');
  const fakeDevice10 = user({ ...device13, version: '1.0', name: 'Not the device' }, 'v/3.xml');
  const { registry, ignored } = createModelRegistry([...meter, device13, fakeDevice10, meter[0]!]);
  assert.deepEqual(registry.versionsOf(3), ['1.0', '1.1', '1.2', '1.3']);
  assert.equal(registry.resourceType('/3/0/30', '1.3'), 'integer');
  assert.equal(registry.modelFor(3, '1.0')?.name, 'Device');
  assert.equal(registry.modelFor(3, '1.0')?.source, 'builtin');
  assert.equal(registry.modelFor(10241)?.source, 'vendor/10241.xml');
  assert.ok(registry.objectIds().includes(10241));
  assert.deepEqual(ignored, [
    'v/3.xml: object 3 version 1.0 is already defined by builtin',
    'vendor/10241.xml: object 10241 version 1.0 is already defined by vendor/10241.xml',
  ]);
});

test('parsePath accepts 1-4 ids in 0..65535 and nothing else', () => {
  assert.deepEqual(parsePath('/3/0/1/2'), [3, 0, 1, 2]);
  assert.deepEqual(parsePath('3'), [3]);
  assert.deepEqual(parsePath([65535, 0]), [65535, 0]);
  for (const bad of ['', '/', '/3//1', '/65536', '/1/2/3/4/5', '/-1', '/1.5', [1.5], [70000], '/3/0/1/']) {
    assert.equal(parsePath(bad), undefined, JSON.stringify(bad));
  }
});
