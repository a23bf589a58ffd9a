// Formats that carry one value (plain text, opaque, CBOR): only a resource or a resource instance.
import { Lwm2mCodecError, formatPath, type Lwm2mNode, type Lwm2mPath, type Lwm2mValue } from './model.js';
import { checkNodePath } from './records.js';

/** The node for one value at /o/i/r or /o/i/r/ri. */
export function singleNode(path: Lwm2mPath, value: Lwm2mValue, format: string): Lwm2mNode {
  if (path.length === 3) return { kind: 'resource', id: path[2]!, value };
  if (path.length === 4) return { kind: 'resourceInstance', id: path[3]!, value };
  throw new Lwm2mCodecError(`${format}: ${formatPath(path)} is not a resource or resource instance; ${format} holds one value`);
}

/** The one value of a resource or resource instance node. */
export function singleValue(path: Lwm2mPath, node: Lwm2mNode, format: string): Lwm2mValue {
  checkNodePath(path, node);
  if (node.kind === 'resource' || node.kind === 'resourceInstance') return node.value;
  throw new Lwm2mCodecError(`${format}: cannot hold a ${node.kind} (${formatPath(path)}); it holds one value`);
}
