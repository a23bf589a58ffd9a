// Values as people and the API give them (text, numbers, true/false) → LwM2M values of the
// resource's model type: "21.5" to a float is 21.5, "3:0" to an objlnk an object link, base64 to
// opaque bytes. A value that does not fit names the resource, its type and the value.
import { Lwm2mCodecError, formatPath, parseObjLnk, type Lwm2mPath, type Lwm2mType, type Lwm2mValue } from '../../codecs/lwm2m/model.js';
import { checkValue, wholeNumber } from '../../codecs/lwm2m/values.js';
import { DmRequestError } from './types.js';

export type InputScalar = string | number | boolean;

const INTEGER = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** "/3303/0/5700 (Sensor Value, float)" or "/9999/0/1 (unknown resource)" */
export function describe(path: Lwm2mPath, name: string | undefined, type: string | undefined): string {
  return `${formatPath(path)} (${name ?? 'unknown resource'}${type ? `, ${type}` : ''})`;
}

function shown(v: InputScalar): string {
  return typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : String(v);
}

/** `input` as a value of `type`; a DmRequestError('bad-value') naming `where` when it does not fit. */
export function toLwm2mValue(input: InputScalar, type: Lwm2mType, where: string): Lwm2mValue {
  const bad = (why = `is not a valid ${type}`): never => {
    throw new DmRequestError('bad-value', `${where}: ${shown(input)} ${why}`);
  };
  const text = typeof input === 'string' ? input.trim() : undefined;
  try {
    switch (type) {
      case 'integer': case 'unsignedInteger': {
        if (typeof input === 'number') return Number.isInteger(input) ? checkValue(type, input, where) : bad('is not a whole number');
        if (text !== undefined && INTEGER.test(text)) return checkValue(type, wholeNumber(BigInt(text)), where);
        return bad();
      }
      case 'float':
        if (typeof input === 'number') return Number.isFinite(input) ? input : bad();
        if (text !== undefined && FLOAT.test(text)) return Number(text);
        return bad();
      case 'boolean':
        if (typeof input === 'boolean') return input;
        if (input === 1 || text === '1' || text === 'true') return true;
        if (input === 0 || text === '0' || text === 'false') return false;
        return bad('is not true/false (or 1/0)');
      case 'time': {
        // seconds since 1970, or a date such as 2026-12-07T12:00:00Z
        if (typeof input === 'number') return Number.isInteger(input) ? checkValue(type, input, where) : bad('is not whole seconds since 1970');
        if (text !== undefined && INTEGER.test(text)) return checkValue(type, wholeNumber(BigInt(text)), where);
        const ms = text !== undefined && /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
        return Number.isNaN(ms) ? bad('is not seconds since 1970 or an ISO date') : Math.floor(ms / 1000);
      }
      case 'string': case 'corelnk':
        if (typeof input === 'string') return input;
        return typeof input === 'number' ? String(input) : bad();
      case 'objlnk':
        return text !== undefined ? parseObjLnk(text, where) : bad('is not an object link such as "3:0"');
      case 'opaque': {
        const compact = text?.replace(/\s+/g, '');
        if (compact !== undefined && BASE64.test(compact)) return Uint8Array.from(Buffer.from(compact, 'base64'));
        return bad('is not base64 (opaque values are written as base64)');
      }
    }
  } catch (e) {
    if (e instanceof Lwm2mCodecError) throw new DmRequestError('bad-value', e.message);
    throw e;
  }
}

/** The value type a resource the models do not know gets from its input (for text writes). */
export function inferInputType(input: InputScalar): Lwm2mType {
  if (typeof input === 'boolean') return 'boolean';
  if (typeof input === 'number') return Number.isInteger(input) ? 'integer' : 'float';
  return 'string';
}
