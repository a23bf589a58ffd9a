import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Device } from '../../core/contract/api.js';
import { durationWords, sinceWords, statusWords } from './status-words.js';
import { formatWhen } from './format.js';

const now = Date.parse('2026-12-01T12:00:00Z');
const s = 1000;
const device = (over: Partial<Device>): Device => ({
  uid: 'd', dialect: 'native', name: 'D', tags: [], createdAt: now - 3600 * s, status: 'offline', statusReason: null, statusSince: now - 60 * s,
  lastSeen: now - 5 * s, offlineCause: null, willSent: false, statusPayload: null, statusPayloadTs: null,
  expectedIntervalSec: null, outpostStoppedAt: null, pending: false, ...over,
});

test('online: plain words with the last message', () => {
  const w = statusWords(device({ status: 'online', statusReason: 'connected' }), now);
  assert.deepEqual([w.health, w.label, w.text], ['online', 'Online', 'Online · last message 5 s ago']);
  assert.equal(w.explanation, 'last message 5 s ago');
  assert.equal(statusWords(device({ status: 'online', lastSeen: null }), now).explanation, null);
});

test('a device that said goodbye is neutral, not a warning', () => {
  const w = statusWords(device({ offlineCause: 'disconnected', statusReason: 'disconnected' }), now);
  assert.deepEqual([w.health, w.label, w.text], ['idle', 'Disconnected', 'Disconnected · last message 5 s ago']);
  assert.match(w.detail!, /DISCONNECT/);
});

test('a lost connection says the device did not say goodbye, and whether its will went out', () => {
  const reason = 'connection closed without DISCONNECT, last will sent';
  const w = statusWords(device({ offlineCause: 'connection-lost', willSent: true, statusReason: reason }), now);
  assert.equal(w.health, 'warning');
  assert.equal(w.text, 'Connection lost — the device did not say goodbye; its last will was sent');
  assert.equal(w.detail, `MQTT: ${reason}`, 'the protocol detail comes second');
  const noWill = statusWords(device({ offlineCause: 'connection-lost', statusReason: 'connection lost (read ECONNRESET)' }), now);
  assert.equal(noWill.text, 'Connection lost — the device did not say goodbye');
  assert.deepEqual([noWill.label, noWill.explanation], ['Connection lost', 'the device did not say goodbye']);
});

test('keepalive timeout, silence and kicks in plain words', () => {
  const ka = statusWords(device({ offlineCause: 'keepalive-timeout', statusReason: 'keepalive timeout' }), now);
  assert.deepEqual([ka.health, ka.text], ['warning', 'No keepalive — the device stopped answering within its keepalive']);
  const silent = statusWords(device({ offlineCause: 'silent', statusReason: 'silent for 300 s', lastSeen: now - 300 * s }), now);
  assert.deepEqual([silent.health, silent.text], ['warning', 'Silent for 5 min']);
  const kicked = statusWords(device({ offlineCause: 'kicked', statusReason: 'disconnected by Outpost: a new token was issued' }), now);
  assert.deepEqual([kicked.health, kicked.text], ['warning', 'Disconnected by Outpost — a new token was issued']);
});

test('LwM2M: de-registered is a goodbye (idle), an expired lifetime a warning with the LwM2M detail', () => {
  const lwm2m = { dialect: 'lwm2m' as const };
  const gone = statusWords(device({ ...lwm2m, offlineCause: 'deregistered', statusReason: 'de-registered', lastSeen: now - 2 * 60 * s }), now);
  assert.deepEqual([gone.health, gone.label, gone.text, gone.detail],
    ['idle', 'De-registered', 'De-registered · last message 2 min ago', 'LwM2M: the device said goodbye (De-register)']);
  const expired = statusWords(device({ ...lwm2m, offlineCause: 'lifetime-expired', statusReason: 'registration lifetime of 300 s expired' }), now);
  assert.deepEqual([expired.health, expired.label, expired.detail],
    ['warning', 'Lifetime expired', 'LwM2M: registration lifetime of 300 s expired']);
  const late = statusWords(device({ ...lwm2m, offlineCause: 'deregistered', statusReason: 'de-registered', expectedIntervalSec: 60, lastSeen: now - 4 * 60 * s }), now);
  assert.equal(late.label, 'Overdue');
});

test('overdue against the expected interval, connected or not', () => {
  const late = { expectedIntervalSec: 60, lastSeen: now - 4 * 60 * s };
  const offline = statusWords(device({ ...late, offlineCause: 'disconnected', statusReason: 'disconnected' }), now);
  assert.deepEqual([offline.health, offline.label, offline.text], ['warning', 'Overdue', 'Overdue — expected every 60 s, last message 4 min ago']);
  const online = statusWords(device({ ...late, status: 'online' }), now);
  assert.deepEqual([online.health, online.text], ['warning', 'Overdue — expected every 60 s, last message 4 min ago']);
  // within 1.5 x the interval it is fine
  const onTime = statusWords(device({ expectedIntervalSec: 60, lastSeen: now - 80 * s, offlineCause: 'disconnected' }), now);
  assert.equal(onTime.health, 'idle');
});

test('after Outpost was stopped: unknown, with when it was down', () => {
  const stoppedAt = now - 10 * 60 * s;
  const back = now - 2 * 60 * s;
  const w = statusWords(device({ offlineCause: 'outpost-restarted', statusReason: 'Outpost restarted', outpostStoppedAt: stoppedAt, statusSince: back }), now);
  assert.deepEqual([w.health, w.label], ['unknown', 'Unknown']);
  assert.equal(w.text, 'Unknown — Outpost was stopped, waiting for the device to reconnect');
  assert.equal(w.detail, `Outpost was stopped from ${formatWhen(stoppedAt, now)} to ${formatWhen(back, now)}`);
  const noMark = statusWords(device({ offlineCause: 'outpost-restarted', statusSince: back }), now);
  assert.equal(noMark.detail, `Outpost restarted at ${formatWhen(back, now)}`);
});

test('never connected, and offline rows from before causes were kept', () => {
  assert.deepEqual(statusWords(device({ status: 'never', lastSeen: null, statusSince: null }), now).text, 'Never connected');
  assert.equal(statusWords(device({ status: 'never' }), now).health, 'never');
  const old = statusWords(device({ statusReason: 'keepalive timeout' }), now);
  assert.deepEqual([old.health, old.text], ['warning', 'Offline — keepalive timeout']);
});

test('while Outpost cannot be reached, nothing is known; the last known status is the detail', () => {
  const w = statusWords(device({ status: 'online' }), now, { outpostUnreachable: true });
  assert.deepEqual([w.health, w.label, w.explanation, w.text], ['unknown', 'Unknown', 'Outpost is not reachable', 'Unknown — Outpost is not reachable']);
  assert.equal(w.detail, 'last known: Online · last message 5 s ago');
});

test('durations and since', () => {
  assert.deepEqual([45, 90, 300, 7200, 86400 * 3].map((x) => durationWords(x * s)), ['45 s', '90 s', '5 min', '2 h', '3 days']);
  assert.equal(sinceWords(device({ statusSince: now - 120 * s }), now), `since ${formatWhen(now - 120 * s, now)} (2 min ago)`);
  assert.equal(sinceWords(device({ statusSince: null }), now), null);
  assert.equal(sinceWords(device({ offlineCause: 'outpost-restarted' }), now), null, 'the restart detail says when');
});
