// SenML packs (RFC 8428, as LwM2M TS Core §7.4.4/7.4.5 uses them) ↔ records. The JSON and CBOR
// formats only turn their bytes into SenML entries and back; names, base names, times and value
// types are resolved here once.
import { Lwm2mCodecError, formatObjLnk, type Lwm2mNode, type Lwm2mPath, formatPath, isObjLnk, parseObjLnk, parsePath, type Lwm2mRecord, type Lwm2mValue, type TypeOf } from './model.js';
import { checkValue, inferType, numberAs } from './values.js';

/** One SenML record with the labels LwM2M uses; `vd` already as bytes. */
export interface SenmlEntry {
  bn?: string;
  bt?: number;
  n?: string;
  t?: number;
  v?: number | bigint;
  vs?: string;
  vb?: boolean;
  vd?: Uint8Array;
  vlo?: string;
}

const VALUE_LABELS = ['v', 'vs', 'vb', 'vd', 'vlo'] as const;

/**
 * names seen (each notification of an observation names the same paths): parsed once and shared by
 * their records (Lwm2mPath is readonly; not frozen: V8's join and slice of a frozen array are 4× slower)
 */
const namedPaths = new Map<string, Lwm2mPath>();
const MAX_NAMED_PATHS = 4096;

function pathNamed(name: string, where: string): Lwm2mPath {
  let path = namedPaths.get(name);
  if (path === undefined) {
    path = parsePath(name, where);
    if (namedPaths.size >= MAX_NAMED_PATHS) namedPaths.clear();
    namedPaths.set(name, path);
  }
  return path;
}

/** Resolves base name and base time over the pack and types every value. */
export function entriesToRecords(entries: readonly SenmlEntry[], typeOf: TypeOf, format: string): Lwm2mRecord[] {
  let bn = '';
  let bt = 0;
  return entries.map((e, index) => {
    const where = `${format}: record ${index}`;
    if (e.bn !== undefined) bn = e.bn;
    if (e.bt !== undefined) bt = e.bt;
    const name = bn + (e.n ?? '');
    if (name === '') throw new Lwm2mCodecError(`${where}: no name and no base name`);
    const path = pathNamed(name, `${where}: name`);
    if (path.length < 3) throw new Lwm2mCodecError(`${where}: "${name}" is not a resource path`);
    const count = (e.v !== undefined ? 1 : 0) + (e.vs !== undefined ? 1 : 0) + (e.vb !== undefined ? 1 : 0) + (e.vd !== undefined ? 1 : 0) + (e.vlo !== undefined ? 1 : 0);
    if (count !== 1) {
      const labels = VALUE_LABELS.filter((l) => e[l] !== undefined);
      throw new Lwm2mCodecError(`${where} (${name}): ${labels.length === 0 ? 'no value' : `two values (${labels.join(', ')})`}`);
    }
    const at = `${where} (${name})`;
    const type = typeOf(path.length === 3 ? path : path.slice(0, 3));
    let value: Lwm2mValue;
    if (e.v !== undefined) value = numberAs(type ?? (typeof e.v === 'bigint' || Number.isInteger(e.v) ? 'integer' : 'float'), e.v, at);
    else if (e.vs !== undefined) value = checkValue(type === 'corelnk' ? 'corelnk' : 'string', e.vs, at);
    else if (e.vb !== undefined) value = e.vb;
    else if (e.vd !== undefined) value = e.vd;
    else value = parseObjLnk(e.vlo!, at);
    if (type !== undefined) checkValue(type, value, at);
    const record: Lwm2mRecord = { path, value };
    if (e.t !== undefined || bt !== 0) record.time = bt + (e.t ?? 0);
    return record;
  });
}

/** A SenML entry for each record; the first carries `baseName` (e.g. "/3/0/") and the rest are named relative to it. */
export function recordsToEntries(records: readonly Lwm2mRecord[], baseName: string, typeOf: TypeOf, format: string): SenmlEntry[] {
  return records.map((r, index) => {
    const full = formatPath(r.path);
    if (!full.startsWith(baseName)) throw new Lwm2mCodecError(`${format}: ${full} is outside the base name ${baseName}`);
    const e: SenmlEntry = {};
    if (index === 0 && baseName !== '') e.bn = baseName;
    if (full !== baseName) e.n = full.slice(baseName.length);
    if (r.time !== undefined) e.t = r.time;
    const type = typeOf(r.path.slice(0, 3)) ?? inferType(r.value);
    const value = checkValue(type, r.value, `${format}: ${full}`);
    if (typeof value === 'number' || typeof value === 'bigint') e.v = value;
    else if (typeof value === 'string') e.vs = value;
    else if (typeof value === 'boolean') e.vb = value;
    else if (value instanceof Uint8Array) e.vd = value;
    else if (isObjLnk(value)) e.vlo = formatObjLnk(value);
    return e;
  });
}

/** Checks one label's JSON/CBOR type while copying an entry out of the wire item. */
export function readLabel(where: string, label: string, value: unknown, want: 'string' | 'number' | 'boolean'): string | number | bigint | boolean {
  const ok = want === 'number' ? typeof value === 'number' || typeof value === 'bigint' : typeof value === want;
  if (!ok) throw new Lwm2mCodecError(`${where}: "${label}" is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}, not a ${want}`);
  return value as string | number | bigint | boolean;
}

/** A single value is named by its base name alone ("/3/0/0"); larger nodes by "/3/0/" and relative names ("6/0"). */
export function baseNameFor(path: Lwm2mPath, node: Lwm2mNode): string {
  return node.kind === 'resource' || node.kind === 'resourceInstance' ? formatPath(path) : `${formatPath(path)}/`;
}
