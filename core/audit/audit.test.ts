import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';
import { createAuditLog } from './audit.js';

test('2,000 failed logins from one source fold into one row with a count; other entries stay', () => {
  const f = storeFixture();
  try {
    const audit = createAuditLog(f.db);
    audit.record('owner', 'settings-changed', 'settings', { retentionDays: 7 }, '127.0.0.1');
    for (let i = 0; i < 2000; i++) audit.record('(unknown user)', 'login-failed', null, { reason: 'unknown user' }, '10.0.0.9');
    audit.record('(unknown user)', 'login-failed', null, { reason: 'unknown user' }, '10.0.0.7');
    const rows = audit.list(100);
    const failed = rows.filter((r) => r.action === 'login-failed');
    // one row per source (a minute boundary during the loop may split one in two)
    assert.ok(failed.length >= 2 && failed.length <= 3, `${failed.length} rows`);
    assert.equal(failed.filter((r) => r.source === '10.0.0.9').reduce((n, r) => n + r.count, 0), 2000);
    assert.equal(failed.find((r) => r.source === '10.0.0.7')?.count, 1);
    assert.ok(rows.some((r) => r.action === 'settings-changed' && r.source === '127.0.0.1'));
  } finally {
    f.done();
  }
});

test('changes are never folded: each is its own row', () => {
  const f = storeFixture();
  try {
    const audit = createAuditLog(f.db);
    for (let i = 0; i < 3; i++) audit.record('owner', 'device-updated', 'device:d', { name: `n${i}` }, '127.0.0.1');
    assert.equal(audit.list(10).filter((r) => r.action === 'device-updated').length, 3);
  } finally {
    f.done();
  }
});

test('entries older than the audit retention are pruned; 0 keeps everything', () => {
  const f = storeFixture();
  try {
    const audit = createAuditLog(f.db);
    audit.record('owner', 'login', 'user:owner');
    f.db.$client.prepare('UPDATE audit_log SET ts = ?').run(Date.now() - 400 * 86_400_000);
    audit.record('owner', 'login', 'user:owner');
    assert.equal(audit.pruneSlice(0), false);
    assert.equal(audit.list(10).length, 2);
    audit.pruneSlice(365);
    assert.equal(audit.list(10).length, 1);
  } finally {
    f.done();
  }
});
