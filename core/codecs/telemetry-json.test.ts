import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTelemetry, MAX_KEYS } from './telemetry-json.js';

const ok = (p: string) => {
  const r = decodeTelemetry(Buffer.from(p));
  if (!r.ok) assert.fail(r.error);
  return r.telemetry;
};
const bad = (p: string) => {
  const r = decodeTelemetry(p);
  assert.equal(r.ok, false, p.slice(0, 60));
  return r.ok ? '' : r.error;
};

test('numbers, strings and booleans', () => {
  assert.deepEqual(ok('{"t":21.5,"mode":"eco","on":true,"n":-3}').values, [
    { key: 't', value: 21.5 }, { key: 'mode', value: 'eco' }, { key: 'on', value: true }, { key: 'n', value: -3 },
  ]);
});

test('nested objects and arrays flatten to dotted keys; nulls are skipped', () => {
  assert.deepEqual(ok('{"env":{"t":1,"h":{"rel":40}},"xs":[5,6],"gone":null}').values, [
    { key: 'env.t', value: 1 }, { key: 'env.h.rel', value: 40 }, { key: 'xs.0', value: 5 }, { key: 'xs.1', value: 6 },
  ]);
});

test('ts is the device time and not a value', () => {
  const t = ok('{"ts":"2024-01-02T03:04:05Z","v":1}');
  assert.equal(t.ts, Date.UTC(2024, 0, 2, 3, 4, 5));
  assert.deepEqual(t.values, [{ key: 'v', value: 1 }]);
  assert.equal(ok('{"v":1}').ts, undefined);
});

test('bad payloads are rejected with a reason', () => {
  assert.match(bad('{"t":'), /not valid JSON/);
  assert.match(bad(''), /not valid JSON/);
  assert.match(bad('[1,2]'), /JSON object/);
  assert.match(bad('42'), /JSON object/);
  assert.match(bad('"x"'), /JSON object/);
  assert.match(bad('null'), /JSON object/);
  assert.match(bad('{}'), /no values/);
  assert.match(bad('{"a":null}'), /no values/);
  assert.match(bad('{"ts":"soon","v":1}'), /ts/);
  assert.match(bad('{"":1}'), /empty key/);
  assert.match(bad(`{"${'k'.repeat(200)}":1}`), /longer than/);
  assert.match(bad(`{"s":"${'x'.repeat(5000)}"}`), /longer than/);
  assert.match(bad('{"a":'.repeat(20) + '1' + '}'.repeat(20)), /nesting/);
  const many = Object.fromEntries(Array.from({ length: MAX_KEYS + 1 }, (_, i) => [`k${i}`, i]));
  assert.match(bad(JSON.stringify(many)), /more than/);
});

test('invalid UTF-8 bytes do not throw', () => {
  const r = decodeTelemetry(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  assert.equal(r.ok, false);
});
