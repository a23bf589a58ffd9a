// SenML times (RFC 8428 §4.5.3): base time + time, relative below 2^28 s, receipt time when absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSenmlJsonRecords } from './senml-json.js';
import { decodeSenmlCborRecords } from './senml-cbor.js';
import { RELATIVE_TIME_LIMIT, senmlTimeMs, withTimes } from './senml-time.js';
import { testTypes } from './test-types.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const RECEIVED = Date.UTC(2026, 11, 7, 12, 0, 0);

test('senmlTimeMs: absolute, relative (negative = past), absent, and the 2^28 boundary', () => {
  assert.equal(senmlTimeMs(1276020076.001, RECEIVED), 1276020076001);
  assert.equal(senmlTimeMs(-5, RECEIVED), RECEIVED - 5000);
  assert.equal(senmlTimeMs(0, RECEIVED), RECEIVED);
  assert.equal(senmlTimeMs(2.5, RECEIVED), RECEIVED + 2500);
  assert.equal(senmlTimeMs(undefined, RECEIVED), RECEIVED);
  assert.equal(senmlTimeMs(RELATIVE_TIME_LIMIT - 1, RECEIVED), RECEIVED + (RELATIVE_TIME_LIMIT - 1) * 1000);
  assert.equal(senmlTimeMs(RELATIVE_TIME_LIMIT, RECEIVED), RELATIVE_TIME_LIMIT * 1000);
});

// After RFC 8428 §5.1.2 (multiple data points: bt on the first record, t offsets after it), with
// LwM2M names as a Send (/dp) of temperatures carries them
test('a Send pack with base time and offsets: each record at bt + t', () => {
  const pack = `[{"bn":"/3303/0/5700","bt":1276020076.001,"v":21.5},{"t":-5,"v":21.25},{"t":-4,"v":21},
    {"bn":"/3/0/9","v":87}]`;
  const timed = withTimes(decodeSenmlJsonRecords(utf8(pack), testTypes), RECEIVED);
  assert.deepEqual(timed.map((r) => [r.value, r.timeMs]), [[21.5, 1276020076001], [21.25, 1276020071001], [21, 1276020072001], [87, 1276020076001]]);
});

test('relative times (no bt): measured before receipt; no time at all: the receipt time', () => {
  const pack = '[{"bn":"/3303/0/","n":"5700","t":-60,"v":20},{"n":"5700","t":-30,"v":20.5},{"n":"5701","vs":"Cel"}]';
  const timed = withTimes(decodeSenmlJsonRecords(utf8(pack), testTypes), RECEIVED);
  assert.deepEqual(timed.map((r) => r.timeMs), [RECEIVED - 60000, RECEIVED - 30000, RECEIVED]);
  // the same in SenML CBOR: 83 array(3); bn -2 = 0x21, n 0, t 6, v 2; -60 = 0x38 3b, -30 = 0x38 1d
  const cbor = hex(`83 a4 21 68 2f333330332f302f 00 64 35373030 06 38 3b 02 14
                       a3 00 64 35373030 06 38 1d 02 f9 4d 20
                       a2 00 64 35373031 03 63 43656c`);
  const fromCbor = withTimes(decodeSenmlCborRecords(cbor, testTypes), RECEIVED);
  assert.deepEqual(fromCbor.map((r) => [r.path, r.value, r.timeMs]), [
    [[3303, 0, 5700], 20, RECEIVED - 60000], [[3303, 0, 5700], 20.5, RECEIVED - 30000], [[3303, 0, 5701], 'Cel', RECEIVED],
  ]);
});
