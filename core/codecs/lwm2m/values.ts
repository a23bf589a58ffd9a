// Checks that a value fits its LwM2M data type, shared by the encoders and the typed decoders.
import { Lwm2mCodecError, isId, isObjLnk, type Lwm2mPath, type Lwm2mType, type Lwm2mValue, type TypeOf } from './model.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The type a value has on its own, for resources the type table does not know. */
export function inferType(value: Lwm2mValue): Lwm2mType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'bigint') return value < 0n ? 'integer' : 'unsignedInteger';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (value instanceof Uint8Array) return 'opaque';
  return 'objlnk';
}

/** The resource's declared type, else what its value looks like. */
export function typeFor(typeOf: TypeOf, path: Lwm2mPath, value: Lwm2mValue): Lwm2mType {
  return typeOf(path.slice(0, 3)) ?? inferType(value);
}

/** A whole number as the model holds it: a number when safe, else a bigint. */
export function wholeNumber(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** A numeric value read from JSON or CBOR, as the resource's type wants it. */
export function numberAs(type: Lwm2mType, n: number | bigint, where: string): Lwm2mValue {
  if (type === 'float') return Number(n);
  if (type === 'integer' || type === 'unsignedInteger' || type === 'time') {
    if (typeof n === 'number' && !Number.isInteger(n)) throw new Lwm2mCodecError(`${where}: ${n} is not a whole number (${type})`);
    return checkValue(type, typeof n === 'bigint' ? wholeNumber(n) : n, where);
  }
  throw new Lwm2mCodecError(`${where}: a number where a ${type} is expected`);
}

/** Throws unless `value` is a valid `type` value; returns it for chaining. */
export function checkValue(type: Lwm2mType, value: Lwm2mValue, where: string): Lwm2mValue {
  const bad = (what: string): never => {
    throw new Lwm2mCodecError(`${where}: ${what} is not a valid ${type}`);
  };
  switch (type) {
    case 'integer':
    case 'time':
    case 'unsignedInteger': {
      if (typeof value !== 'number' && typeof value !== 'bigint') return bad(typeof value);
      if (typeof value === 'number' && !Number.isInteger(value)) return bad(String(value));
      const big = BigInt(value);
      const [min, max] = type === 'unsignedInteger' ? [0n, UINT64_MAX] : [INT64_MIN, INT64_MAX];
      if (big < min || big > max) return bad(String(value));
      return value;
    }
    case 'float':
      if (typeof value !== 'number') return bad(typeof value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return bad(typeof value);
      return value;
    case 'string':
    case 'corelnk':
      if (typeof value !== 'string') return bad(typeof value);
      return value;
    case 'opaque':
      if (!(value instanceof Uint8Array)) return bad(typeof value);
      return value;
    case 'objlnk':
      if (typeof value !== 'object' || !isObjLnk(value) || !isId(value.objectId) || !isId(value.instanceId)) return bad(String(value));
      return value;
  }
}
