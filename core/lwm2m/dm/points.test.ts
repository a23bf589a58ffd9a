// Observed and sent records → telemetry points and device-log events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointsByTime, pointsFromRecords } from './points.js';
import { eventsFromRecords, isLogPath } from './events.js';
import { createModelRegistry } from '../models/registry.js';
import { decodeRecords } from '../../codecs/lwm2m/index.js';
import { codecTypeOf } from './device-types.js';

const models = createModelRegistry().registry;
const typeOf = codecTypeOf(models);
const RECEIVED = Date.UTC(2026, 11, 7, 12);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

test('a Send (/dp) pack → points keyed by path, at SenML times, with units', () => {
  const pack = `[{"bn":"/3303/0/","bt":1700000000,"n":"5700","v":21.5},{"n":"5700","t":10,"v":22},{"n":"5701","vs":"Cel"},
    {"bn":"/3/0/","n":"9","v":80},{"n":"22/0","vlo":"3303:0"},{"n":"11/0","v":0},{"bn":"/5/0/0","vd":"AAE"},{"bn":"/3311/0/5850","vb":true}]`;
  const records = decodeRecords(110, utf8(pack), [], typeOf);
  const points = pointsFromRecords(records, models, RECEIVED);
  assert.deepEqual(points, [
    { key: '/3303/0/5700', ts: 1700000000000, value: 21.5, unit: 'Cel' },
    { key: '/3303/0/5700', ts: 1700000010000, value: 22, unit: 'Cel' },
    { key: '/3303/0/5701', ts: 1700000000000, value: 'Cel' },
    { key: '/3/0/9', ts: 1700000000000, value: 80, unit: '%' },
    { key: '/3/0/22/0', ts: 1700000000000, value: '3303:0' },
    { key: '/3/0/11/0', ts: 1700000000000, value: 0 },
    // /5/0/0 (opaque) is skipped
    { key: '/3311/0/5850', ts: 1700000000000, value: true },
  ]);
  assert.deepEqual(pointsByTime(points).map((b) => [b.ts, b.values.length]), [[1700000000000, 6], [1700000010000, 1]]);
});

test('a notification without time is at its receipt; the sensor unit may come from an earlier read', () => {
  const records = decodeRecords(11542, Buffer.from('E4164441AC0000', 'hex'), [3303, 0], typeOf);
  assert.deepEqual(pointsFromRecords(records, models, RECEIVED, {}, { sensorUnits: { '/3303/0': 'Cel' } }), [
    { key: '/3303/0/5700', ts: RECEIVED, value: 21.5, unit: 'Cel' },
  ]);
  assert.deepEqual(pointsFromRecords([{ path: [9999, 0, 1], value: 2n ** 60n, time: -1 }], models, RECEIVED), [{ key: '/9999/0/1', ts: RECEIVED - 1000, value: 2 ** 60 }]);
});

test('device logs: object 20 LogData / LogDataIncremental line by line, binary logs said as such, user-marked paths', () => {
  const logs = [
    { path: [20, 0, 4016], value: utf8('boot ok\nsensor 2 timeout\n\n'), time: -2 },
    { path: [20, 0, 4014], value: Uint8Array.of(0xff, 0x00) },
    { path: [20, 0, 4010], value: 3 }, // LogClass: not a log line
    { path: [10259, 0, 1], value: 'vendor says hi' },
    { path: [3303, 0, 5700], value: 21 },
  ];
  assert.deepEqual(eventsFromRecords(logs, RECEIVED, { logPaths: ['/10259'] }), [
    { kind: 'device', message: 'boot ok', data: { path: '/20/0/4016', ts: RECEIVED - 2000 } },
    { kind: 'device', message: 'sensor 2 timeout', data: { path: '/20/0/4016', ts: RECEIVED - 2000 } },
    { kind: 'device', message: '/20/0/4014: 2 bytes of binary log data', data: { path: '/20/0/4014', ts: RECEIVED, base64: '/wA=' } },
    { kind: 'device', message: 'vendor says hi', data: { path: '/10259/0/1', ts: RECEIVED } },
  ]);
  assert.equal(eventsFromRecords(logs, RECEIVED).length, 3);
  assert.ok(isLogPath([3341, 0, 5527], { logPaths: ['/3341/0/5527'] }) && !isLogPath([3341, 0, 5527]));
  assert.ok(!isLogPath([3341, 0, 5527], { logPaths: ['not a path'] }));
  const long = eventsFromRecords([{ path: [20, 0, 4016], value: utf8('x'.repeat(3000)) }], RECEIVED)[0]!;
  assert.equal(long.message.length, 2001);
});
