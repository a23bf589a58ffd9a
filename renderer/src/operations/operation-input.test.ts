import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argsHint, argsTemplate, parseArgs, parseTtlMinutes } from './operation-input.js';

const fails = (r: ReturnType<typeof parseArgs> | ReturnType<typeof parseTtlMinutes>) => (r.ok ? '(accepted)' : r.message);

test('arguments: empty is {}, JSON objects pass their kind\'s schema', () => {
  assert.deepEqual(parseArgs('system.reboot', ''), { ok: true, value: {} });
  assert.deepEqual(parseArgs('snap.install', '{"name": "hello", "channel": "latest/edge"}'), { ok: true, value: { name: 'hello', channel: 'latest/edge' } });
  // a device's own kind carries any object
  assert.deepEqual(parseArgs('gpio.set', '{"pin": 4}'), { ok: true, value: { pin: 4 } });
});

test('arguments: each problem is a plain sentence', () => {
  assert.match(fails(parseArgs('snap.install', "{name: 'x'}")), /not valid JSON/);
  assert.equal(fails(parseArgs('snap.install', '["hello"]')), 'The arguments must be a JSON object in { }, e.g. {"name": "hello"}.');
  assert.equal(fails(parseArgs('snap.install', '{}')), 'Install snap needs "name".');
  assert.equal(fails(parseArgs('snap.install', '{"name": ""}')), '"name" cannot be empty.');
  assert.equal(fails(parseArgs('snap.install', '{"name": "Hello"}')), '"name": lower-case letters, digits and - only.');
  assert.equal(fails(parseArgs('snap.install', '{"name": "a", "classic": "yes"}')), '"classic" must be true or false.');
  assert.equal(fails(parseArgs('snap.install', '{"name": "a", "channel": "stable", "revision": "3"}')), 'Give a channel or a revision, not both.');
  assert.equal(fails(parseArgs('system.reboot', '{"now": true}')), 'Reboot has no argument "now": it takes none.');
  assert.equal(fails(parseArgs('snap.remove', '{"nmae": "x"}')), 'Remove snap has no argument "nmae": it takes "name", "purge".');
  assert.match(fails(parseArgs('x.y', JSON.stringify({ blob: 'x'.repeat(17 * 1024) }))), /larger than 16 KiB/);
});

test('the field starts with the required names; the hint lists them all', () => {
  assert.equal(argsTemplate('system.reboot'), '{}');
  assert.equal(argsTemplate('snap.switch'), '{\n  "name": "",\n  "channel": ""\n}');
  assert.equal(argsTemplate('snap.refresh'), '{}');
  assert.equal(argsHint('snap.refresh'), 'Refresh snap takes "name" (optional), "channel" (optional).');
  assert.equal(argsHint('inventory.refresh'), 'Refresh inventory takes no arguments: leave {}.');
});

test('time to live: minutes to seconds, empty for the default, bad values in words', () => {
  assert.deepEqual(parseTtlMinutes(''), { ok: true, value: undefined });
  assert.deepEqual(parseTtlMinutes(' 90 '), { ok: true, value: 5400 });
  for (const bad of ['0', '1.5', 'soon', '43201']) assert.match(fails(parseTtlMinutes(bad)), /whole number of minutes from 1 to 43200/);
});
