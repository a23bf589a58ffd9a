import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditDetailText, detailPairs } from './audit-detail.js';

test('known actions read as sentences', () => {
  assert.equal(auditDetailText('device-updated', { tags: ['a', 'b'] }), 'changed tags to a, b');
  assert.equal(auditDetailText('device-updated', { name: 'Pump', tags: [] }), 'renamed to “Pump”, changed tags to none');
  assert.equal(auditDetailText('device-token-rotated', null), 'rotated token (the old one stopped working)');
  assert.equal(auditDetailText('user-updated', { disabled: true, password: '(reset)' }), 'disabled, password reset');
  assert.equal(auditDetailText('login-failed', { reason: 'unknown user', typedLength: 12, typedHint: 'ab12' }), 'unknown user (typed 12 characters, not stored)');
  assert.equal(auditDetailText('series-updated', { unit: null }), 'cleared the unit');
  assert.equal(auditDetailText('devices-tagged', { tag: 'lab', uids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
    'added tag “lab” to 7 devices: a, b, c, d, e, and 2 more');
  assert.equal(auditDetailText('devices-deleted', { uids: ['x'] }), 'deleted 1 device: x');
});

test('anything else falls back to key: value pairs, never raw JSON braces at the top', () => {
  assert.equal(auditDetailText('settings-changed', { retentionDays: 7, anonymousMqtt: false }), 'retentionDays: 7, anonymousMqtt: false');
  assert.equal(auditDetailText('some-future-action', { a: 1, list: ['x', 'y'], none: null }), 'a: 1, list: x, y, none: none');
  assert.equal(detailPairs(null), '');
  assert.equal(detailPairs('text'), 'text');
  // a formatter that gets an unexpected shape falls back instead of throwing or saying nonsense
  assert.equal(auditDetailText('user-updated', { other: 1 }), 'other: 1');
});
