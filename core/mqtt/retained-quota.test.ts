import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRetainedQuota, type RetainedLimits } from './retained-quota.js';
import { rootUidOf } from '../codecs/topics.js';

const limits: RetainedLimits = { perDevice: { messages: 3, bytes: 1000 }, total: { messages: 5, bytes: 1800 } };
const owner = (topic: string) => rootUidOf(topic) ?? '';
const t = (uid: string, n: number | string) => `outpost/v1/${uid}/status/${n}`;

test('a device may keep up to its message count; replacing a topic does not add one', () => {
  const q = createRetainedQuota(limits, owner);
  for (let i = 0; i < 3; i++) assert.deepEqual(q.admit(t('a', i), 10), { ok: true });
  assert.deepEqual(q.admit(t('a', 0), 20), { ok: true }, 'replacement');
  const refused = q.admit(t('a', 3), 10);
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.reason : '', /this device already holds the most retained messages allowed \(3\)/);
  assert.deepEqual(q.admit(t('a', 1), 0), { ok: true }, 'an empty payload clears');
  assert.deepEqual(q.admit(t('a', 3), 10), { ok: true }, 'room again after clearing');
});

test('bytes per device count topic and payload; shrinking is always allowed', () => {
  const q = createRetainedQuota(limits, owner);
  assert.equal(q.admit(t('b', 0), 900).ok, true);
  const r = q.admit(t('b', 1), 200);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /this device would hold more than 1000 bytes of retained messages/);
  assert.equal(q.admit(t('b', 0), 100).ok, true, 'a smaller replacement');
  assert.equal(q.admit(t('b', 1), 200).ok, true);
});

test('the total is bounded across devices', () => {
  const q = createRetainedQuota(limits, owner);
  for (const uid of ['a', 'b']) for (let i = 0; i < 2; i++) assert.equal(q.admit(t(uid, i), 400).ok, true);
  const r = q.admit(t('c', 0), 300);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /the broker would hold more than 1800 bytes/);
  assert.equal(q.admit(t('c', 0), 10).ok, true);
  assert.match((q.admit(t('d', 0), 1) as { reason: string }).reason, /the broker already holds the most retained messages allowed \(5\)/);
});

test('messages loaded at start count', () => {
  const q = createRetainedQuota(limits, owner);
  for (let i = 0; i < 3; i++) q.load(t('a', i), 5);
  assert.equal(q.admit(t('a', 9), 5).ok, false);
});
