// The simulator's device-management interface driven by a foreign LwM2M-server stand-in:
// libcoap's coap-client-notls over real UDP on 127.0.0.1, payloads decoded with core's codecs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CT, decodeContent, decodeLinkFormat, decodeRecords, encodeContent, encodeSenmlJsonRecords, type Lwm2mType } from '../../core/codecs/lwm2m/index.js';
import { createLwm2mClient, FW_RESULT, FW_STATE, type Lwm2mClient } from './index.js';
import { coapClient } from './testing/coap-client.js';
import { startRegistrar, type Registrar } from './testing/registrar.js';
import { until } from './testing/until.js';

// the test's own knowledge of the types it decodes (as a server's model table would give)
const TYPES: Record<string, Lwm2mType> = {
  '/3/0/0': 'string', '/3/0/1': 'string', '/3/0/2': 'string', '/3/0/3': 'string', '/3/0/6': 'integer', '/3/0/7': 'integer',
  '/3/0/9': 'integer', '/3/0/10': 'integer', '/3/0/11': 'integer', '/3/0/13': 'time', '/3/0/14': 'string', '/3/0/15': 'string',
  '/3/0/16': 'string', '/3/0/17': 'string', '/3/0/18': 'string', '/3/0/21': 'integer',
  '/3303/0/5700': 'float', '/3303/0/5701': 'string', '/3303/0/5601': 'float', '/3303/0/5602': 'float', '/3303/0/5603': 'float',
  '/3303/0/5604': 'float', '/3303/0/5750': 'string',
};
const typeOf = (p: readonly number[]): Lwm2mType | undefined => TYPES[`/${p.join('/')}`];

