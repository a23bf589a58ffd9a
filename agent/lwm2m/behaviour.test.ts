// The device's own behaviour without a network: values drift, min/max follow, attributes decide
// which changes are notified, composite path lists parse.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { CT } from '../../core/codecs/lwm2m/index.js';
import { AttributeStore, crossesThresholds } from './attributes.js';
import { Lwm2mClient } from './client.js';
import { parseCompositePaths } from './composite.js';
import { Refusal } from './objects/index.js';

function device(): Lwm2mClient {
  // never started: no socket, only the objects
  return new Lwm2mClient({ server: 'coap://127.0.0.1:5683', endpoint: 'offline', lwm2mVersion: '1.1' });
}

it('drifts sensor values over time and keeps min/max measured around them', () => {
  const d = device();
  const seen = new Set<unknown>();
  for (let i = 0; i < 50; i++) {
    d.tick();
    seen.add(d.get('/3303/0/5700'));
    const v = d.get('/3303/0/5700') as number;
    assert.ok((d.get('/3303/0/5601') as number) <= v && v <= (d.get('/3303/0/5602') as number));
  }
  assert.ok(seen.size > 5, 'the temperature moves');
  assert.equal(d.get('/3303/0/5701'), 'Cel');
  assert.equal(d.get('/3304/0/5701'), '%RH');
  assert.equal(d.get('/3/0/2'), 'offline', 'the serial number is the endpoint');
});

it('refuses Security reads and writes from the server with 4.01', () => {
  const d = device();
  assert.throws(() => d.store.read([0, 0]), (e: unknown) => e instanceof Refusal && e.code === '4.01');
  assert.equal(d.get('/0/0/0'), 'coap://127.0.0.1:5683');
});

it('notifies numeric changes only across gt / lt or by st', () => {
  assert.equal(crossesThresholds({}, 20, 20), false);
  assert.equal(crossesThresholds({}, 20, 20.1), true);
  assert.equal(crossesThresholds({ gt: 25 }, 24, 24.9), false);
  assert.equal(crossesThresholds({ gt: 25 }, 24.9, 25.1), true);
  assert.equal(crossesThresholds({ lt: 10 }, 12, 9), true);
  assert.equal(crossesThresholds({ st: 1 }, 20, 20.5), false);
  assert.equal(crossesThresholds({ st: 1 }, 20, 21), true);
});

it('merges attributes from object to resource and checks them', () => {
  const a = new AttributeStore();
  a.write([3303], ['pmin=5', 'pmax=60']);
  a.write([3303, 0, 5700], ['pmax=30', 'st=0.5']);
  assert.deepEqual(a.effective([3303, 0, 5700], { pmin: 0, pmax: 0 }), { pmin: 5, pmax: 30, st: 0.5 });
  assert.deepEqual(a.effective([3303, 0, 5701], { pmin: 0, pmax: 0 }), { pmin: 5, pmax: 60 });
  assert.deepEqual(a.effective([3304, 0, 5700], { pmin: 1, pmax: 0 }), { pmin: 1 });
  assert.throws(() => a.write([3303, 0, 5700], ['pmin=40', 'pmax=10']), /pmax 10 is below pmin 40/);
  assert.throws(() => a.write([3303], ['gt=3']), /apply to resources/);
  assert.throws(() => a.write([3303], ['colour=red']), /unknown attribute/);
  a.write([3303, 0, 5700], ['st']);
  assert.deepEqual(a.at([3303, 0, 5700]), { pmax: 30 });
});

it('parses composite path lists in SenML JSON with a sticky base name', () => {
  const paths = parseCompositePaths(CT.SENML_JSON, Buffer.from('[{"bn":"/3/0/","n":"0"},{"n":"9"},{"bn":"","n":"/3303/0/5700"}]'));
  assert.deepEqual(paths, [[3, 0, 0], [3, 0, 9], [3303, 0, 5700]]);
  assert.throws(() => parseCompositePaths(CT.SENML_JSON, Buffer.from('{"n":1}')), /not an array/);
  assert.throws(() => parseCompositePaths(CT.SENML_CBOR, Buffer.from([0xff])), /invalid CBOR|CBOR/);
});
