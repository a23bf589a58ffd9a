// OMA TLV (content format 11542, LwM2M TS Core §7.4.3). Each entry: a type byte (bits 7-6 kind,
// bit 5 = 16-bit id, bits 4-3 = size of the length field, bits 2-0 = length when that size is 0),
// the id, the length, the value. Kinds nest: object instance > multiple resource > resource instance.
import {
  Lwm2mCodecError, formatPath, type Lwm2mNode, type Lwm2mPath, type Lwm2mType, type Lwm2mValue,
  type ObjLnk, type ObjectInstanceNode, type ResourceInstanceNode, type ResourceNode, type TypeOf,
} from './model.js';
import { checkNodePath } from './records.js';
import { checkValue, typeFor, wholeNumber } from './values.js';

const enum Kind { Instance = 0, ResourceInstance = 1, MultiResource = 2, Resource = 3 }
const KIND_NAME = ['object instance', 'resource instance', 'multiple resource', 'resource'] as const;

interface Entry { kind: Kind; id: number; value: Uint8Array }

/** The entries of one TLV level, each value a view into `bytes` (nothing is allocated from a length). */
function readEntries(bytes: Uint8Array, where: string): Entry[] {
  const entries: Entry[] = [];
  let i = 0;
  const need = (n: number, what: string): void => {
    if (i + n > bytes.length) throw new Lwm2mCodecError(`TLV: ${where}: ${what} needs ${n} bytes but only ${bytes.length - i} remain`);
  };
  while (i < bytes.length) {
    const type = bytes[i++]!;
    const kind = (type >> 6) as Kind;
    const idBytes = type & 0x20 ? 2 : 1;
    need(idBytes, `the id of a ${KIND_NAME[kind]}`);
    const id = idBytes === 2 ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
    i += idBytes;
    const lengthBytes = (type >> 3) & 0x03;
    const name = `${KIND_NAME[kind]} ${id}`;
    need(lengthBytes, `the length of ${name}`);
    let length = lengthBytes === 0 ? type & 0x07 : 0;
    for (let k = 0; k < lengthBytes; k++) length = length * 256 + bytes[i++]!;
    if (i + length > bytes.length) throw new Lwm2mCodecError(`TLV: ${where}: ${name} says ${length} bytes but only ${bytes.length - i} remain`);
    entries.push({ kind, id, value: bytes.subarray(i, i + length) });
    i += length;
  }
  return entries;
}

function decodeValue(v: Uint8Array, type: Lwm2mType | undefined, path: Lwm2mPath): Lwm2mValue {
  const where = `TLV: ${formatPath(path)}`;
  const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
  const widths = (allowed: number[]): void => {
    if (!allowed.includes(v.length)) throw new Lwm2mCodecError(`${where}: ${type} of ${v.length} bytes (expected ${allowed.join(', ')})`);
  };
  switch (type) {
    case 'integer':
    case 'time':
      widths([1, 2, 4, 8]);
      return v.length === 1 ? view.getInt8(0) : v.length === 2 ? view.getInt16(0) : v.length === 4 ? view.getInt32(0) : wholeNumber(view.getBigInt64(0));
    case 'unsignedInteger':
      widths([1, 2, 4, 8]);
      return v.length === 1 ? view.getUint8(0) : v.length === 2 ? view.getUint16(0) : v.length === 4 ? view.getUint32(0) : wholeNumber(view.getBigUint64(0));
    case 'float':
      widths([4, 8]);
      return v.length === 4 ? view.getFloat32(0) : view.getFloat64(0);
    case 'boolean':
      widths([1]);
      if (v[0]! > 1) throw new Lwm2mCodecError(`${where}: boolean byte ${v[0]} is neither 0 nor 1`);
      return v[0] === 1;
    case 'objlnk':
      widths([4]);
      return { objectId: view.getUint16(0), instanceId: view.getUint16(2) } satisfies ObjLnk;
    case 'string':
    case 'corelnk':
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(v);
      } catch {
        throw new Lwm2mCodecError(`${where}: ${type} that is not UTF-8`);
      }
    case 'opaque':
    case undefined: // unknown resources are kept as their bytes
      return v.slice();
  }
}

