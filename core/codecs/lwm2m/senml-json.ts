// SenML JSON (content format 110, TS Core §7.4.4): an array of SenML records; opaque values ("vd")
// are base64url text.
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type TypeOf } from './model.js';
import { fromRecords, toRecords } from './records.js';
import { baseNameFor, entriesToRecords, readLabel, recordsToEntries, type SenmlEntry } from './senml.js';

const FORMAT = 'SenML JSON';
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

function toEntry(item: unknown, index: number): SenmlEntry {
  const where = `${FORMAT}: record ${index}`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Lwm2mCodecError(`${where} is not an object`);
  const e: SenmlEntry = {};
  for (const [label, value] of Object.entries(item)) {
    switch (label) {
      case 'bn': case 'n': case 'vs': case 'vlo': e[label] = readLabel(where, label, value, 'string') as string; break;
      case 'bt': case 't': e[label] = readLabel(where, label, value, 'number') as number; break;
      case 'v': e.v = readLabel(where, label, value, 'number') as number; break;
      case 'vb': e.vb = readLabel(where, label, value, 'boolean') as boolean; break;
      case 'vd': {
        const text = readLabel(where, label, value, 'string') as string;
        if (!BASE64URL.test(text.replace(/\+/g, '-').replace(/\//g, '_'))) throw new Lwm2mCodecError(`${where}: "vd" is not base64url`);
        e.vd = Uint8Array.from(Buffer.from(text, 'base64url'));
        break;
      }
      default:
        // RFC 8428 §4.4: a label ending in "_" must be understood; others may be ignored
        if (label.endsWith('_')) throw new Lwm2mCodecError(`${where}: unknown must-understand label "${label}"`);
    }
  }
  return e;
}

/** Every record of a SenML JSON pack (a Send, a Read-Composite answer, a notification). */
export function decodeSenmlJsonRecords(bytes: Uint8Array, typeOf: TypeOf): Lwm2mRecord[] {
  let pack: unknown;
  try {
    pack = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Lwm2mCodecError(`${FORMAT}: the payload is not JSON`);
  }
  if (!Array.isArray(pack)) throw new Lwm2mCodecError(`${FORMAT}: the payload is not an array of records`);
  return entriesToRecords(pack.map(toEntry), typeOf, FORMAT);
}

export function encodeSenmlJsonRecords(records: readonly Lwm2mRecord[], typeOf: TypeOf, baseName = ''): Uint8Array {
  const pack = recordsToEntries(records, baseName, typeOf, FORMAT).map(({ vd, v, ...rest }) => ({
    ...rest,
    // JSON numbers are doubles: integers beyond 2^53 lose precision here (TLV and CBOR keep them)
    ...(v !== undefined ? { v: Number(v) } : {}),
    ...(vd !== undefined ? { vd: Buffer.from(vd).toString('base64url') } : {}),
  }));
  return new TextEncoder().encode(JSON.stringify(pack));
}

export function decodeSenmlJson(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  return fromRecords(path, decodeSenmlJsonRecords(bytes, typeOf), FORMAT);
}

export function encodeSenmlJson(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  return encodeSenmlJsonRecords(toRecords(path, node), typeOf, baseNameFor(path, node));
}
