// Opaque (content format 42): the payload is the value's bytes, for opaque resources such as a
// firmware package (/5/0/0).
import { Lwm2mCodecError, formatPath, type Lwm2mNode, type Lwm2mPath, type TypeOf } from './model.js';
import { singleNode, singleValue } from './single.js';

function checkOpaque(path: Lwm2mPath, typeOf: TypeOf): void {
  const type = path.length >= 3 ? typeOf(path.slice(0, 3)) : undefined;
  if (type !== undefined && type !== 'opaque') throw new Lwm2mCodecError(`opaque: ${formatPath(path)} is a ${type} resource, not opaque`);
}

export function decodeOpaque(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  checkOpaque(path, typeOf);
  return singleNode(path, bytes.slice(), 'opaque');
}

export function encodeOpaque(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  checkOpaque(path, typeOf);
  const value = singleValue(path, node, 'opaque');
  if (!(value instanceof Uint8Array)) throw new Lwm2mCodecError(`opaque: ${formatPath(path)} holds a ${typeof value}, not bytes`);
  return value;
}
