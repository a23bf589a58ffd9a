import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLwm2mJson, decodeLwm2mJsonRecords, encodeLwm2mJson } from './lwm2m-json.js';
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath } from './model.js';
import { DEVICE_0, multi, res, ri, testTypes } from './test-types.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const codecError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message));

// TS Core 1.0 §6.4.4 example: Read /3/0 in LwM2M JSON
const DEVICE_JSON = `{"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"1","sv":"Lightweight M2M Client"},
{"n":"2","sv":"345000123"},{"n":"3","sv":"1.0"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"7/0","v":3800},
{"n":"7/1","v":5000},{"n":"8/0","v":125},{"n":"8/1","v":900},{"n":"9","v":100},{"n":"10","v":15},
{"n":"11/0","v":0},{"n":"13","v":1367491215},{"n":"14","sv":"+02:00"},{"n":"16","sv":"U"}]}`;

test('LwM2M JSON spec example: Device object instance /3/0, decode and encode', () => {
  assert.deepEqual(decodeLwm2mJson(utf8(DEVICE_JSON), [3, 0], testTypes), DEVICE_0);
  assert.equal(new TextDecoder().decode(encodeLwm2mJson([3, 0], DEVICE_0, testTypes)), DEVICE_JSON.replace(/\n/g, ''));
});

test('LwM2M JSON: timestamps from bt and t (spec: a resource read with history)', () => {
  const doc = '{"bn":"/3303/0/5700","bt":25462634,"e":[{"v":22.4,"t":-5},{"v":22.9,"t":-30},{"v":24.1,"t":-50}]}';
  assert.deepEqual(decodeLwm2mJsonRecords(utf8(doc), testTypes), [
    { path: [3303, 0, 5700], value: 22.4, time: 25462629 },
    { path: [3303, 0, 5700], value: 22.9, time: 25462604 },
    { path: [3303, 0, 5700], value: 24.1, time: 25462584 },
  ]);
});

test('every data type round-trips through LwM2M JSON at every level', () => {
  const instance: Lwm2mNode = {
    kind: 'instance', id: 0, resources: [
      res(0, -5), res(1, 4294967296), res(2, 0.1), res(3, true), res(4, ''), res(5, Uint8Array.of(0, 0xfb, 0xff)), res(6, 1367491215),
      multi(7, { 0: { objectId: 3, instanceId: 0 }, 1: { objectId: 65535, instanceId: 65535 } }), res(8, '</3/0>'),
    ],
  };
  const cases: [Lwm2mPath, Lwm2mNode][] = [
    [[9999], { kind: 'object', id: 9999, instances: [instance as Lwm2mNode & { kind: 'instance' }] }], [[9999, 0], instance],
    [[9999, 0, 7], multi(7, { 0: { objectId: 1, instanceId: 2 } })], [[9999, 0, 7, 0], ri(0, { objectId: 1, instanceId: 2 })], [[9999, 0, 5], res(5, new Uint8Array())],
  ];
  for (const [path, node] of cases) assert.deepEqual(decodeLwm2mJson(encodeLwm2mJson(path, node, testTypes), path, testTypes), node, String(path));
  assert.match(new TextDecoder().decode(encodeLwm2mJson([9999, 0], instance, testTypes)), /"n":"5","sv":"APv\/"/);
});

test('malformed LwM2M JSON throws Lwm2mCodecError', () => {
  const dec = (s: string) => () => decodeLwm2mJson(utf8(s), [3, 0], testTypes);
  codecError(dec('[]'), /not an object/);
  codecError(dec('{"bn":"/3/0/"'), /not JSON/);
  codecError(dec('{"bn":"/3/0/"}'), /"e" is not an array/);
  codecError(dec('{"bn":3,"e":[]}'), /"bn" is not a string/);
  codecError(dec('{"bn":"/3/0/","e":[{"n":"9","sv":"x"}]}'), /string is not a valid integer/);
  codecError(dec('{"bn":"/3/0/","e":[{"n":"9","v":true}]}'), /"v" is boolean, not a number/);
  codecError(dec('{"bn":"/3/0/","e":[{"n":"9","x":1}]}'), /unknown label "x"/);
  codecError(dec('{"bn":"/3/q/","e":[{"n":"9","v":1}]}'), /"q", not an id/);
  codecError(() => decodeLwm2mJson(utf8('{"bn":"/9999/0/","e":[{"n":"5","sv":"*"}]}'), [9999, 0], testTypes), /not base64/);
});
