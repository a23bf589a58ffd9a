import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceMessage, DeviceMessageEvent } from '../../../../core/contract/device-messages.js';
import { applyEvent, emptyState, HISTORY, type ExplorerState } from './explorer-state.js';
import { arrivalsInWindow } from './rate.js';

const root = 'outpost/v1/d1';
const msg = (topic: string, payload: string, extra: Partial<DeviceMessage> = {}): DeviceMessageEvent => ({
  type: 'message',
  message: { topic: `${root}/${topic}`, payload, encoding: 'text', size: payload.length, truncated: false, qos: 0, retain: false,
    ts: 1, direction: 'from-device', origin: 'live', ...extra },
});
const hello: DeviceMessageEvent = { type: 'hello', uid: 'd1', root: `${root}/`, maxPayloadShown: 65536, queueLimit: 500 };
const run = (events: DeviceMessageEvent[], state: ExplorerState = emptyState(), now = 1000) =>
  events.reduce((s, e) => applyEvent(s, e, now), state);
const topic = (s: ExplorerState, t: string) => s.topics.get(`${root}/${t}`)!;

test('messages are counted per topic, newest first, with their arrivals for the rate', () => {
  const s = run([hello, { type: 'synced', retained: 0 }, msg('telemetry', '{"t":1}'), msg('telemetry', '{"t":2}'), msg('events', 'boot')]);
  assert.equal(s.total, 3);
  assert.equal(s.synced, true);
  assert.deepEqual(topic(s, 'telemetry').history.map((r) => r.message.payload), ['{"t":2}', '{"t":1}']);
  assert.equal(topic(s, 'telemetry').count, 2);
  assert.equal(arrivalsInWindow(topic(s, 'telemetry').arrivals, 1000), 2);
  assert.equal(topic(s, 'events').count, 1);
});

test('only the last HISTORY messages are kept, the count goes on', () => {
  const s = run(Array.from({ length: HISTORY + 5 }, (_, i) => msg('t', String(i))));
  assert.equal(topic(s, 't').history.length, HISTORY);
  assert.equal(topic(s, 't').history[0]!.message.payload, String(HISTORY + 4));
  assert.equal(topic(s, 't').count, HISTORY + 5);
});

test('retained: stored and retained publishes mark a topic, an empty retained publish clears it, others leave it', () => {
  let s = run([hello, msg('status', 'online', { retain: true, origin: 'retained', ts: null }), { type: 'synced', retained: 1 }]);
  assert.equal(topic(s, 'status').retained, true);
  assert.equal(arrivalsInWindow(topic(s, 'status').arrivals, 1000), 0, 'a stored message is no arrival');
  s = run([msg('status', 'transient')], s);
  assert.equal(topic(s, 'status').retained, true, 'a plain publish does not replace the retained message');
  s = run([msg('status', '', { retain: true })], s);
  assert.equal(topic(s, 'status').retained, false);
});

test('after a reconnect, retained messages already seen are not counted again, and ones cleared meanwhile lose the flag', () => {
  let s = run([hello, msg('status', 'online', { retain: true, origin: 'retained' }), msg('config', 'a', { retain: true, origin: 'retained' }),
    { type: 'synced', retained: 2 }, msg('telemetry', '1')]);
  // the stream comes back: status unchanged, config cleared while away, a new retained topic
  s = run([hello, msg('status', 'online', { retain: true, origin: 'retained' }), msg('firmware', 'v2', { retain: true, origin: 'retained' }),
    { type: 'synced', retained: 2 }], s);
  assert.equal(topic(s, 'status').count, 1);
  assert.equal(topic(s, 'status').retained, true);
  assert.equal(topic(s, 'config').retained, false);
  assert.equal(topic(s, 'firmware').count, 1);
  assert.equal(topic(s, 'telemetry').count, 1, 'history outside the retained set is kept');
  assert.equal(s.total, 4);
});

test('dropped messages add up across connections', () => {
  const s = run([{ type: 'dropped', count: 5, total: 5 }, hello, { type: 'dropped', count: 2, total: 2 }]);
  assert.equal(s.dropped, 7);
});

test('applying an event leaves the earlier state as it was (a paused view keeps its own)', () => {
  const before = run([msg('t', 'a')]);
  const after = applyEvent(before, msg('t', 'b'), 2000);
  assert.equal(topic(before, 't').count, 1);
  assert.equal(topic(before, 't').history.length, 1);
  assert.equal(topic(after, 't').count, 2);
  assert.equal(before.total, 1);
});