describe('LwM2M simulator under coap-client-notls', () => {
  let registrar: Registrar;
  let v10: Lwm2mClient;
  let v11: Lwm2mClient;
  const at = (c: Lwm2mClient, path: string): string => `coap://127.0.0.1:${c.port}${path}`;

  before(async () => {
    registrar = await startRegistrar();
    const common = { server: `coap://127.0.0.1:${registrar.port}`, intervalMs: 0, workMs: 100, requestTimeoutMs: 1000 };
    v10 = createLwm2mClient({ ...common, endpoint: 'dm-10', lwm2mVersion: '1.0' });
    v11 = createLwm2mClient({ ...common, endpoint: 'dm-11', lwm2mVersion: '1.1' });
    await Promise.all([v10.start(), v11.start()]);
  });
  after(async () => {
    await Promise.all([v10.stop(), v11.stop()]);
    await registrar.close();
  });

  it('reads the Device object as TLV (1.0) and core decodes it', async () => {
    const r = await coapClient(at(v10, '/3/0'), { accept: CT.TLV });
    assert.equal(r.code, '2.05');
    const node = decodeContent(CT.TLV, r.payload, [3, 0], typeOf);
    assert.equal(node.kind, 'instance');
    const value = (id: number): unknown => node.kind === 'instance' ? node.resources.find((x) => x.id === id) : undefined;
    assert.deepEqual(value(2), { kind: 'resource', id: 2, value: 'dm-10' });
    assert.deepEqual(value(0), { kind: 'resource', id: 0, value: 'Outpost' });
    assert.equal((value(11) as { kind: string }).kind, 'multiResource');
    assert.equal(value(4), undefined, 'executable resources are not read');
  });

  it('answers a 1.0 client\'s default read in TLV and a 1.1 client\'s in SenML CBOR (ct 112)', async () => {
    const tlv = await coapClient(at(v10, '/3303/0'));
    assert.equal(tlv.code, '2.05');
    assert.match(tlv.log, /Content-Format:(11542|application\/vnd\.oma\.lwm2m\+tlv) /);
    const cbor = await coapClient(at(v11, '/3303/0'));
    assert.equal(cbor.code, '2.05');
    assert.match(cbor.log, /Content-Format:(112|application\/senml\+cbor) /);
    const records = decodeRecords(CT.SENML_CBOR, cbor.payload, [3303, 0], typeOf);
    assert.deepEqual(records.find((x) => x.path.join('/') === '3303/0/5701')?.value, 'Cel');
    assert.equal(typeof records.find((x) => x.path.join('/') === '3303/0/5700')?.value, 'number');
  });

  it('reads single resources as text, and SenML JSON / LwM2M JSON when asked', async () => {
    v11.set('/3303/0/5700', 23.25);
    const text = await coapClient(at(v11, '/3303/0/5700'), { accept: CT.TEXT });
    assert.equal(text.code, '2.05');
    assert.equal(text.payload.toString(), '23.25');
    const json = await coapClient(at(v11, '/3303/0'), { accept: CT.SENML_JSON });
    assert.equal(json.code, '2.05');
    assert.ok(decodeRecords(CT.SENML_JSON, json.payload, [3303, 0], typeOf).some((x) => x.value === 23.25));
    const lwm2mJson = await coapClient(at(v10, '/3303/0'), { accept: CT.LWM2M_JSON });
    assert.equal(lwm2mJson.code, '2.05');
    // a 1.0 client knows no SenML, and text cannot hold an instance
    assert.equal((await coapClient(at(v10, '/3303/0'), { accept: CT.SENML_CBOR })).code, '4.06');
    assert.equal((await coapClient(at(v11, '/3303/0'), { accept: CT.TEXT })).code, '4.06');
  });

  it('writes the light on with text, refuses bad values and read-only resources', async () => {
    const put = await coapClient(at(v10, '/3311/0/5850'), { method: 'put', contentFormat: CT.TEXT, text: '1' });
    assert.equal(put.code, '2.04');
    assert.equal(v10.get('/3311/0/5850'), true);
    assert.equal((await coapClient(at(v10, '/3311/0/5850'), { accept: CT.TEXT })).payload.toString(), '1');
    assert.equal((await coapClient(at(v10, '/3311/0/5851'), { method: 'put', contentFormat: CT.TEXT, text: 'bright' })).code, '4.00');
    assert.equal((await coapClient(at(v10, '/3311/0/5851'), { method: 'put', contentFormat: CT.TEXT, text: '150' })).code, '4.00');
    assert.equal(v10.get('/3311/0/5851'), 100, 'a refused write changes nothing');
    assert.equal((await coapClient(at(v10, '/3/0/0'), { method: 'put', contentFormat: CT.TEXT, text: 'x' })).code, '4.05');
    assert.equal((await coapClient(at(v10, '/3311/0/5850'), { method: 'put', contentFormat: 50, text: '{}' })).code, '4.15');
  });

  it('partially updates an instance with SenML JSON (1.1) and replaces a resource', async () => {
    const body = encodeSenmlJsonRecords([{ path: [3311, 0, 5851], value: 40 }, { path: [3311, 0, 5706], value: 'red' }], () => undefined);
    const post = await coapClient(at(v11, '/3311/0'), { method: 'post', contentFormat: CT.SENML_JSON, body });
    assert.equal(post.code, '2.04');
    assert.equal(v11.get('/3311/0/5851'), 40);
    assert.equal(v11.get('/3311/0/5706'), 'red');
    const garbage = await coapClient(at(v11, '/3311/0'), { method: 'post', contentFormat: CT.SENML_JSON, text: '[{"n":' });
    assert.equal(garbage.code, '4.00');
  });

  it('answers 4.04 for missing objects, instances and resources, 4.01 for Security, 4.05 for a bad method', async () => {
    assert.equal((await coapClient(at(v10, '/9999'))).code, '4.04');
    assert.equal((await coapClient(at(v10, '/3303/7'))).code, '4.04');
    assert.equal((await coapClient(at(v10, '/3303/0/1234'))).code, '4.04');
    assert.equal((await coapClient(at(v10, '/0/0'))).code, '4.01');
    assert.equal((await coapClient(at(v10, '/3/0/4'))).code, '4.05', 'Reboot is not readable');
    assert.equal((await coapClient(at(v10, '/3/0/0'), { method: 'post' })).code, '4.05', 'Manufacturer is not executable');
    assert.equal((await coapClient(at(v10, '/3/0'), { method: 'delete' })).code, '4.05');
  });

  it('discovers objects, instances and resources with their attributes', async () => {
    const wa = await coapClient(at(v10, '/3303/0/5700?pmin=2&pmax=30&gt=25.5'), { method: 'put' });
    assert.equal(wa.code, '2.04');
    assert.equal((await coapClient(at(v10, '/3303/0/5700?pmin=abc'), { method: 'put' })).code, '4.00');
    const d = await coapClient(at(v10, '/3303'), { accept: CT.LINK_FORMAT });
    assert.equal(d.code, '2.05');
    const links = decodeLinkFormat(d.payload);
    assert.equal(links[0]!.uri, '/3303');
    assert.ok(links.some((l) => l.uri === '/3303/0/5605'), 'executable resources are listed');
    assert.deepEqual(links.find((l) => l.uri === '/3303/0/5700')?.params, { pmin: '2', pmax: '30', gt: '25.5' });
    const multi = decodeLinkFormat((await coapClient(at(v10, '/3/0/11'), { accept: CT.LINK_FORMAT })).payload);
    assert.deepEqual(multi, [{ uri: '/3/0/11', params: { dim: '1' } }]);
    // clear them again for the observe test
    assert.equal((await coapClient(at(v10, '/3303/0/5700?pmin&pmax&gt'), { method: 'put' })).code, '2.04');
  });

  it('executes Reboot: de-registers, then registers again', async () => {
    const before = registrar.seen.length;
    const r = await coapClient(at(v10, '/3/0/4'), { method: 'post' });
    assert.equal(r.code, '2.04');
    await registrar.waitFor((s) => registrar.seen.indexOf(s) >= before && s.method === 'DELETE');
    await registrar.waitFor((s) => registrar.seen.indexOf(s) >= before && s.method === 'POST' && s.path === '/rd' && s.query.includes('ep=dm-10'));
    await new Promise((res) => v10.once('registered', res));
  });

  it('creates and deletes an instance, and tells the server with an Update', async () => {
    const created = await coapClient(at(v11, '/3303'), { method: 'post', contentFormat: CT.SENML_JSON, text: '[{"bn":"/3303/5/","n":"5750","vs":"fridge"}]' });
    assert.equal(created.code, '2.01');
    assert.match(created.log, /Location-Path:3303, Location-Path:5/);
    assert.equal(v11.get('/3303/5/5750'), 'fridge');
    assert.equal(v11.get('/3303/5/5701'), 'Cel');
    const update = await registrar.waitFor((s) => s.method === 'POST' && s.path.startsWith('/rd/') && s.payload.toString().includes('</3303/5>'));
    assert.equal(update.contentFormat, CT.LINK_FORMAT);
    assert.equal((await coapClient(at(v11, '/3303'), { method: 'post', contentFormat: CT.SENML_JSON, text: '[{"bn":"/3303/5/","n":"5750","vs":"x"}]' })).code, '4.00', 'the instance exists');
    assert.equal((await coapClient(at(v11, '/3303/5'), { method: 'delete' })).code, '2.02');
    assert.equal((await coapClient(at(v11, '/3303/5'))).code, '4.04');
  });

  it('runs the firmware update state machine', async () => {
    assert.equal((await coapClient(at(v11, '/5/0/2'), { method: 'post' })).code, '4.05', 'nothing downloaded yet');
    assert.equal((await coapClient(at(v11, '/5/0/1'), { method: 'put', contentFormat: CT.TEXT, text: 'coap://fw.example/app-2.4.0.bin' })).code, '2.04');
    assert.equal(v11.get('/5/0/3'), FW_STATE.DOWNLOADING);
    await until('Downloaded', () => v11.get('/5/0/3') === FW_STATE.DOWNLOADED);
    assert.equal((await coapClient(at(v11, '/5/0/2'), { method: 'post' })).code, '2.04');
    assert.equal(v11.get('/5/0/3'), FW_STATE.UPDATING);
    await until('Idle after the update', () => v11.get('/5/0/3') === FW_STATE.IDLE);
    assert.equal(v11.get('/5/0/5'), FW_RESULT.SUCCESS);
    assert.equal((await coapClient(at(v11, '/3/0/3'), { accept: CT.TEXT })).payload.toString(), '2.4.0');
    // an empty URI cancels a download
    await coapClient(at(v11, '/5/0/1'), { method: 'put', contentFormat: CT.TEXT, text: 'coap://fw.example/app-2.5.0.bin' });
    assert.equal((await coapClient(at(v11, '/5/0/1'), { method: 'put', contentFormat: CT.TEXT, body: new Uint8Array(0) })).code, '2.04');
    assert.equal(v11.get('/5/0/3'), FW_STATE.IDLE);
    assert.equal((await coapClient(at(v11, '/5/0/1'), { method: 'put', contentFormat: CT.TEXT, text: 'not a uri' })).code, '4.00');
  });

  it('notifies an observer of /3303/0/5700 when the value changes, as pmin allows', async () => {
    const observing = coapClient(at(v10, '/3303/0/5700'), { accept: CT.TEXT, observeSeconds: 2, waitSeconds: 4 });
    await until('the observation', () => v10.observationCount === 1);
    v10.set('/3303/0/5700', 30.5);
    await new Promise((r) => setTimeout(r, 300));
    v10.set('/3303/0/5700', 31.5);
    const r = await observing;
    assert.deepEqual(r.codes.slice(0, 3), ['2.05', '2.05', '2.05']);
    assert.match(r.log, /Observe:2, Content-Format:text\/plain \] :: '30.5'/);
    assert.match(r.log, /Observe:3, Content-Format:text\/plain \] :: '31.5'/);
  });

  it('reads and writes composites (1.1: FETCH / iPATCH with SenML)', async () => {
    const fetch = await coapClient(at(v11, '/'), { method: 'fetch', contentFormat: CT.SENML_JSON, accept: CT.SENML_JSON, text: '[{"n":"/3/0/2"},{"n":"/3303/0/5701"}]' });
    assert.equal(fetch.code, '2.05');
    const records = decodeRecords(CT.SENML_JSON, fetch.payload, [], typeOf);
    assert.deepEqual(records.map((x) => [x.path.join('/'), x.value]), [['3/0/2', 'dm-11'], ['3303/0/5701', 'Cel']]);
    const patch = await coapClient(at(v11, '/'), { method: 'ipatch', contentFormat: CT.SENML_JSON, text: '[{"n":"/3311/0/5850","vb":true},{"n":"/3/0/15","vs":"Europe/Berlin"}]' });
    assert.equal(patch.code, '2.04');
    assert.equal(v11.get('/3311/0/5850'), true);
    assert.equal(v11.get('/3/0/15'), 'Europe/Berlin');
    assert.equal((await coapClient(at(v10, '/'), { method: 'fetch', contentFormat: CT.SENML_JSON, text: '[{"n":"/3/0/2"}]' })).code, '4.05', '1.0 has no composites');
  });

  it('notifies at pmax without a change, and observes a composite (1.1 FETCH with Observe)', async () => {
    assert.equal((await coapClient(at(v11, '/3303/0/5701?pmax=1'), { method: 'put' })).code, '2.04');
    const plain = coapClient(at(v11, '/3303/0/5701'), { accept: CT.TEXT, observeSeconds: 2, waitSeconds: 3 });
    const composite = coapClient(at(v11, '/'), { method: 'fetch', contentFormat: CT.SENML_JSON, accept: CT.SENML_JSON, text: '[{"n":"/3304/0/5700"},{"n":"/3/0/9"}]', observeSeconds: 2, waitSeconds: 3 });
    await until('both observations', () => v11.observationCount === 2);
    v11.set('/3304/0/5700', 55.5);
    const [p, c] = await Promise.all([plain, composite]);
    assert.ok(p.codes.length >= 2, `pmax=1 over 2 s: ${p.codes.length} answers`);
    assert.match(p.log, /Observe:2, Content-Format:text\/plain \] :: 'Cel'/);
    assert.equal(c.code, '2.05');
    assert.match(c.log, /c:2\.05 [^\n]*\[ Observe:2, Content-Format:(110|application\/senml\+json) \]/);
    assert.ok(c.payload.toString().includes('[{"n":"/3304/0/5700","v":55.5},{"n":"/3/0/9","v":100}]'), c.payload.toString());
  });

  it('takes a TLV Write (replace) of an instance from a 1.0 server, and an opaque firmware Package', async () => {
    const body = encodeContent(CT.TLV, [3311, 0], { kind: 'instance', id: 0, resources: [
      { kind: 'resource', id: 5850, value: false }, { kind: 'resource', id: 5851, value: 25 },
    ] }, (p) => (p[2] === 5850 ? 'boolean' : 'integer'));
    assert.equal((await coapClient(at(v10, '/3311/0'), { method: 'put', contentFormat: CT.TLV, body })).code, '2.04');
    assert.equal(v10.get('/3311/0/5850'), false);
    assert.equal(v10.get('/3311/0/5851'), 25);
    const pkg = Buffer.from('OUTPOST-FW 3.0.1 ' + 'x'.repeat(200));
    assert.equal((await coapClient(at(v10, '/5/0/0'), { method: 'put', contentFormat: CT.OPAQUE, body: pkg })).code, '2.04');
    assert.equal(v10.get('/5/0/3'), FW_STATE.DOWNLOADING);
    await until('Downloaded', () => v10.get('/5/0/3') === FW_STATE.DOWNLOADED);
    assert.equal(v10.get('/5/0/7'), '3.0.1');
    assert.equal((await coapClient(at(v10, '/5/0/0'), { accept: CT.OPAQUE })).code, '4.05', 'Package is write-only');
  });

  it('sends an Update when the server executes Registration Update Trigger or writes the lifetime', async () => {
    const before = registrar.seen.length;
    assert.equal((await coapClient(at(v11, '/1/0/8'), { method: 'post' })).code, '2.04');
    await registrar.waitFor((s) => registrar.seen.indexOf(s) >= before && s.method === 'POST' && s.path.startsWith('/rd/') && s.from.port === v11.port);
    const mark = registrar.seen.length;
    assert.equal((await coapClient(at(v11, '/1/0/1'), { method: 'put', contentFormat: CT.TEXT, text: '600' })).code, '2.04');
    const update = await registrar.waitFor((s) => registrar.seen.indexOf(s) >= mark && s.method === 'POST' && s.path.startsWith('/rd/') && s.from.port === v11.port);
    assert.deepEqual(update.query, ['lt=600']);
  });

  it('creates from a TLV payload of bare resources (1.0) and refuses to observe what is missing', async () => {
    const body = encodeContent(CT.TLV, [3303, 1], { kind: 'instance', id: 1, resources: [{ kind: 'resource', id: 5750, value: 'cellar' }] }, () => 'string');
    const created = await coapClient(at(v10, '/3303'), { method: 'post', contentFormat: CT.TLV, body });
    assert.equal(created.code, '2.01');
    assert.match(created.log, /Location-Path:3303, Location-Path:1/);
    assert.equal(v10.get('/3303/1/5750'), 'cellar');
    const missing = await coapClient(at(v10, '/9999/0/1'), { observeSeconds: 1, waitSeconds: 2 });
    assert.equal(missing.code, '4.04');
    assert.equal(v10.observationCount, 0);
  });

  it('answers a large read block-wise (Block2)', async () => {
    const long = 'abcdefghij'.repeat(300);
    v11.set('/3303/0/5750', long);
    const r = await coapClient(at(v11, '/3303/0/5750'), { accept: CT.TEXT });
    assert.equal(r.code, '2.05');
    assert.match(r.log, /Block2:/);
    assert.equal(r.payload.toString(), long);
  });
});
