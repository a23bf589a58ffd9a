// One LwM2M value ↔ one CBOR data item, shared by the CBOR (60) and SenML CBOR (112) formats.
// cbor-x parses; these rules only map its items to LwM2M types.
import { Decoder, Encoder } from 'cbor-x';
import { Lwm2mCodecError, formatObjLnk, isObjLnk, parseObjLnk, type Lwm2mType, type Lwm2mValue } from './model.js';
import { checkValue, inferType, numberAs } from './values.js';

// Maps stay Maps (SenML CBOR keys are integers) and cbor-x's record extension stays off.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const encoder = new Encoder({ mapsAsObjects: false, useRecords: false });

/** cbor-x's decode, with every failure (truncated, invalid, trailing bytes) as Lwm2mCodecError. */
export function parseCbor(bytes: Uint8Array, where: string): unknown {
  if (bytes.length === 0) throw new Lwm2mCodecError(`${where}: empty payload`);
  try {
    return decoder.decode(bytes);
  } catch (e) {
    throw new Lwm2mCodecError(`${where}: invalid CBOR (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** A CBOR item's bytes, copied out of cbor-x's shared buffer (which later encodes may reuse). */
export function writeCbor(item: unknown): Uint8Array {
  return Uint8Array.from(encoder.encode(item));
}

/** A decoded CBOR item as a value of `type` (or of the type the item suggests when unknown). */
export function fromCborItem(item: unknown, type: Lwm2mType | undefined, where: string): Lwm2mValue {
  if (item instanceof Date) item = item.getTime() / 1000; // tag 1: epoch time
  if (typeof item === 'number' || typeof item === 'bigint') return numberAs(type ?? (typeof item === 'bigint' || Number.isInteger(item) ? 'integer' : 'float'), item, where);
  if (typeof item === 'boolean') return checkValue(type ?? 'boolean', item, where);
  if (typeof item === 'string') return type === 'objlnk' ? parseObjLnk(item, where) : checkValue(type ?? 'string', item, where);
  if (item instanceof Uint8Array) return checkValue(type ?? 'opaque', Uint8Array.from(item), where);
  throw new Lwm2mCodecError(`${where}: a CBOR ${item === null ? 'null' : Array.isArray(item) ? 'array' : typeof item} is not an LwM2M value`);
}

/** The CBOR item for a value: object links as "3:0" text, opaque as a byte string, time as plain seconds. */
export function toCborItem(value: Lwm2mValue, type: Lwm2mType | undefined, where: string): unknown {
  checkValue(type ?? inferType(value), value, where);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength); // a Uint8Array would get a typed-array tag
  if (typeof value === 'object' && isObjLnk(value)) return formatObjLnk(value);
  return value;
}
