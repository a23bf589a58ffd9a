import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTelemetry } from '../../core/codecs/telemetry-json.js';
import { deviceUid, keyNames, telemetryPayload, telemetryTopic, telemetryValues } from './payload.js';

test('keyNames gives well-known names first, then numbered ones', () => {
  assert.deepEqual(keyNames(2), ['temperature', 'humidity']);
  const ten = keyNames(10);
  assert.equal(ten.length, 10);
  assert.equal(ten[8], 'v8');
  assert.equal(new Set(ten).size, 10);
});

test('keyNames rejects non-positive or fractional counts', () => {
  assert.throws(() => keyNames(0), RangeError);
  assert.throws(() => keyNames(1.5), RangeError);
});

test('telemetryTopic follows outpost/v1/{uid}/telemetry', () => {
  assert.equal(telemetryTopic('dev-1'), 'outpost/v1/dev-1/telemetry');
});

test('telemetryValues has ts plus one finite number per key, deterministic', () => {
  const names = keyNames(4);
  const v = telemetryValues(names, 3, 42, 1_700_000_000_000);
  assert.deepEqual(Object.keys(v), ['ts', ...names]);
  assert.equal(v.ts, 1_700_000_000_000);
  for (const n of names) assert.ok(Number.isFinite(v[n]));
  assert.deepEqual(telemetryValues(names, 3, 42, 1_700_000_000_000), v);
  assert.notDeepEqual(telemetryValues(names, 3, 43, 1_700_000_000_000), v);
});

test('telemetryPayload is the JSON of telemetryValues', () => {
  const names = keyNames(3);
  assert.deepEqual(JSON.parse(telemetryPayload(names, 0, 1, 5)), telemetryValues(names, 0, 1, 5));
});

test('deviceUid numbers devices from 1 with a prefix', () => {
  assert.equal(deviceUid(0), 'sim-00001');
  assert.equal(deviceUid(41, 'bench'), 'bench-00042');
});

test('Outpost decodes the payload into ts and one value per key', () => {
  const names = keyNames(4);
  const decoded = decodeTelemetry(telemetryPayload(names, 2, 9, 1_700_000_000_000));
  assert.ok(decoded.ok);
  assert.equal(decoded.telemetry.ts, 1_700_000_000_000);
  assert.deepEqual(decoded.telemetry.values.map((v) => v.key), names);
});
