import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideLaunchMode, type LaunchFacts } from './launch-mode.js';

const desktopLinux: LaunchFacts = {
  platform: 'linux',
  electronPath: '/repo/node_modules/electron/dist/electron',
  electronPathExists: true,
  env: { DISPLAY: ':0' },
  args: [],
};

test('runs Electron when the binary exists and there is a display', () => {
  const decision = decideLaunchMode({ ...desktopLinux, args: ['--data-dir', '/tmp/x'] });
  assert.deepEqual(decision, {
    mode: 'electron',
    electronPath: '/repo/node_modules/electron/dist/electron',
    args: ['--data-dir', '/tmp/x'],
  });
});

test('a Wayland display is enough on Linux', () => {
  const decision = decideLaunchMode({ ...desktopLinux, env: { WAYLAND_DISPLAY: 'wayland-0' } });
  assert.equal(decision.mode, 'electron');
});

test('falls back to headless when the binary was not downloaded', () => {
  const decision = decideLaunchMode({ ...desktopLinux, electronPath: null, electronPathExists: false });
  assert.deepEqual(decision, {
    mode: 'headless',
    message: 'Electron is not available (binary not downloaded) — running headless.',
    args: [],
  });
});

test('a path that does not exist counts as not downloaded', () => {
  const decision = decideLaunchMode({ ...desktopLinux, electronPathExists: false });
  assert.equal(decision.mode, 'headless');
  assert.match(decision.mode === 'headless' ? decision.message ?? '' : '', /binary not downloaded/);
});

test('falls back to headless on Linux without a display, and names every reason', () => {
  const decision = decideLaunchMode({
    ...desktopLinux,
    electronPath: null,
    electronPathExists: false,
    env: {},
    args: ['--http-port', '0'],
  });
  assert.deepEqual(decision, {
    mode: 'headless',
    message: 'Electron is not available (binary not downloaded; no display) — running headless.',
    args: ['--http-port', '0'],
  });
});

test('empty DISPLAY does not count as a display', () => {
  const decision = decideLaunchMode({ ...desktopLinux, env: { DISPLAY: '' } });
  assert.equal(decision.mode, 'headless');
  assert.equal(decision.mode === 'headless' && decision.message, 'Electron is not available (no display) — running headless.');
});

test('macOS and Windows need no DISPLAY variable', () => {
  for (const platform of ['darwin', 'win32'] as const) {
    const decision = decideLaunchMode({ ...desktopLinux, platform, env: {} });
    assert.equal(decision.mode, 'electron', platform);
  }
});

test('--headless forces headless and is not passed on to core', () => {
  const decision = decideLaunchMode({ ...desktopLinux, args: ['--headless', '--mqtt-port', '1884'] });
  assert.deepEqual(decision, {
    mode: 'headless',
    message: 'Running headless (requested).',
    args: ['--mqtt-port', '1884'],
  });
});

test('OUTPOST_HEADLESS=1 forces headless; 0 and false do not', () => {
  assert.equal(decideLaunchMode({ ...desktopLinux, env: { DISPLAY: ':0', OUTPOST_HEADLESS: '1' } }).mode, 'headless');
  assert.equal(decideLaunchMode({ ...desktopLinux, env: { DISPLAY: ':0', OUTPOST_HEADLESS: '0' } }).mode, 'electron');
  assert.equal(decideLaunchMode({ ...desktopLinux, env: { DISPLAY: ':0', OUTPOST_HEADLESS: 'false' } }).mode, 'electron');
});

test('--help goes to the headless CLI without an explanation line', () => {
  const decision = decideLaunchMode({ ...desktopLinux, args: ['--help'] });
  assert.deepEqual(decision, { mode: 'headless', message: null, args: ['--help'] });
});
