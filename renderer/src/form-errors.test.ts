import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDeviceRequest, CreateUserRequest, Settings, UpdateSeriesRequest, UpdateUserRequest } from '../../core/contract/api.js';
import { checkInput, fieldErrors, humanize, issueSentence, summary } from './form-errors.js';
import type { FieldLabels } from './form-errors.js';

const deviceLabels: FieldLabels = { uid: { label: 'UID' }, name: { label: 'Name' }, tags: { label: 'Tags', item: 'tag' } };

test('a too long tag names the tag and its length, as the contract refuses it', () => {
  const body = { uid: 'sensor-1', name: 'Sensor', tags: ['a', 'b', 'c', 'd', 'x'.repeat(70)] };
  const r = checkInput(CreateDeviceRequest, body, deviceLabels);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.errors, { tags: 'Tags can be at most 64 characters (tag 5 has 70).' });
});

test('a name of only spaces is refused in words; the trimmed values pass', () => {
  const blank = checkInput(CreateDeviceRequest, { uid: 'a', name: '   ', tags: [] }, deviceLabels);
  assert.deepEqual(blank.ok ? null : blank.errors, { name: 'Name cannot be empty.' });
  const ok = checkInput(CreateDeviceRequest, { uid: ' a ', name: ' Pump ', tags: [' x '] }, deviceLabels);
  assert.deepEqual(ok.ok ? ok.data : null, { uid: 'a', name: 'Pump', tags: ['x'], dialect: 'native' });
});

test('pattern, length and list-size problems, each on its own field', () => {
  const body = { uid: 'bad uid!', name: 'n'.repeat(130), tags: Array.from({ length: 40 }, (_, i) => `t${i}`) };
  const r = checkInput(CreateDeviceRequest, body, deviceLabels);
  assert.deepEqual(r.ok ? null : r.errors, {
    uid: 'UID may contain letters, digits and . _ : - only.',
    name: 'Name can be at most 128 characters (it has 130).',
    tags: 'Tags can have at most 32 tags (there are 40).',
  });
});

test('passwords, roles and whole-form refinements', () => {
  const r = checkInput(CreateUserRequest, { username: '', password: 'short', role: 'boss' }, {});
  assert.deepEqual(r.ok ? null : r.errors, {
    username: 'Username cannot be empty.',
    password: 'Password needs at least 8 characters (it has 5).',
    role: 'Role must be one of: admin, operator, viewer.',
  });
  const nothing = checkInput(UpdateUserRequest, {}, {});
  assert.deepEqual(nothing.ok ? null : nothing.errors, { '': 'Nothing to change.' });
});

test('numbers: limits in the unit of the form, whole numbers, missing values', () => {
  const labels: FieldLabels = {
    silenceTimeoutSec: { label: 'Silence timeout', limit: (n) => `${n} seconds` },
    mqttMaxPacketBytes: { label: 'Largest MQTT message', limit: (n) => `${n / 1024} KiB` },
  };
  const base = Settings.parse({
    mqttPort: 1883, httpPort: 8080, anonymousMqtt: false, anonymousMqttRead: false,
    mqttMaxPacketBytes: 1024 * 1024, silenceTimeoutSec: 60, retentionDays: 0, auditRetentionDays: 0,
    coapPort: 5683, acceptNewLwm2mDevices: false, lwm2mModelsFolder: '',
  });
  const r = checkInput(Settings.partial(), { ...base, silenceTimeoutSec: 5, mqttMaxPacketBytes: 512, httpPort: 70000, retentionDays: 1.5 }, labels);
  assert.deepEqual(r.ok ? null : r.errors, {
    silenceTimeoutSec: 'Silence timeout must be at least 10 seconds.',
    mqttMaxPacketBytes: 'Largest MQTT message must be at least 1 KiB.',
    httpPort: 'Http port must be at most 65535.',
    retentionDays: 'Retention days must be a whole number.',
  });
  const missing = checkInput(CreateDeviceRequest, { name: 'x' }, deviceLabels);
  assert.deepEqual(missing.ok ? null : missing.errors, { uid: 'UID is missing.' });
});

test('the server’s details (issues sent as JSON) give the same sentences; the first per field wins', () => {
  const details = [
    { origin: 'string', code: 'too_big', maximum: 32, inclusive: true, path: ['unit'], message: 'Too big' },
    { origin: 'string', code: 'too_small', minimum: 1, inclusive: true, path: ['unit'], message: 'Too small' },
    { code: 'custom', path: [], message: 'from must be before to' },
  ];
  assert.deepEqual(fieldErrors(details, { unit: 'u'.repeat(40) }, { unit: { label: 'Unit' } }), {
    unit: 'Unit can be at most 32 characters (it has 40).',
    '': 'From must be before to.',
  });
  assert.deepEqual(fieldErrors('not a list', {}), {});
  assert.deepEqual(fieldErrors([null, 3, { code: 'custom', path: ['x'], message: 'odd' }], {}), { x: 'X: odd.' });
  // the live schema agrees with what the server sends for the same input
  const local = checkInput(UpdateSeriesRequest, { unit: 'u'.repeat(40) }, { unit: { label: 'Unit' } });
  assert.deepEqual(local.ok ? null : local.errors, { unit: 'Unit can be at most 32 characters (it has 40).' });
});

test('a summary line for the form and readable names for unlabelled fields', () => {
  assert.equal(summary({ name: 'x' }), 'Check the marked field.');
  assert.equal(summary({ name: 'x', tags: 'y' }), 'Check the 2 marked fields.');
  assert.equal(summary({ '': 'Nothing to change.', name: 'x' }), 'Nothing to change.');
  assert.equal(humanize('auditRetentionDays'), 'Audit retention days');
  assert.equal(humanize(''), 'This field');
  assert.equal(issueSentence({ code: 'whatever', path: ['q'], message: 'is odd' }, {}), 'Q: is odd.');
});
