// Send (/dp) from devices that are not the simulator: libcoap as an unknown sender, a raw device
// sending malformed, unsupported and log payloads; the DDF folder setting and its problems; LwM2M
// kinds refused for an MQTT device; observations kept across a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, startTestOutpost, waitFor } from '../testing/harness.js';
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';
import { coapClient } from './libcoap-client.js';
import { rawDevice } from './raw-device.js';

const SENML_JSON = 110;

test('Send: unknown sender 4.04, malformed 4.00, not SenML 4.15, values and logs stored before the 2.04', async () => {
  const outpost = await startTestOutpost();
  const device = await rawDevice(outpost.coapPort!, 'sender');
  try {
    const api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
    assert.equal((await api.post('/api/devices', { uid: 'sender', name: 'sender', dialect: 'lwm2m' })).status, 200);

    const stranger = await coapClient(['-m', 'post', '-t', '110', '-e', '[{"n":"/3303/0/5700","v":1}]'], `coap://127.0.0.1:${outpost.coapPort}/dp`);
    assert.equal(stranger.code, '4.04');
    assert.match(stranger.payload, /register first/);

    await device.register('U');
    const bad = await device.send(SENML_JSON, Buffer.from('[{"n":"/3303/0/5700","v":'));
    assert.equal(bad.code, '4.00');
    assert.ok(bad.text.length > 5, bad.text);
    const tlv = await device.send(11542, Buffer.from([0xc1, 0x00, 0x01]));
    assert.deepEqual([tlv.code, /SenML/.test(tlv.text)], ['4.15', true]);

    const ok = await device.send(SENML_JSON, Buffer.from(JSON.stringify([
      { n: '/3303/0/5700', v: 23.5, t: 1_767_225_600 },
      { n: '/20/0/4014', vs: 'boot ok\nsensor ready' },
    ])));
    assert.equal(ok.code, '2.04');
    const raw = (await api.get('/api/devices/sender/series/%2F3303%2F0%2F5700/raw')).body as { points: Array<{ ts: number; value: number }> };
    assert.deepEqual(raw.points.map((p) => [p.ts, p.value]), [[1_767_225_600_000, 23.5]], 'at the time the device measured it');
    const events = (await api.get('/api/devices/sender/events')).body as Array<{ kind: string; message: string }>;
    assert.ok(events.some((e) => e.message.includes('boot ok')) && events.some((e) => e.message.includes('sensor ready')), JSON.stringify(events));
    const objects = (await api.get<Lwm2mDeviceObjects>('/api/devices/sender/lwm2m/objects')).body;
    assert.deepEqual(objects.values.find((v) => v.path === '/3303/0/5700'), { path: '/3303/0/5700', value: 23.5, type: 'float', at: 1_767_225_600_000, source: 'send' });

    // a flood of log lines folds into one counted event beyond the minute's budget
    const lines = Array.from({ length: 80 }, (_, i) => `line ${i}`).join('\n');
    assert.equal((await device.send(SENML_JSON, Buffer.from(JSON.stringify([{ n: '/20/0/4014', vs: lines }])))).code, '2.04');
    const after = (await api.get('/api/devices/sender/events?limit=500')).body as Array<{ message: string; count: number }>;
    const folded = after.find((e) => /more than 60 log lines/.test(e.message));
    assert.ok(folded && folded.count >= 20, JSON.stringify(after.slice(0, 3)));
    assert.ok(after.length < 70, `${after.length} events`);
  } finally {
    device.close();
    await outpost.close();
    outpost.removeData();
  }
});

test('Settings: a DDF folder loads (its problems named by file); LwM2M kinds refused for an MQTT device', async () => {
  const outpost = await startTestOutpost();
  const folder = mkdtempSync(join(tmpdir(), 'ddf-'));
  try {
    const api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/setup', { username: 'owner', password: 'correct horse' })).status, 200);
    let settings = (await api.get('/api/settings')).body;
    assert.deepEqual([settings.settings.lwm2mModelsFolder, settings.running.lwm2mModelProblems], ['', []]);
    copyFileSync('/work/shared/lwm2m-models/3442.xml', join(folder, '3442.xml'));
    writeFileSync(join(folder, 'broken.xml'), '<LWM2M><Object><ObjectID>99999</Object>');
    settings = (await api.call('PUT', '/api/settings', { lwm2mModelsFolder: folder })).body;
    assert.equal(settings.settings.lwm2mModelsFolder, folder);
    assert.equal(settings.running.lwm2mModelProblems.length, 1, JSON.stringify(settings.running));
    assert.match(settings.running.lwm2mModelProblems[0], /broken\.xml/);
    settings = (await api.call('PUT', '/api/settings', { lwm2mModelsFolder: '' })).body;
    assert.deepEqual(settings.running.lwm2mModelProblems, []);

    assert.equal((await api.post('/api/devices', { uid: 'mqtt-1', name: 'MQTT' })).status, 200);
    const refused = await api.post('/api/devices/mqtt-1/operations', { kind: 'lwm2m.read', args: { path: '/3/0/0' } });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error, /mqtt-1 cannot do lwm2m\.read/);
    assert.equal((await api.post('/api/devices', { uid: 'lw-1', name: 'LwM2M', dialect: 'lwm2m' })).status, 200);
    const refusedToo = await api.post('/api/devices/lw-1/operations', { kind: 'reboot', args: {} });
    assert.equal(refusedToo.status, 400, JSON.stringify(refusedToo.body));
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await outpost.close();
    outpost.removeData();
  }
});
