import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '../../agent/testing/shared-fixtures.js';
import { loadDdfFolder } from './ddf-folder.js';
import { BUILTIN_MODELS } from './models/builtin/index.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-ddf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const oma = (file: string) => sharedPath('lwm2m-models', file);

test('loads registry DDFs from a folder and its subfolders', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'vendor'));
  copyFileSync(oma('3303.xml'), join(dir, '3303.xml'));
  copyFileSync(oma('3442.xml'), join(dir, 'vendor', '3442.xml'));
  writeFileSync(join(dir, 'notes.txt'), 'not a DDF');
  const r = await loadDdfFolder(dir);
  assert.deepEqual(r.errors, []);
  assert.equal(r.files, 2);
  assert.deepEqual(r.models.map((m) => [m.id, m.version, m.source]), [[3303, '1.1', '3303.xml'], [3442, '1.0', 'vendor/3442.xml']]);
  assert.equal(r.models[0]!.resources.find((x) => x.id === 5700)?.type, 'float');
});

test('one bad file is reported, the good one still loads', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'vendor'));
  copyFileSync(oma('3304.xml'), join(dir, '3304.xml'));
  const broken = readFileSync(oma('3311.xml'), 'utf8').replace(/<\/Item>/, '</Items>');
  writeFileSync(join(dir, 'vendor', '10241.xml'), broken);
  const line = broken.split('\n').findIndex((l) => l.includes('</Items>')) + 1;
  const r = await loadDdfFolder(dir);
  assert.deepEqual(r.models.map((m) => m.id), [3304]);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.file, 'vendor/10241.xml');
  assert.match(r.errors[0]!.error, new RegExp(`^vendor/10241\\.xml line ${line}: Expected closing tag 'Item'`));
});

test('an unknown type fails that file, naming the resource', async (t) => {
  const dir = tempDir(t);
  const xml = readFileSync(oma('3303.xml'), 'utf8').replace(/<Type>Float<\/Type>/, '<Type>Double</Type>');
  writeFileSync(join(dir, 'odd.xml'), xml);
  const r = await loadDdfFolder(dir);
  assert.deepEqual(r.models, []);
  assert.match(r.errors[0]!.error, /^odd\.xml: object 3303 resource 5700 \(Sensor Value\): unknown type 'Double'/);
});

test('a huge file is refused by its size without being parsed', async (t) => {
  const dir = tempDir(t);
  copyFileSync(oma('3303.xml'), join(dir, 'a.xml'));
  writeFileSync(join(dir, 'huge.xml'), Buffer.alloc(1024 * 1024 + 1, 0x20));
  const r = await loadDdfFolder(dir);
  assert.deepEqual(r.models.map((m) => m.id), [3303]);
  assert.deepEqual(r.errors, [{ file: 'huge.xml', error: 'huge.xml: 1048577 bytes is over the 1048576-byte limit for a DDF file' }]);
});

test('the same object and version twice: the first file wins, the second is reported', async (t) => {
  const dir = tempDir(t);
  copyFileSync(oma('3303.xml'), join(dir, 'a.xml'));
  copyFileSync(oma('3303.xml'), join(dir, 'b.xml'));
  const r = await loadDdfFolder(dir);
  assert.deepEqual(r.models.map((m) => m.source), ['a.xml']);
  assert.match(r.errors[0]!.error, /^b\.xml: object 3303 version 1\.1 is already defined by a\.xml/);
});

test('a missing folder is one error, not an exception', async (t) => {
  const dir = tempDir(t);
  const r = await loadDdfFolder(join(dir, 'nope'));
  assert.equal(r.models.length, 0);
  assert.match(r.errors[0]!.error, /nope: not found/);
});

test('too many files: the rest are left out with a message', async (t) => {
  const dir = tempDir(t);
  for (const f of ['a.xml', 'b.xml', 'c.xml']) copyFileSync(oma('3303.xml'), join(dir, f));
  const r = await loadDdfFolder(dir, { maxFiles: 2 });
  assert.equal(r.files, 2);
  assert.match(r.errors[0]!.error, /more than 2 XML files/);
});

// Cross-check of two independent readings: the loader on the registry files gives exactly the
// built-in table (so user DDFs and built-ins mean the same thing).
test('the loader reads every registry version of a built-in object as the built-in table has it', async (t) => {
  const dir = tempDir(t);
  for (const m of BUILTIN_MODELS) {
    const name = `${m.id}-${m.version.replace('.', '_')}.xml`;
    copyFileSync(oma(join('version_history', name)), join(dir, name));
  }
  const r = await loadDdfFolder(dir);
  assert.deepEqual(r.errors, []);
  assert.equal(r.models.length, BUILTIN_MODELS.length);
  for (const builtin of BUILTIN_MODELS) {
    const loaded = r.models.find((m) => m.id === builtin.id && m.version === builtin.version);
    assert.ok(loaded, `${builtin.id} ${builtin.version}`);
    assert.deepEqual({ ...loaded, source: 'builtin' }, builtin, `${builtin.id} ${builtin.version}`);
  }
});

test('every version file of the OMA registry loads without error', async () => {
  const r = await loadDdfFolder(sharedPath('lwm2m-models', 'version_history'));
  assert.deepEqual(r.errors, []);
  assert.ok(r.files > 200, String(r.files));
  assert.equal(r.models.length, r.files);
});
