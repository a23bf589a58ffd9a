import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DDF_BYTES, parseDdf } from './ddf-parse.js';
import { normalizeRange } from './range.js';

/** A small valid DDF in the OMA layout; `items` replaces the resource list. */
function ddf(items: string, objectId = '10241', version = '<ObjectVersion>1.1</ObjectVersion>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<LWM2M>
  <Object ObjectType="MODefinition">
    <Name>Vendor  Meter</Name>
    <Description1><![CDATA[Our test object.]]></Description1>
    <ObjectID>${objectId}</ObjectID>
    <ObjectURN>urn:oma:lwm2m:x:${objectId}</ObjectURN>
    ${version}
    <MultipleInstances>Multiple</MultipleInstances>
    <Mandatory>Optional</Mandatory>
    <Resources>
${items}
    </Resources>
  </Object>
</LWM2M>
`;
}

function item(id: string, name: string, type: string, ops = 'R', extra = ''): string {
  return `      <Item ID="${id}">
        <Name>${name}</Name>
        <Operations>${ops}</Operations>
        <MultipleInstances>Single</MultipleInstances>
        <Mandatory>Mandatory</Mandatory>
        <Type>${type}</Type>
        <RangeEnumeration>${extra}</RangeEnumeration>
        <Units>kWh</Units>
        <Description>x</Description>
      </Item>`;
}

test('a valid DDF maps to the model type, resources sorted, whitespace collapsed', () => {
  const r = parseDdf(ddf([item('7', 'Reset', '', 'E'), item('1', 'Energy', 'Float', 'R', '0 - 100'), item('2', 'Count', 'Unsigned Integer', 'RW')].join('\n')), 'vendor/10241.xml');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.models.length, 1);
  const m = r.models[0]!;
  assert.deepEqual(
    { id: m.id, name: m.name, version: m.version, lwm2mVersion: m.lwm2mVersion, multiple: m.multiple, mandatory: m.mandatory, source: m.source },
    { id: 10241, name: 'Vendor Meter', version: '1.1', lwm2mVersion: '1.0', multiple: true, mandatory: false, source: 'vendor/10241.xml' },
  );
  assert.deepEqual(m.resources.map((x) => [x.id, x.type, x.operations]), [[1, 'float', 'R'], [2, 'unsignedInteger', 'RW'], [7, 'none', 'E']]);
  assert.deepEqual(m.resources[0], { id: 1, name: 'Energy', type: 'float', operations: 'R', multiple: false, mandatory: true, units: 'kWh', range: '0..100' });
});

test('no ObjectVersion means 1.0', () => {
  const r = parseDdf(ddf(item('1', 'A', 'String'), '10241', ''), 'a.xml');
  assert.ok(r.ok);
  assert.equal(r.models[0]!.version, '1.0');
});

test('malformed XML: the message names the file and the line', () => {
  const xml = ddf(item('1', 'A', 'String')).replace('</Item>', '</Items>');
  const r = parseDdf(xml, 'vendor/10241.xml');
  assert.equal(r.ok, false);
  const line = xml.split('\n').findIndex((l) => l.includes('</Items>')) + 1;
  if (!r.ok) assert.match(r.error, new RegExp(`^vendor/10241\\.xml line ${line}: .*closing tag 'Item'`));
});

test('an unknown type is an error naming the resource', () => {
  const r = parseDdf(ddf([item('1', 'A', 'String'), item('5', 'Voltage', 'Decimal')].join('\n')), 'v.xml');
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error, "v.xml: object 10241 resource 5 (Voltage): unknown type 'Decimal'");
});

test('ids out of 0..65535, non-numeric ids and duplicates are refused', () => {
  const cases: Array<[string, RegExp]> = [
    [ddf(item('1', 'A', 'String'), '70000'), /ObjectID 70000 is out of range 0\.\.65535/],
    [ddf(item('65536', 'A', 'String')), /resource ID 65536 is out of range/],
    [ddf(item('-1', 'A', 'String')), /resource ID '-1' is not a number/],
    [ddf(item('x', 'A', 'String')), /resource ID 'x' is not a number/],
    [ddf([item('3', 'A', 'String'), item('3', 'B', 'String')].join('\n')), /resource 3 defined twice/],
    [ddf(item('1', 'A', 'String', 'RWX')), /resource 1 \(A\): unknown operations 'RWX'/],
    [ddf(item('1', 'A', 'String'), '10241', '<ObjectVersion>one</ObjectVersion>'), /ObjectVersion 'one' is not major\.minor/],
    ['<?xml version="1.0"?><Other/>', /no <LWM2M><Object> element/],
  ];
  for (const [xml, want] of cases) {
    const r = parseDdf(xml, 'f.xml');
    assert.equal(r.ok, false, String(want));
    if (!r.ok) assert.match(r.error, want);
  }
});

test('huge input and DTD entities are refused before parsing', () => {
  const huge = parseDdf(ddf(item('1', 'A', 'String')) + ' '.repeat(MAX_DDF_BYTES), 'big.xml');
  assert.equal(huge.ok, false);
  if (!huge.ok) assert.match(huge.error, /^big\.xml: larger than 1048576 bytes/);
  const bomb = parseDdf('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "yy">]><LWM2M>&x;</LWM2M>', 'e.xml');
  assert.equal(bomb.ok, false);
  if (!bomb.ok) assert.match(bomb.error, /entity/);
});

test('ranges: spans and integer enumerations kept, prose dropped', () => {
  assert.equal(normalizeRange('0-255 bytes'), '0..255');
  assert.equal(normalizeRange('0..255'), '0..255');
  assert.equal(normalizeRange('-40 .. 85.5'), '-40..85.5');
  assert.equal(normalizeRange('16, 32,48'), '16,32,48');
  assert.equal(normalizeRange('6'), '6');
  assert.equal(normalizeRange('16-bit'), undefined);
  assert.equal(normalizeRange('The possible values are listed in 5.3.1.1'), undefined);
  assert.equal(normalizeRange(''), undefined);
});

test('a UTF-8 byte order mark (common in files saved on Windows) is accepted', () => {
  const r = parseDdf(`\uFEFF${ddf(item('1', 'A', 'String'))}`, 'bom.xml');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.models[0]!.id, 10241);
});

test('a file may define several objects; an object without resources is valid', () => {
  const one = ddf(item('1', 'A', 'Objlnk'), '10241');
  const two = ddf('', '10242').replace(/^[\s\S]*?<Object /, '<Object ').replace(/<\/LWM2M>\s*$/, '');
  const xml = one.replace('</LWM2M>', `${two}</LWM2M>`);
  const r = parseDdf(xml, 'two.xml');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(r.models.map((m) => [m.id, m.resources.length]), [[10241, 1], [10242, 0]]);
  assert.equal(r.models[0]!.resources[0]!.type, 'objlnk');
});
