// CBOR (content format 60, TS Core 1.2 §7.4.6): one resource or resource instance value as a CBOR item.
import { formatPath, type Lwm2mNode, type Lwm2mPath, type TypeOf } from './model.js';
import { fromCborItem, parseCbor, toCborItem, writeCbor } from './cbor-values.js';
import { singleNode, singleValue } from './single.js';

export function decodeCbor(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  const where = `CBOR: ${formatPath(path)}`;
  const item = parseCbor(bytes, where);
  const type = path.length >= 3 ? typeOf(path.slice(0, 3)) : undefined;
  return singleNode(path, fromCborItem(item, type, where), 'CBOR');
}

export function encodeCbor(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  const value = singleValue(path, node, 'CBOR');
  return writeCbor(toCborItem(value, typeOf(path.slice(0, 3)), `CBOR: ${formatPath(path)}`));
}
