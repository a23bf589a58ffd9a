// The API contract's zod schema and the models' TypeScript types describe the same thing: checked
// at compile time (typecheck covers tests) and at run time over the whole built-in table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lwm2mObjectModel, Lwm2mOperations, Lwm2mResourceType } from '../../contract/lwm2m-models.js';
import { BUILTIN_MODELS } from './builtin/index.js';
import { OPERATIONS, RESOURCE_TYPES, type ObjectModel } from './types.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Our readonly resource list is not assignable to zod's mutable array, so the list is compared by
// its element type and the rest of the object on its own.
const sameShape: Same<Omit<ObjectModel, 'resources'>, Omit<Lwm2mObjectModel, 'resources'>> = true;
type Element<T> = T extends readonly (infer E)[] ? E : never;
const sameResource: Same<Element<ObjectModel['resources']>, Element<Lwm2mObjectModel['resources']>> = true;

test('schema and types agree', () => {
  assert.ok(sameShape && sameResource);
  assert.deepEqual([...Lwm2mResourceType.options].sort(), [...RESOURCE_TYPES].sort());
  assert.deepEqual([...Lwm2mOperations.options].sort(), [...OPERATIONS].sort());
});

test('every built-in model passes the contract schema unchanged through JSON', () => {
  for (const model of BUILTIN_MODELS) {
    const parsed = Lwm2mObjectModel.parse(JSON.parse(JSON.stringify(model)));
    assert.deepEqual(parsed, model, `${model.id} ${model.version}`);
  }
});
