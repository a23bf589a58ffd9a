// The seed agent's dialect, played byte for byte by mosquitto_sub (commands in) and mosquitto_pub
// (replies out), with empty credentials and the serial as client id, against the real broker.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startTestOutpost, adminWithDevice, waitFor, type TestOutpost } from '../../testing/harness.js';
import { sharedPath } from '../../../agent/testing/shared-fixtures.js';

const outposts: TestOutpost[] = [];
const children: ChildProcess[] = [];
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  for (const o of outposts) {
    await o.close();
    o.removeData();
  }
});

const SERIAL = '1234';
const fixture = (name: string) => readFileSync(sharedPath('snapd-fixtures', 'spec', name), 'utf8');

/** The seed agent's receiving side: mosquitto_sub as the serial, no credentials, QoS 2; one line per command. */
function seedSub(port: number, serial: string = SERIAL, filter = `django/iot/server/${serial}`) {
  const child = spawn('/usr/bin/stdbuf', ['-oL', '-eL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv311',
    '-i', serial, '-t', filter, '-q', '2', '-d'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // commands are the lines that are not mosquitto_sub's own -d chatter
  const commands = () => out.split('\n').filter((l) => l && !/^Client |^Subscribed|^Error|^Connection/.test(l));
  return { child, output: () => out, commands };
}

/** A reply as the seed agent sends it: QoS 0 to django/iot/client/{serial}, same client id, no credentials. */
function seedPub(port: number, message: string, { serial = SERIAL, topic = `django/iot/client/${serial}` }: { serial?: string; topic?: string } = {}): Promise<string> {
  return new Promise((resolve) => execFile('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv311', '-i', serial,
    '-t', topic, '-q', '0', '-m', message], (e, stdout, stderr) => resolve(e ? `${stderr}${e.message}` : stdout)));
}
const ret = (msgCode: string, data: string) => JSON.stringify({ msgCode, id: SERIAL, data });

async function seedOutpost(heartbeatTimeoutMs = 3000) {
  const outpost = await startTestOutpost(undefined, { seedTimings: { heartbeatEveryMs: 60_000, heartbeatTimeoutMs } });
  outposts.push(outpost);
  const { api } = await adminWithDevice(outpost, 'native-1');
  const created = await api.post('/api/devices', { uid: SERIAL, name: 'Seed gateway', dialect: 'seed' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.device.dialect, 'seed');
  return { outpost, api };
}

test('a seed agent: heartbeat, system info, users and snaps, reboot; all in the same views as the native agent', { timeout: 30_000 }, async () => {
  const { outpost, api } = await seedOutpost();
  const sub = seedSub(outpost.mqttPort);
  await waitFor(() => sub.commands().includes('heartbeat'), 'a heartbeat on connect', 8000);
  await seedPub(outpost.mqttPort, ret('heartbeat', 'up 3 hours, 5 minutes'));
  await waitFor(async () => (await api.get(`/api/devices/${SERIAL}/inventory`)).body.inventory?.system?.uptimeText === 'up 3 hours, 5 minutes', 'uptime shown');
  // mosquitto_pub's connection with the same client id takes over mosquitto_sub's; it comes back
  await waitFor(async () => (await api.get(`/api/devices/${SERIAL}`)).body.status === 'online', 'online', 8000);

  const asked = await api.post(`/api/devices/${SERIAL}/inventory/refresh`);
  assert.equal(asked.body.asked, true, JSON.stringify(asked.body));
  await waitFor(() => ['getsysteminfo', 'getuserinfo', 'getsnapinfo'].every((c) => sub.commands().includes(c)), 'the three commands', 8000);
  await seedPub(outpost.mqttPort, ret('getsysteminfo-ret', fixture('system-info.json')));
  await seedPub(outpost.mqttPort, ret('getuserinfo-ret', fixture('users-root.json')));
  await seedPub(outpost.mqttPort, ret('getsnapinfo-ret', fixture('snaps.json')));
  const op = await waitFor(async () => {
    const r = await api.get(`/api/operations/${asked.body.operationId}`);
    return r.body.state === 'succeeded' ? r.body : undefined;
  }, 'inventory.refresh succeeded', 8000);
  assert.deepEqual(op.result.answered, ['getsysteminfo', 'getuserinfo', 'getsnapinfo']);
  const inv = (await api.get(`/api/devices/${SERIAL}/inventory`)).body;
  assert.equal(inv.source, 'seed');
  assert.equal(inv.inventory.snapd.version, '2.66.1+24.04');
  assert.deepEqual(inv.inventory.users.map((u: { name: string }) => u.name), ['jdoe']);
  assert.ok(inv.inventory.snaps.some((s: { name: string; revision: string }) => s.name === 'core22' && s.revision === '1663'));
  assert.equal(inv.inventory.system.uptimeText, 'up 3 hours, 5 minutes', 'parts merge, none is lost');

  const reboot = await api.post(`/api/devices/${SERIAL}/operations`, { kind: 'system.reboot' });
  await waitFor(() => sub.commands().includes('reboot'), 'reboot command', 8000);
  await seedPub(outpost.mqttPort, ret('reboot-ret', 'reboot-OK'));
  await waitFor(async () => (await api.get(`/api/operations/${reboot.body.id}`)).body.state === 'succeeded', 'reboot succeeded', 8000);
  // what the seed agent has no command for is refused when asked, not left to time out
  const snap = await api.post(`/api/devices/${SERIAL}/operations`, { kind: 'snap.install', args: { name: 'hello-world' } });
  assert.equal(snap.status, 400);
  assert.match(snap.body.error, /does not support it/);
});

test('a seed agent touches nothing but its two topics; unknown serials and native devices without credentials are refused', { timeout: 30_000 }, async () => {
  const { outpost, api } = await seedOutpost();
  const sub = seedSub(outpost.mqttPort);
  await waitFor(() => sub.commands().includes('heartbeat'), 'connected', 8000);
  await seedPub(outpost.mqttPort, ret('heartbeat', 'up 1 minute'), { topic: 'django/iot/client/9999' });
  await seedPub(outpost.mqttPort, '{"temperature": 1}', { topic: `outpost/v1/${SERIAL}/telemetry` });
  await seedPub(outpost.mqttPort, '{"kind":"system.reboot"}', { topic: 'outpost/v1/native-1/op/1' });
  const wide = seedSub(outpost.mqttPort, SERIAL, 'django/iot/server/#');
  await waitFor(() => /Subscribed|SUBACK/.test(wide.output()), 'suback', 8000);
  const events = await waitFor(async () => {
    const list = (await api.get(`/api/devices/${SERIAL}/events`)).body as Array<{ message: string }>;
    return list.filter((e) => /refused/.test(e.message)).length >= 4 ? list : undefined;
  }, 'refusals recorded', 8000);
  const text = events.map((e) => e.message).join('\n');
  assert.match(text, /publish to django\/iot\/client\/9999 refused: a seed agent may publish only to django\/iot\/client\/1234/);
  assert.match(text, /publish to outpost\/v1\/1234\/telemetry refused/);
  assert.match(text, /subscription to django\/iot\/server\/# refused: a seed agent may subscribe only to django\/iot\/server\/1234/);
  assert.equal((await api.get('/api/devices/native-1/events')).body.length, 0, 'the other device saw nothing');
  assert.equal((await api.get(`/api/devices/${SERIAL}/series`)).body.length, 0, 'no telemetry stored');

  const unknown = await seedPub(outpost.mqttPort, ret('heartbeat', 'up'), { serial: '5555', topic: 'django/iot/client/5555' });
  assert.match(unknown, /not authori[sz]ed|Connection Refused/i);
  const native = await seedPub(outpost.mqttPort, 'x', { serial: 'native-1', topic: 'outpost/v1/native-1/telemetry' });
  assert.match(native, /not authori[sz]ed|Connection Refused/i);
  const audit = (await api.get('/api/audit?action=mqtt-refused')).body as Array<{ target: string; detail: unknown }>;
  assert.deepEqual(audit.map((a) => a.target).sort(), ['client:5555', 'client:native-1']);
  assert.match(JSON.stringify(audit), /is not a device marked as a seed agent/);
  assert.equal((await api.get('/api/devices')).body.length, 2, 'no device was added');
});

test('no answer to the heartbeat: offline, with that reason', { timeout: 30_000 }, async () => {
  const { outpost, api } = await seedOutpost(1000);
  const sub = seedSub(outpost.mqttPort);
  await waitFor(() => sub.commands().includes('heartbeat'), 'heartbeat', 8000);
  const offline = await waitFor(async () => {
    const d = (await api.get(`/api/devices/${SERIAL}/events`)).body as Array<{ kind: string; message: string }>;
    return d.find((e) => e.kind === 'offline');
  }, 'offline', 8000);
  assert.match(offline.message, /no answer to the heartbeat within 1 s/);
});
