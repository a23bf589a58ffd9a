import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPort } from './ports.js';

test('a command-line flag wins over Settings, and says so', () => {
  assert.deepEqual(explainPort({ saved: 8080, running: 41234, fromFlag: true, flag: '--http-port' }), {
    source: 'command line',
    wins: '--http-port 41234 on the command line overrides the saved 8080.',
  });
  assert.equal(explainPort({ saved: 0, running: 5000, fromFlag: true, flag: '--mqtt-port' }).wins,
    '--mqtt-port 5000 on the command line overrides the saved 0 (any free port).');
  assert.equal(explainPort({ saved: 1883, running: 1883, fromFlag: true, flag: '--mqtt-port' }).wins,
    '--mqtt-port 1883 on the command line, the same as saved.');
});

test('without a flag: Settings, a saved change pending a restart, any free port, not running', () => {
  assert.deepEqual(explainPort({ saved: 1883, running: 1883, fromFlag: false, flag: '--mqtt-port' }), { source: 'Settings', wins: 'From Settings.' });
  assert.equal(explainPort({ saved: 1884, running: 1883, fromFlag: false, flag: '--mqtt-port' }).wins, 'The saved port 1884 applies after Outpost restarts.');
  assert.equal(explainPort({ saved: 0, running: 39000, fromFlag: false, flag: '--http-port' }).wins, 'Settings say 0: any free port, chosen at start.');
  assert.equal(explainPort({ saved: 1883, running: null, fromFlag: false, flag: '--mqtt-port' }).source, 'not running');
});
