import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '../../agent/testing/shared-fixtures.js';
import { loadModels } from './load-models.js';

test('no folder: built-ins only', async () => {
  const { registry, problems, userModels } = await loadModels();
  assert.equal(registry.resourceType('/3/0/0'), 'string');
  assert.equal(registry.modelFor(3442), undefined);
  assert.deepEqual([problems, userModels], [[], 0]);
});

test('a folder adds its objects; broken files and shadowed built-ins are listed as problems', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-models-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(sharedPath('lwm2m-models', '3442.xml'), join(dir, '3442.xml'));
  copyFileSync(sharedPath('lwm2m-models', '3303.xml'), join(dir, '3303.xml')); // same as built-in 1.1
  writeFileSync(join(dir, 'bad.xml'), '<LWM2M><Object>\n</LWM2M>');
  const { registry, problems, userModels } = await loadModels(dir);
  assert.equal(userModels, 1);
  assert.equal(registry.modelFor(3442)?.source, '3442.xml');
  assert.equal(registry.modelFor(3303, '1.1')?.source, 'builtin');
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /^bad\.xml line 2: /);
  assert.match(problems[1]!, /^3303\.xml: object 3303 version 1\.1 is already defined by builtin/);
});