function decodeResource(e: Entry, path: Lwm2mPath, typeOf: TypeOf): ResourceNode {
  const p = [...path, e.id];
  if (e.kind === Kind.Resource) return { kind: 'resource', id: e.id, value: decodeValue(e.value, typeOf(p), p) };
  if (e.kind !== Kind.MultiResource) throw new Lwm2mCodecError(`TLV: ${formatPath(p)}: a ${KIND_NAME[e.kind]} where a resource is expected`);
  return { kind: 'multiResource', id: e.id, instances: readEntries(e.value, formatPath(p)).map((ri) => decodeResourceInstance(ri, p, typeOf)) };
}

function decodeResourceInstance(e: Entry, resourcePath: Lwm2mPath, typeOf: TypeOf): ResourceInstanceNode {
  const p = [...resourcePath, e.id];
  if (e.kind !== Kind.ResourceInstance) throw new Lwm2mCodecError(`TLV: ${formatPath(p)}: a ${KIND_NAME[e.kind]} where a resource instance is expected`);
  return { kind: 'resourceInstance', id: e.id, value: decodeValue(e.value, typeOf(resourcePath), p) };
}

function decodeInstance(e: Entry, objectPath: Lwm2mPath, typeOf: TypeOf): ObjectInstanceNode {
  const p = [...objectPath, e.id];
  if (e.kind !== Kind.Instance) throw new Lwm2mCodecError(`TLV: ${formatPath(p)}: a ${KIND_NAME[e.kind]} where an object instance is expected`);
  return { kind: 'instance', id: e.id, resources: readEntries(e.value, formatPath(p)).map((r) => decodeResource(r, p, typeOf)) };
}

/** Decodes a TLV payload that answers a request on `path` (/o, /o/i, /o/i/r or /o/i/r/ri). */
export function decodeTlv(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  const entries = readEntries(bytes, formatPath(path));
  const where = `TLV: ${formatPath(path)}`;
  const only = (): Entry => {
    if (entries.length !== 1) throw new Lwm2mCodecError(`${where}: expected one entry, found ${entries.length}`);
    if (entries[0]!.id !== path.at(-1)) throw new Lwm2mCodecError(`${where}: the payload is for id ${entries[0]!.id}`);
    return entries[0]!;
  };
  switch (path.length) {
    case 1:
      return { kind: 'object', id: path[0]!, instances: entries.map((e) => decodeInstance(e, path, typeOf)) };
    case 2: {
      // an instance comes either wrapped in its object instance entry or as its resources alone
      if (entries.length === 1 && entries[0]!.kind === Kind.Instance) return decodeInstance(only(), path.slice(0, 1), typeOf);
      return { kind: 'instance', id: path[1]!, resources: entries.map((e) => decodeResource(e, path, typeOf)) };
    }
    case 3:
      return decodeResource(only(), path.slice(0, 2), typeOf);
    case 4:
      return decodeResourceInstance(only(), path.slice(0, 3), typeOf);
    default:
      throw new Lwm2mCodecError(`${where}: TLV needs a path of 1 to 4 levels`);
  }
}

