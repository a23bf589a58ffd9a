// LwM2M JSON (content format 11543, TS Core 1.0 §6.4.4): {"bn": base name, "bt": base time,
// "e": [{"n", "v" | "sv" | "bv" | "ov", "t"}]}. Opaque values are base64 text in "sv", object links
// "3:0" in "ov". It maps onto SenML entries and shares their resolver.
import { Lwm2mCodecError, parsePath, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type TypeOf } from './model.js';
import { fromRecords, toRecords } from './records.js';
import { baseNameFor, entriesToRecords, readLabel, recordsToEntries, type SenmlEntry } from './senml.js';

const FORMAT = 'LwM2M JSON';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function toEntry(item: unknown, index: number, bn: string, typeOf: TypeOf): SenmlEntry {
  const where = `${FORMAT}: e[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Lwm2mCodecError(`${where} is not an object`);
  const e: SenmlEntry = index === 0 ? { bn } : {};
  const fields = item as Record<string, unknown>;
  if (fields.n !== undefined) e.n = readLabel(where, 'n', fields.n, 'string') as string;
  for (const [label, value] of Object.entries(item)) {
    switch (label) {
      case 'n': break; // read first: "sv" needs the name
      case 't': e.t = readLabel(where, label, value, 'number') as number; break;
      case 'v': e.v = readLabel(where, label, value, 'number') as number; break;
      case 'bv': e.vb = readLabel(where, label, value, 'boolean') as boolean; break;
      case 'ov': e.vlo = readLabel(where, label, value, 'string') as string; break;
      case 'sv': {
        const text = readLabel(where, label, value, 'string') as string;
        // "sv" holds strings and base64 opaque alike: the resource's type tells which
        const name = bn + (e.n ?? '');
        const path = parsePath(name, `${where}: name`);
        if (typeOf(path.slice(0, 3)) !== 'opaque') e.vs = text;
        else if (BASE64.test(text)) e.vd = Uint8Array.from(Buffer.from(text, 'base64'));
        else throw new Lwm2mCodecError(`${where}: "sv" of opaque ${name} is not base64`);
        break;
      }
      default:
        throw new Lwm2mCodecError(`${where}: unknown label "${label}"`);
    }
  }
  return e;
}

export function decodeLwm2mJsonRecords(bytes: Uint8Array, typeOf: TypeOf): Lwm2mRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Lwm2mCodecError(`${FORMAT}: the payload is not JSON`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Lwm2mCodecError(`${FORMAT}: the payload is not an object`);
  const { bn = '', bt, e } = doc as Record<string, unknown>;
  if (typeof bn !== 'string') throw new Lwm2mCodecError(`${FORMAT}: "bn" is not a string`);
  if (bt !== undefined && typeof bt !== 'number') throw new Lwm2mCodecError(`${FORMAT}: "bt" is not a number`);
  if (!Array.isArray(e)) throw new Lwm2mCodecError(`${FORMAT}: "e" is not an array`);
  const entries = e.map((item, i) => toEntry(item, i, bn, typeOf));
  if (bt !== undefined && entries[0]) entries[0].bt = bt;
  return entriesToRecords(entries, typeOf, FORMAT);
}

export function decodeLwm2mJson(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  return fromRecords(path, decodeLwm2mJsonRecords(bytes, typeOf), FORMAT);
}

export function encodeLwm2mJson(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  const bn = baseNameFor(path, node);
  const e = recordsToEntries(toRecords(path, node), bn, typeOf, FORMAT).map((s) => ({
    ...(s.n !== undefined ? { n: s.n } : {}),
    ...(s.v !== undefined ? { v: Number(s.v) } : {}), // JSON numbers are doubles
    ...(s.vs !== undefined ? { sv: s.vs } : {}),
    ...(s.vd !== undefined ? { sv: Buffer.from(s.vd).toString('base64') } : {}),
    ...(s.vb !== undefined ? { bv: s.vb } : {}),
    ...(s.vlo !== undefined ? { ov: s.vlo } : {}),
    ...(s.t !== undefined ? { t: s.t } : {}),
  }));
  return new TextEncoder().encode(JSON.stringify({ bn, e }));
}
