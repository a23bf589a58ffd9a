// SenML CBOR (content format 112, TS Core §7.4.5): an array of maps keyed by RFC 8428's integer
// labels (bn -2, bt -3, n 0, v 2, vs 3, vb 4, t 6, vd 8) and LwM2M's text label "vlo".
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type TypeOf } from './model.js';
import { fromRecords, toRecords } from './records.js';
import { baseNameFor, entriesToRecords, readLabel, recordsToEntries, type SenmlEntry } from './senml.js';
import { parseCbor, writeCbor } from './cbor-values.js';

const FORMAT = 'SenML CBOR';
const LABELS = { bn: -2, bt: -3, n: 0, v: 2, vs: 3, vb: 4, t: 6, vd: 8, vlo: 'vlo' } as const;

function toEntry(item: unknown, index: number): SenmlEntry {
  const where = `${FORMAT}: record ${index}`;
  if (!(item instanceof Map)) throw new Lwm2mCodecError(`${where} is not a map`);
  const e: SenmlEntry = {};
  for (const [key, value] of item as Map<unknown, unknown>) {
    switch (key) {
      case LABELS.bn: e.bn = readLabel(where, 'bn', value, 'string') as string; break;
      case LABELS.n: e.n = readLabel(where, 'n', value, 'string') as string; break;
      case LABELS.vs: e.vs = readLabel(where, 'vs', value, 'string') as string; break;
      case LABELS.vlo: e.vlo = readLabel(where, 'vlo', value, 'string') as string; break;
      case LABELS.bt: e.bt = Number(readLabel(where, 'bt', value, 'number')); break;
      case LABELS.t: e.t = Number(readLabel(where, 't', value, 'number')); break;
      case LABELS.v: e.v = readLabel(where, 'v', value, 'number') as number | bigint; break;
      case LABELS.vb: e.vb = readLabel(where, 'vb', value, 'boolean') as boolean; break;
      case LABELS.vd:
        if (!(value instanceof Uint8Array)) throw new Lwm2mCodecError(`${where}: "vd" is not a byte string`);
        e.vd = Uint8Array.from(value);
        break;
      default:
        if (typeof key === 'string' && key.endsWith('_')) throw new Lwm2mCodecError(`${where}: unknown must-understand label "${key}"`);
        if (typeof key === 'number' && key < -100) throw new Lwm2mCodecError(`${where}: unknown label ${key}`);
    }
  }
  return e;
}

export function decodeSenmlCborRecords(bytes: Uint8Array, typeOf: TypeOf): Lwm2mRecord[] {
  const pack = parseCbor(bytes, FORMAT);
  if (!Array.isArray(pack)) throw new Lwm2mCodecError(`${FORMAT}: the payload is not an array of records`);
  return entriesToRecords(pack.map(toEntry), typeOf, FORMAT);
}

export function encodeSenmlCborRecords(records: readonly Lwm2mRecord[], typeOf: TypeOf, baseName = ''): Uint8Array {
  const pack = recordsToEntries(records, baseName, typeOf, FORMAT).map((e) => {
    const m = new Map<number | string, unknown>();
    for (const label of ['bn', 'bt', 'n', 't', 'v', 'vs', 'vb', 'vd', 'vlo'] as const) {
      const value = e[label];
      if (value === undefined) continue;
      // a Uint8Array would get cbor-x's typed-array tag; a Buffer is a plain byte string
      m.set(LABELS[label], value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value);
    }
    return m;
  });
  return writeCbor(pack);
}

export function decodeSenmlCbor(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  return fromRecords(path, decodeSenmlCborRecords(bytes, typeOf), FORMAT);
}

export function encodeSenmlCbor(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  return encodeSenmlCborRecords(toRecords(path, node), typeOf, baseNameFor(path, node));
}
