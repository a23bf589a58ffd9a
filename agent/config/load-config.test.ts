import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'agent-config-'));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const noEnv = {};

async function problem(flags: Parameters<typeof loadConfig>[0], env: Record<string, string> = {}): Promise<string> {
  try {
    await loadConfig(flags, env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.message;
  }
  throw new Error('expected the configuration to be refused');
}

test('flags override the file field by field; defaults fill the rest', async () => {
  const path = file('a.json', { host: 'outpost.lan', port: 1884, uid: 'pump-7', token: 'from-file' });
  const { config, source } = await loadConfig({ config: path, token: 'from-flag', 'state-dir': '/tmp/st' }, noEnv);
  assert.deepEqual(config, { host: 'outpost.lan', port: 1884, uid: 'pump-7', token: 'from-flag', stateDir: '/tmp/st', snapdSocket: '/run/snapd.socket' });
  assert.equal(source, `${path} and flags`);
});

test('flags alone are enough when the default config file does not exist', async () => {
  const { config } = await loadConfig({ host: 'h', port: '2000', uid: 'd1', token: 't' }, { SNAP_DATA: join(dir, 'nothing-here'), SNAP_COMMON: '/var/snap/outpost-agent/common' });
  assert.equal(config.port, 2000);
  assert.equal(config.stateDir, '/var/snap/outpost-agent/common/state');
});

test('in a snap the config comes from $SNAP_DATA/config.json', async () => {
  const snapData = mkdtempSync(join(tmpdir(), 'snap-data-'));
  writeFileSync(join(snapData, 'config.json'), JSON.stringify({ host: 'h', uid: 'd1', token: 't' }));
  const { config, source } = await loadConfig({}, { SNAP_DATA: snapData });
  assert.equal(config.host, 'h');
  assert.equal(source, `${snapData}/config.json and flags`);
});

test('missing fields are named with their flag', async () => {
  const msg = await problem({ config: file('empty.json', {}) });
  assert.match(msg, /host \(--host\): the Outpost server name or address is needed/);
  assert.match(msg, /uid \(--uid\): the device's uid is needed/);
  assert.match(msg, /token \(--token\): the token Outpost showed/);
});

test('a bad port from a flag or the file is refused with its name', async () => {
  const base = { host: 'h', uid: 'd', token: 't' };
  assert.match(await problem({ ...base, port: 'abc' }, { SNAP_DATA: dir }), /port \(--port\): a port number from 1 to 65535/);
  assert.match(await problem({ ...base, port: '70000' }, { SNAP_DATA: dir }), /port \(--port\): a port number from 1 to 65535/);
  assert.match(await problem({ config: file('p.json', { ...base, port: '1883' }) }), /port \(--port\): a port number/);
});

test('a uid Outpost would not accept is refused', async () => {
  assert.match(await problem({ config: file('u.json', { host: 'h', uid: 'pump 7', token: 't' }) }), /uid \(--uid\): letters, digits and \. _ : - only/);
});

test('an unknown field (a typo) is named', async () => {
  assert.match(await problem({ config: file('typo.json', { hots: 'h', host: 'h', uid: 'd', token: 't' }) }), /"hots": unknown field/);
});

test('tls is accepted in the shape but refused for now, saying so', async () => {
  const msg = await problem({ config: file('tls.json', { host: 'h', uid: 'd', token: 't', tls: { ca: '/etc/ssl/ca.pem' } }) });
  assert.match(msg, /tls: TLS and client certificates are not supported yet/);
  assert.match(await problem({ config: file('tls2.json', { host: 'h', uid: 'd', token: 't', tls: { certificate: 'x' } }) }), /"certificate": unknown field in tls/);
});

test('reconnect timings are checked', async () => {
  const base = { host: 'h', uid: 'd', token: 't' };
  const ok = await loadConfig({ config: file('r.json', { ...base, reconnect: { initialMs: 50, maxMs: 500 } }) }, noEnv);
  assert.deepEqual(ok.config.reconnect, { initialMs: 50, maxMs: 500 });
  assert.match(await problem({ config: file('r2.json', { ...base, reconnect: { initialMs: 500, maxMs: 50 } }) }), /reconnect: initialMs must not be larger than maxMs/);
});

test('an explicit config file that is missing, not JSON or not an object is a clear error', async () => {
  assert.match(await problem({ config: join(dir, 'nope.json') }), /cannot read the config file .*nope\.json: it does not exist/);
  assert.match(await problem({ config: file('bad.json', '{"host": ') }), /is not valid JSON/);
  assert.match(await problem({ config: file('arr.json', '[1]') }), /must hold a JSON object/);
});
