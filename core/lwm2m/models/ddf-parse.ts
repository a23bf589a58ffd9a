// Parses one DDF XML text (the OMA LWM2M.xsd format) into object models. Pure: the caller reads
// the file. Every problem becomes one message naming the source and, for malformed XML, the
// line, so a user fixing a vendor folder knows where to look.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_ID, OPERATIONS, type ObjectModel, type Operations, type ResourceModel, type ResourceType } from './types.js';
import { normalizeRange } from './range.js';

/** Real DDFs are 1-60 KB; anything over this is not an object definition. */
export const MAX_DDF_BYTES = 1024 * 1024;
/** A file defines one object, rarely a few; the schema allows more, we cap it. */
const MAX_OBJECTS_PER_FILE = 64;

const TYPES: Record<string, ResourceType> = {
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

export type DdfResult = { ok: true; models: ObjectModel[] } | { ok: false; error: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // ids and versions stay text: we check them ourselves
  isArray: (name) => name === 'Object' || name === 'Item',
});

class DdfError extends Error {}

/** `source` names the file in messages, e.g. 'vendor/10241.xml'. */
export function parseDdf(xml: string, source: string): DdfResult {
  if (xml.length > MAX_DDF_BYTES) return fail(source, `larger than ${MAX_DDF_BYTES} bytes`);
  // DTD entities are never needed in a DDF and are the classic XML expansion attack.
  if (xml.includes('<!ENTITY')) return fail(source, 'DTD entity declarations are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return fail(`${source} line ${valid.err.line}`, valid.err.msg);
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    return fail(source, e instanceof Error ? e.message : String(e));
  }
  try {
    return { ok: true, models: toModels(doc, source) };
  } catch (e) {
    if (e instanceof DdfError) return fail(source, e.message);
    throw e;
  }
}

function fail(where: string, message: string): DdfResult {
  return { ok: false, error: `${where}: ${message}` };
}

function toModels(doc: unknown, source: string): ObjectModel[] {
  const objects = field(field(doc, 'LWM2M'), 'Object');
  if (!Array.isArray(objects) || objects.length === 0) throw new DdfError('no <LWM2M><Object> element');
  if (objects.length > MAX_OBJECTS_PER_FILE) throw new DdfError(`more than ${MAX_OBJECTS_PER_FILE} objects`);
  return objects.map((o) => toObject(o, source));
}

function toObject(o: unknown, source: string): ObjectModel {
  const id = parseId(text(o, 'ObjectID'), 'ObjectID');
  const where = `object ${id}`;
  const name = text(o, 'Name');
  if (!name) throw new DdfError(`${where}: Name is empty`);
  const version = text(o, 'ObjectVersion') || '1.0';
  if (!/^\d{1,3}\.\d{1,3}$/.test(version)) throw new DdfError(`${where}: ObjectVersion '${version}' is not major.minor`);
  const lwm2mVersion = text(o, 'LWM2MVersion') || '1.0';
  if (!/^\d{1,3}\.\d{1,3}$/.test(lwm2mVersion)) throw new DdfError(`${where}: LWM2MVersion '${lwm2mVersion}' is not major.minor`);
  const items = field(field(o, 'Resources'), 'Item') ?? [];
  if (!Array.isArray(items)) throw new DdfError(`${where}: Resources is not a list of Item`);
  const resources = items.map((item) => toResource(item, where));
  const seen = new Set<number>();
  for (const r of resources) {
    if (seen.has(r.id)) throw new DdfError(`${where}: resource ${r.id} defined twice`);
    seen.add(r.id);
  }
  return {
    id,
    name,
    version,
    lwm2mVersion,
    multiple: choice(text(o, 'MultipleInstances'), 'Multiple', 'Single', `${where}: MultipleInstances`),
    mandatory: choice(text(o, 'Mandatory'), 'Mandatory', 'Optional', `${where}: Mandatory`),
    resources: resources.sort((a, b) => a.id - b.id),
    source,
  };
}

function toResource(item: unknown, object: string): ResourceModel {
  const id = parseId(text(item, '@ID'), `${object}: resource ID`);
  const name = text(item, 'Name');
  const where = `${object} resource ${id}${name ? ` (${name})` : ''}`;
  if (!name) throw new DdfError(`${where}: Name is empty`);
  const rawType = text(item, 'Type');
  const type = TYPES[rawType];
  if (!type) throw new DdfError(`${where}: unknown type '${rawType.slice(0, 40)}'`);
  const ops = text(item, 'Operations');
  if (!(OPERATIONS as readonly string[]).includes(ops)) throw new DdfError(`${where}: unknown operations '${ops.slice(0, 40)}'`);
  const units = text(item, 'Units');
  const range = normalizeRange(text(item, 'RangeEnumeration'));
  return {
    id,
    name,
    type,
    operations: ops as Operations,
    multiple: choice(text(item, 'MultipleInstances'), 'Multiple', 'Single', `${where}: MultipleInstances`),
    mandatory: choice(text(item, 'Mandatory'), 'Mandatory', 'Optional', `${where}: Mandatory`),
    ...(units && { units }),
    ...(range !== undefined && { range }),
  };
}

function parseId(raw: string, what: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new DdfError(`${what} '${raw.slice(0, 40)}' is not a number`);
  const id = Number(raw);
  if (id > MAX_ID) throw new DdfError(`${what} ${id} is out of range 0..${MAX_ID}`);
  return id;
}

function choice(value: string, yes: string, no: string, what: string): boolean {
  if (value === yes) return true;
  if (value === no) return false;
  throw new DdfError(`${what} must be ${yes} or ${no}, not '${value.slice(0, 40)}'`);
}

function field(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
}

/** Element text with whitespace collapsed (registry names contain double spaces and newlines). */
function text(node: unknown, name: string): string {
  const v = field(node, name);
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim();
  // An element with attributes but no text parses as an object; an empty element as ''.
  const inner = field(v, '#text');
  return typeof inner === 'string' ? inner.replace(/\s+/g, ' ').trim() : '';
}
