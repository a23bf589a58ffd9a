import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open.js';
import { createLogger, type LogLevel } from '../log.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const capture = () => {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', sink: (_l: LogLevel, line: string) => lines.push(line) }) };
};

test('a new data directory is 0700 and the database files 0600 even with umask 000', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'outpost-perm-'));
  const oldUmask = process.umask(0);
  try {
    const dir = join(root, 'deep', 'data');
    const db = openDatabase(dir);
    db.$client.exec('CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)'); // makes the -wal file
    assert.equal(modeOf(dir).toString(8), '700');
    for (const f of ['outpost.db', 'outpost.db-wal', 'outpost.db-shm']) assert.equal(modeOf(join(dir, f)).toString(8), '600', f);
    db.$client.close();
  } finally {
    process.umask(oldUmask);
    rmSync(root, { recursive: true, force: true });
  }
});

test('an existing directory and database with loose modes are tightened at start, with a log line', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'outpost-perm-'));
  try {
    const dir = join(root, 'data');
    openDatabase(dir).$client.close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'outpost.db'), 0o644);
    const { lines, log } = capture();
    openDatabase(dir, log).$client.close();
    assert.equal(modeOf(dir).toString(8), '700');
    assert.equal(modeOf(join(dir, 'outpost.db')).toString(8), '600');
    assert.ok(lines.some((l) => l.includes(dir) && /from 0755 to 0700/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /outpost\.db tightened from 0644 to 0600/.test(l)), lines.join('\n'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a directory already private is left alone and nothing is logged', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'outpost-perm-'));
  try {
    const dir = join(root, 'data');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'outpost.db'), '', { mode: 0o600 });
    const { lines, log } = capture();
    openDatabase(dir, log).$client.close();
    assert.deepEqual(lines, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
