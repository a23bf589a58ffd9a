// The hand-made test type table must agree with the OMA object XML it was copied from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSharedText } from '../../../agent/testing/shared-fixtures.js';
import { testTypes } from './test-types.js';

test('test-types matches the OMA XML of objects 2, 3 and 3303', () => {
  let checked = 0;
  for (const objectId of [2, 3, 3303]) {
    const xml = readSharedText('lwm2m-models', `${objectId}.xml`);
    for (const m of xml.matchAll(/<Item ID="(\d+)">[\s\S]*?<Type>(\w*)<\/Type>/g)) {
      const type = testTypes([objectId, 0, Number(m[1])]);
      if (type === undefined) continue; // executable resources and ones the tests do not use
      assert.equal(type, m[2]!.toLowerCase(), `/${objectId}/x/${m[1]}`);
      checked++;
    }
  }
  assert.ok(checked >= 25, `only ${checked} resources checked`);
});
