// Checks every built-in definition against the OMA registry XML in ../shared/lwm2m-models/
// (test-only reference data). The XML is read here with its own small mapping, independent of
// the product's DDF loader, so a mistake in either one shows up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { listShared, sharedPath } from '../../../../agent/testing/shared-fixtures.js';
import { BUILTIN_MODELS } from './index.js';

const TYPES: Record<string, string> = {
  String: 'string',
  Integer: 'integer',
  'Unsigned Integer': 'unsignedInteger',
  Float: 'float',
  Boolean: 'boolean',
  Opaque: 'opaque',
  Time: 'time',
  Objlnk: 'objlnk',
  Corelnk: 'corelnk',
  '': 'none',
};

const parser = new XMLParser({ isArray: (name) => name === 'Item', parseTagValue: false, ignoreAttributes: false });
const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

interface XmlItem {
  '@_ID': string;
  Name: unknown;
  Operations: unknown;
  MultipleInstances: unknown;
  Mandatory: unknown;
  Type: unknown;
  RangeEnumeration: unknown;
  Units: unknown;
}

function readOma(file: string) {
  const o = parser.parse(readFileSync(file, 'utf8')).LWM2M.Object;
  const items: XmlItem[] = o.Resources?.Item ?? [];
  return {
    id: Number(o.ObjectID),
    name: text(o.Name),
    version: text(o.ObjectVersion) || '1.0',
    lwm2mVersion: text(o.LWM2MVersion) || '1.0',
    multiple: text(o.MultipleInstances) === 'Multiple',
    mandatory: text(o.Mandatory) === 'Mandatory',
    resources: items.map((i) => ({
      id: Number(i['@_ID']),
      name: text(i.Name),
      type: TYPES[text(i.Type)] ?? `unknown ${text(i.Type)}`,
      operations: text(i.Operations),
      multiple: text(i.MultipleInstances) === 'Multiple',
      mandatory: text(i.Mandatory) === 'Mandatory',
      units: text(i.Units) || undefined,
      range: text(i.RangeEnumeration),
    })),
  };
}

/** The registry writes ranges several ways ('0-255 bytes', '0..255'); prose is not a range. */
function expectedRange(raw: string): string | undefined {
  const r = raw.replace(/\s*bytes$/, '');
  const span = /^(-?\d+(?:\.\d+)?)\s*(?:-|\.\.)\s*(-?\d+(?:\.\d+)?)$/.exec(r);
  if (span) return `${span[1]}..${span[2]}`;
  return /^\d+(,\d+)*$/.test(r) ? r : undefined;
}

const historyFile = (id: number, version: string) =>
  join(sharedPath('lwm2m-models', 'version_history'), `${id}-${version.replace('.', '_')}.xml`);

const builtinIds = [...new Set(BUILTIN_MODELS.map((m) => m.id))];

test('the table has the core objects 0-7 and the required IPSO objects', () => {
  for (const id of [0, 1, 2, 3, 4, 5, 6, 7, 3303, 3304, 3311, 3313, 3315, 3323, 3336, 3347]) {
    assert.ok(builtinIds.includes(id), `object ${id} missing`);
  }
});

test('every version in the registry of a built-in object is built in, and no other', () => {
  const history = listShared('.xml', 'lwm2m-models', 'version_history');
  for (const id of builtinIds) {
    const inRegistry = history
      .filter((f) => f.startsWith(`${id}-`))
      .map((f) => f.slice(`${id}-`.length, -'.xml'.length).replace('_', '.'))
      .sort();
    const built = BUILTIN_MODELS.filter((m) => m.id === id).map((m) => m.version).sort();
    assert.deepEqual(built, inRegistry, `versions of object ${id}`);
  }
});

for (const model of BUILTIN_MODELS) {
  test(`object ${model.id} ${model.version} (${model.name}) equals the OMA definition`, () => {
    const file = historyFile(model.id, model.version);
    assert.ok(existsSync(file), `${file} not found`);
    const oma = readOma(file);
    assert.equal(oma.id, model.id);
    assert.equal(model.name, oma.name);
    assert.equal(model.version, oma.version);
    assert.equal(model.lwm2mVersion, oma.lwm2mVersion);
    assert.equal(model.multiple, oma.multiple);
    assert.equal(model.mandatory, oma.mandatory);
    assert.deepEqual(
      model.resources.map((r) => r.id),
      oma.resources.map((r) => r.id).sort((a, b) => a - b),
      'resource ids',
    );
    for (const want of oma.resources) {
      const got = model.resources.find((r) => r.id === want.id);
      const where = `/${model.id}/x/${want.id} ${want.name}`;
      assert.ok(got, `${where} missing`);
      assert.equal(got.name, want.name, `${where} name`);
      assert.equal(got.type, want.type, `${where} type`);
      assert.equal(got.operations, want.operations, `${where} operations`);
      assert.equal(got.multiple, want.multiple, `${where} multiple`);
      assert.equal(got.mandatory, want.mandatory, `${where} mandatory`);
      assert.equal(got.units, want.units, `${where} units`);
      assert.equal(got.range, expectedRange(want.range), `${where} range`);
    }
  });
}

test('the newest built-in version of each object is the registry root file', () => {
  for (const id of builtinIds) {
    const newest = BUILTIN_MODELS.filter((m) => m.id === id).at(-1);
    assert.equal(newest?.version, readOma(sharedPath('lwm2m-models', `${id}.xml`)).version, `object ${id}`);
  }
});

test('the table carries no OMA description text', () => {
  for (const model of BUILTIN_MODELS) {
    assert.ok(!('description' in model), `object ${model.id}`);
    for (const r of model.resources) assert.ok(!('description' in r), `/${model.id}/x/${r.id}`);
  }
});
