// Plain text (content format 0, TS Core §7.4.1): one value as UTF-8 text. Numbers in decimal,
// booleans "0"/"1", time as integer seconds, object links "3:0", opaque as base64.
import { Lwm2mCodecError, formatObjLnk, formatPath, parseObjLnk, type Lwm2mNode, type Lwm2mPath, type Lwm2mValue, type ObjLnk, type TypeOf } from './model.js';
import { singleNode, singleValue } from './single.js';
import { checkValue, typeFor, wholeNumber } from './values.js';

const INTEGER = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeText(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  const where = `text: ${formatPath(path)}`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Lwm2mCodecError(`${where}: the payload is not UTF-8`);
  }
  const type = path.length >= 3 ? typeOf(path.slice(0, 3)) : undefined;
  const bad = (): never => {
    throw new Lwm2mCodecError(`${where}: "${text.slice(0, 40)}" is not a valid ${type}`);
  };
  let value: Lwm2mValue;
  switch (type) {
    case 'integer': case 'unsignedInteger': case 'time':
      value = INTEGER.test(text) ? checkValue(type, wholeNumber(BigInt(text)), where) : bad();
      break;
    case 'float':
      value = FLOAT.test(text) ? Number(text) : bad();
      break;
    case 'boolean':
      value = text === '1' ? true : text === '0' ? false : bad();
      break;
    case 'objlnk':
      value = parseObjLnk(text, where);
      break;
    case 'opaque': {
      const compact = text.replace(/\s+/g, '');
      value = BASE64.test(compact) ? Uint8Array.from(Buffer.from(compact, 'base64')) : bad();
      break;
    }
    default: // string, corelnk, or a resource the table does not know
      value = text;
  }
  return singleNode(path, value, 'text');
}

export function encodeText(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  const value = singleValue(path, node, 'text');
  const type = typeFor(typeOf, path, value);
  checkValue(type, value, `text: ${formatPath(path)}`);
  let text: string;
  switch (type) {
    case 'boolean': text = value ? '1' : '0'; break;
    case 'objlnk': text = formatObjLnk(value as ObjLnk); break;
    case 'opaque': text = Buffer.from(value as Uint8Array).toString('base64'); break;
    default: text = String(value); // numbers (a bigint prints without "n"), strings
  }
  return new TextEncoder().encode(text);
}
