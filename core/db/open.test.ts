import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open.js';

test('a file that is not a database is refused with its path and left untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-db-'));
  try {
    const file = join(dir, 'outpost.db');
    writeFileSync(file, 'these are not the bytes you are looking for');
    assert.throws(() => openDatabase(dir), (e: Error) => e.message.includes(file) && /not an Outpost database/.test(e.message));
    assert.equal(readFileSync(file, 'utf8'), 'these are not the bytes you are looking for');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new data directory gets the schema, in WAL mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-db-'));
  try {
    const db = openDatabase(join(dir, 'nested', 'data'));
    assert.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal');
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of ['users', 'sessions', 'devices', 'device_credentials', 'series', 'points', 'events', 'operations', 'audit_log', 'settings']) {
      assert.ok(tables.includes(t), t);
    }
    db.$client.close();
    openDatabase(join(dir, 'nested', 'data')).$client.close(); // migrations are idempotent
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