function encodeValue(value: Lwm2mValue, type: Lwm2mType, path: Lwm2mPath): Uint8Array {
  checkValue(type, value, `TLV: ${formatPath(path)}`);
  const sized = (n: number, write: (v: DataView) => void): Uint8Array => {
    const out = new Uint8Array(n);
    write(new DataView(out.buffer));
    return out;
  };
  switch (type) {
    case 'integer':
    case 'time': {
      const n = BigInt(value as number | bigint); // the smallest of 1, 2, 4, 8 bytes that holds it
      if (n >= -128n && n <= 127n) return sized(1, (d) => d.setInt8(0, Number(n)));
      if (n >= -32768n && n <= 32767n) return sized(2, (d) => d.setInt16(0, Number(n)));
      if (n >= -2147483648n && n <= 2147483647n) return sized(4, (d) => d.setInt32(0, Number(n)));
      return sized(8, (d) => d.setBigInt64(0, n));
    }
    case 'unsignedInteger': {
      const n = BigInt(value as number | bigint);
      if (n <= 0xffn) return sized(1, (d) => d.setUint8(0, Number(n)));
      if (n <= 0xffffn) return sized(2, (d) => d.setUint16(0, Number(n)));
      if (n <= 0xffffffffn) return sized(4, (d) => d.setUint32(0, Number(n)));
      return sized(8, (d) => d.setBigUint64(0, n));
    }
    case 'float': {
      const f = value as number; // 4 bytes when they hold the value exactly, else 8
      return Math.fround(f) === f ? sized(4, (d) => d.setFloat32(0, f)) : sized(8, (d) => d.setFloat64(0, f));
    }
    case 'boolean':
      return Uint8Array.of(value ? 1 : 0);
    case 'objlnk': {
      const l = value as ObjLnk;
      return sized(4, (d) => { d.setUint16(0, l.objectId); d.setUint16(2, l.instanceId); });
    }
    case 'string':
    case 'corelnk':
      return new TextEncoder().encode(value as string);
    case 'opaque':
      return value as Uint8Array;
  }
}

function entry(kind: Kind, id: number, value: Uint8Array): Uint8Array {
  const len = value.length;
  if (len > 0xffffff) throw new Lwm2mCodecError(`TLV: ${KIND_NAME[kind]} ${id} is ${len} bytes, more than TLV's 16 MB`);
  const idBytes = id > 0xff ? 2 : 1;
  const lengthBytes = len < 8 ? 0 : len <= 0xff ? 1 : len <= 0xffff ? 2 : 3;
  const out = new Uint8Array(1 + idBytes + lengthBytes + len);
  out[0] = (kind << 6) | (idBytes === 2 ? 0x20 : 0) | (lengthBytes << 3) | (lengthBytes === 0 ? len : 0);
  let i = 1;
  if (idBytes === 2) out[i++] = id >> 8;
  out[i++] = id & 0xff;
  for (let k = lengthBytes - 1; k >= 0; k--) out[i++] = (len >> (8 * k)) & 0xff;
  out.set(value, i);
  return out;
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) { out.set(p, i); i += p.length; }
  return out;
};

function encodeNode(node: Lwm2mNode, path: Lwm2mPath, typeOf: TypeOf, wrapInstances = true): Uint8Array {
  switch (node.kind) {
    case 'object':
      return concat(node.instances.map((i) => encodeNode(i, [...path, i.id], typeOf)));
    case 'instance': {
      const resources = concat(node.resources.map((r) => encodeNode(r, [...path, r.id], typeOf)));
      // wrapped in its own entry inside an object; alone, as its resources (the decoder takes both)
      return wrapInstances ? entry(Kind.Instance, node.id, resources) : resources;
    }
    case 'multiResource':
      return entry(Kind.MultiResource, node.id, concat(node.instances.map((ri) => encodeNode(ri, [...path, ri.id], typeOf))));
    case 'resource':
      return entry(Kind.Resource, node.id, encodeValue(node.value, typeFor(typeOf, path, node.value), path));
    case 'resourceInstance':
      return entry(Kind.ResourceInstance, node.id, encodeValue(node.value, typeFor(typeOf, path, node.value), path));
  }
}

/**
 * Encodes `node`, which sits at `path`. An object's instances are wrapped in instance entries; an
 * object instance on its own path is written as its resources (as a Write on /o/i carries them).
 */
export function encodeTlv(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  checkNodePath(path, node);
  return encodeNode(node, path, typeOf, node.kind !== 'instance');
}
