// Composite operations (LwM2M 1.1 TS Core: Read-Composite, Write-Composite,
// Observe-Composite): the request body is a SenML pack (JSON 110 or CBOR 112) naming paths in any
// objects. Read/Observe-Composite name paths only; Write-Composite carries a value per resource.
import { Lwm2mCodecError, formatPath, parsePath, type Lwm2mPath, type Lwm2mRecord, type TypeOf } from './model.js';
import { CT } from './registry.js';
import { parseCbor, writeCbor } from './cbor-values.js';
import { readLabel } from './senml.js';
import { decodeSenmlJsonRecords, encodeSenmlJsonRecords } from './senml-json.js';
import { decodeSenmlCborRecords, encodeSenmlCborRecords } from './senml-cbor.js';

const NAME_BN = { json: 'bn', cbor: -2 } as const;
const NAME_N = { json: 'n', cbor: 0 } as const;

function formatName(ct: number): 'json' | 'cbor' {
  if (ct === CT.SENML_JSON) return 'json';
  if (ct === CT.SENML_CBOR) return 'cbor';
  throw new Lwm2mCodecError(`composite: content format ${ct} is not SenML JSON (110) or SenML CBOR (112)`);
}

/** Read-/Observe-Composite body: one record per path, holding only its name. */
export function encodeCompositePaths(ct: number, paths: readonly Lwm2mPath[]): Uint8Array {
  const kind = formatName(ct);
  if (paths.length === 0) throw new Lwm2mCodecError('composite: no paths');
  const names = paths.map((p) => {
    if (p.length < 1 || p.length > 4) throw new Lwm2mCodecError(`composite: ${formatPath(p)} is not an object, instance, resource or resource instance path`);
    return formatPath(p);
  });
  if (kind === 'json') return new TextEncoder().encode(JSON.stringify(names.map((n) => ({ n }))));
  return writeCbor(names.map((n) => new Map([[NAME_N.cbor, n]])));
}

/** The paths a Read-/Observe-Composite body names (base names concatenated); values, if any, are ignored. */
export function decodeCompositePaths(ct: number, bytes: Uint8Array): Lwm2mPath[] {
  const kind = formatName(ct);
  const format = kind === 'json' ? 'SenML JSON' : 'SenML CBOR';
  let pack: unknown;
  if (kind === 'json') {
    try {
      pack = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw new Lwm2mCodecError(`${format}: the payload is not JSON`);
    }
  } else pack = parseCbor(bytes, format);
  if (!Array.isArray(pack) || pack.length === 0) throw new Lwm2mCodecError(`${format}: the payload is not a non-empty array of records`);
  let bn = '';
  return pack.map((item, index) => {
    const where = `${format}: record ${index}`;
    const get = (label: 'bn' | 'n'): unknown => {
      const key = label === 'bn' ? NAME_BN[kind] : NAME_N[kind];
      if (kind === 'json') {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Lwm2mCodecError(`${where} is not an object`);
        return (item as Record<string, unknown>)[key];
      }
      if (!(item instanceof Map)) throw new Lwm2mCodecError(`${where} is not a map`);
      return item.get(key);
    };
    const b = get('bn');
    if (b !== undefined) bn = readLabel(where, 'bn', b, 'string') as string;
    const n = get('n');
    const name = bn + (n === undefined ? '' : (readLabel(where, 'n', n, 'string') as string));
    if (name === '') throw new Lwm2mCodecError(`${where}: no name and no base name`);
    const path = parsePath(name, `${where}: name`);
    if (path.length < 1) throw new Lwm2mCodecError(`${where}: "${name}" names the root, not an object or below`);
    return path;
  });
}

/** Write-Composite body: every record named by its full path (no base name), typed by `typeOf`. */
export function encodeCompositeValues(ct: number, records: readonly Lwm2mRecord[], typeOf: TypeOf): Uint8Array {
  const kind = formatName(ct);
  if (records.length === 0) throw new Lwm2mCodecError('composite: no values');
  for (const r of records) {
    if (r.path.length < 3) throw new Lwm2mCodecError(`composite: ${formatPath(r.path)} is not a resource or resource instance path`);
  }
  return kind === 'json' ? encodeSenmlJsonRecords(records, typeOf) : encodeSenmlCborRecords(records, typeOf);
}

/**
 * Every value of a composite payload (a Read-/Observe-Composite answer, a Write-Composite body, a
 * Send) keyed by its full path ("/3/0/0"). A path given twice keeps its last value (SenML order).
 */
export function decodeCompositeValues(ct: number, bytes: Uint8Array, typeOf: TypeOf): Map<string, Lwm2mRecord> {
  const records = formatName(ct) === 'json' ? decodeSenmlJsonRecords(bytes, typeOf) : decodeSenmlCborRecords(bytes, typeOf);
  return new Map(records.map((r) => [formatPath(r.path), r]));
}
