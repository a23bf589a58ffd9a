import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopic, isUnderDeviceRoot, telemetryTopic, rootUidOf, ownsClientId, uidsClaimedBy } from './topics.js';

test('parses device channels', () => {
  assert.deepEqual(parseTopic('outpost/v1/dev-1/telemetry'), { uid: 'dev-1', channel: 'telemetry' });
  assert.deepEqual(parseTopic('outpost/v1/dev-1/status'), { uid: 'dev-1', channel: 'status' });
  assert.equal(telemetryTopic('x'), 'outpost/v1/x/telemetry');
});

test('parses operation channels with an op id', () => {
  assert.deepEqual(parseTopic('outpost/v1/d/reply/42'), { uid: 'd', channel: 'reply', opId: '42' });
  assert.equal(parseTopic('outpost/v1/d/reply'), null);
});

test('rejects foreign and malformed topics', () => {
  for (const t of ['', 'outpost', 'outpost/v1/d', 'outpost/v2/d/telemetry', 'other/v1/d/telemetry',
    'outpost/v1//telemetry', 'outpost/v1/d/unknown', 'outpost/v1/d/telemetry/extra', 'outpost/v1/d/reply/1/2']) {
    assert.equal(parseTopic(t), null, t);
  }
});

test('device root check allows only the own root', () => {
  assert.ok(isUnderDeviceRoot('d1', 'outpost/v1/d1/telemetry'));
  assert.ok(isUnderDeviceRoot('d1', 'outpost/v1/d1/#'));
  assert.ok(isUnderDeviceRoot('d1', 'outpost/v1/d1/op/+'));
  assert.ok(!isUnderDeviceRoot('d1', 'outpost/v1/d2/telemetry'));
  assert.ok(!isUnderDeviceRoot('d1', 'outpost/v1/d1'));
  assert.ok(!isUnderDeviceRoot('d1', 'outpost/v1/d1/'));
  assert.ok(!isUnderDeviceRoot('d1', 'outpost/v1/+/telemetry'));
  assert.ok(!isUnderDeviceRoot('d1', '#'));
  assert.ok(!isUnderDeviceRoot('d1', 'outpost/v1/d10/telemetry'));
});

test('the uid of a topic root', () => {
  assert.equal(rootUidOf('outpost/v1/pump-7/status/x'), 'pump-7');
  assert.equal(rootUidOf('outpost/v1/pump-7/telemetry'), 'pump-7');
  assert.equal(rootUidOf('outpost/v1/pump-7'), undefined, 'the root itself is no topic under it');
  assert.equal(rootUidOf('other/v1/pump-7/status'), undefined);
  assert.equal(rootUidOf('outpost/v1//status'), undefined);
});

test('client ids of a device: its uid or uid:suffix', () => {
  assert.ok(ownsClientId('pump-7', 'pump-7'));
  assert.ok(ownsClientId('pump-7', 'pump-7:sub'));
  assert.ok(!ownsClientId('pump-7', 'pump-7:'));
  assert.ok(!ownsClientId('pump-7', 'pump-77'));
  assert.ok(!ownsClientId('pump-7', 'x:pump-7'));
  // uids may themselves contain ':'
  assert.deepEqual(uidsClaimedBy('site:pump:sub'), ['site:pump:sub', 'site', 'site:pump']);
  assert.deepEqual(uidsClaimedBy('plain'), ['plain']);
  assert.deepEqual(uidsClaimedBy(':x'), [':x']);
});

test('filterMatches follows MQTT wildcard rules', async () => {
  const { filterMatches } = await import('./topics.js');
  assert.equal(filterMatches('outpost/v1/a/op/+', 'outpost/v1/a/op/12'), true);
  assert.equal(filterMatches('outpost/v1/a/#', 'outpost/v1/a/op/12'), true);
  assert.equal(filterMatches('outpost/v1/a/#', 'outpost/v1/a'), true, 'a/# matches its parent level too');
  assert.equal(filterMatches('outpost/v1/+/op/+', 'outpost/v1/b/op/1'), true);
  assert.equal(filterMatches('outpost/v1/a/op/+', 'outpost/v1/a/op/12/x'), false);
  assert.equal(filterMatches('outpost/v1/a/op', 'outpost/v1/a/op/12'), false);
  assert.equal(filterMatches('outpost/v1/a/reply/+', 'outpost/v1/a/op/12'), false);
});

test('operationIdOf takes positive integers only', async () => {
  const { operationIdOf } = await import('./topics.js');
  assert.equal(operationIdOf('42'), 42);
  for (const bad of ['0', '-1', '01', '1.5', 'abc', '', '9'.repeat(16)]) assert.equal(operationIdOf(bad), null, bad);
});
