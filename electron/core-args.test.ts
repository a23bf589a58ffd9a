import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreArgs, pinnedHttpPort, readFlag } from './core-args.js';

test('reads --flag value and --flag=value; the last one wins', () => {
  assert.equal(readFlag(['--data-dir', '/a'], '--data-dir'), '/a');
  assert.equal(readFlag(['--data-dir=/b'], '--data-dir'), '/b');
  assert.equal(readFlag(['--data-dir', '/a', '--data-dir=/b'], '--data-dir'), '/b');
  assert.equal(readFlag(['--data-dir'], '--data-dir'), undefined);
  assert.equal(readFlag(['--data-directory=/x'], '--data-dir'), undefined);
});

test('passes core flags through and drops Electron/Chromium arguments', () => {
  const argv = ['/usr/lib/electron', '/repo', '--no-sandbox', '--data-dir', '/d', '--mqtt-port=1884', '--host', '127.0.0.1'];
  assert.deepEqual(coreArgs(argv, 0), [
    '--http-port', '0',
    '--data-dir', '/d',
    '--mqtt-port', '1884',
    '--host', '127.0.0.1',
  ]);
  assert.deepEqual(coreArgs(['/app'], 8080), ['--http-port', '8080']);
  assert.deepEqual(coreArgs(['/app', '--data-dir=/d'], undefined), ['--data-dir', '/d']);
});

test('--http-port pins the port when it is a port number', () => {
  assert.equal(pinnedHttpPort(['--http-port', '8080']), 8080);
  assert.equal(pinnedHttpPort(['--http-port=0']), 0);
  assert.equal(pinnedHttpPort(['--http-port', 'abc']), undefined);
  assert.equal(pinnedHttpPort(['--http-port=']), undefined);
  assert.equal(pinnedHttpPort(['--http-port', '70000']), undefined);
  assert.equal(pinnedHttpPort([]), undefined);
});
