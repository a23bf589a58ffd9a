// Nodes ↔ flat records (path → value). SenML is records on the wire, and telemetry is stored by
// path (/3303/0/5700), so both formats and storage meet here.
import {
  Lwm2mCodecError, formatPath, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type ObjectInstanceNode,
  type ResourceInstanceNode, type ResourceNode,
} from './model.js';

/** Throws unless `path` is where `node` sits: its depth matches the node's kind and ends in its id. */
export function checkNodePath(path: Lwm2mPath, node: Lwm2mNode): void {
  const depth = { object: 1, instance: 2, resource: 3, multiResource: 3, resourceInstance: 4 }[node.kind];
  if (path.length !== depth || path[depth - 1] !== node.id) {
    throw new Lwm2mCodecError(`path ${formatPath(path)} does not fit a ${node.kind} with id ${node.id}`);
  }
}

/** Every value of `node` (sitting at `path`) with its full path. */
export function toRecords(path: Lwm2mPath, node: Lwm2mNode): Lwm2mRecord[] {
  checkNodePath(path, node);
  const out: Lwm2mRecord[] = [];
  const walk = (p: Lwm2mPath, n: Lwm2mNode): void => {
    switch (n.kind) {
      case 'object': for (const i of n.instances) walk([...p, i.id], i); break;
      case 'instance': for (const r of n.resources) walk([...p, r.id], r); break;
      case 'multiResource': for (const ri of n.instances) walk([...p, ri.id], ri); break;
      case 'resource': case 'resourceInstance': out.push({ path: p, value: n.value }); break;
    }
  };
  walk(path, node);
  return out;
}

/**
 * The node at `path` holding `records`. A record one level below a resource makes it a
 * multi-instance resource. Records outside `path`, or shallower than a resource, are refused.
 */
export function fromRecords(path: Lwm2mPath, records: readonly Lwm2mRecord[], where: string): Lwm2mNode {
  if (path.length < 1 || path.length > 4) throw new Lwm2mCodecError(`${where}: cannot build a node at ${formatPath(path)}`);
  const instances = new Map<number, Map<number, ResourceNode>>();
  for (const r of records) {
    const full = formatPath(r.path);
    if (r.path.length < 3) throw new Lwm2mCodecError(`${where}: ${full} is not a resource path`);
    if (!path.every((id, i) => r.path[i] === id)) throw new Lwm2mCodecError(`${where}: ${full} is outside ${formatPath(path)}`);
    const [, instanceId, resourceId, riId] = r.path as [number, number, number, number?];
    let resources = instances.get(instanceId);
    if (!resources) instances.set(instanceId, (resources = new Map()));
    const existing = resources.get(resourceId);
    if (riId === undefined) {
      if (existing) throw new Lwm2mCodecError(`${where}: ${full} appears twice, or also as a multi-instance resource`);
      resources.set(resourceId, { kind: 'resource', id: resourceId, value: r.value });
    } else {
      if (existing?.kind === 'resource') throw new Lwm2mCodecError(`${where}: ${full} is both single and multi-instance`);
      const multi = existing ?? { kind: 'multiResource', id: resourceId, instances: [] };
      if (multi.instances.some((ri) => ri.id === riId)) throw new Lwm2mCodecError(`${where}: ${full} appears twice`);
      multi.instances.push({ kind: 'resourceInstance', id: riId, value: r.value });
      resources.set(resourceId, multi);
    }
  }
  const instanceNode = (id: number, resources: Map<number, ResourceNode> | undefined): ObjectInstanceNode =>
    ({ kind: 'instance', id, resources: [...(resources?.values() ?? [])] });
  const [objectId, instanceId, resourceId, riId] = path as [number, number?, number?, number?];
  if (instanceId === undefined) return { kind: 'object', id: objectId, instances: [...instances].map(([id, rs]) => instanceNode(id, rs)) };
  if (resourceId === undefined) return instanceNode(instanceId, instances.get(instanceId));
  const resource = instances.get(instanceId)?.get(resourceId);
  if (!resource) throw new Lwm2mCodecError(`${where}: no value for ${formatPath(path)}`);
  if (riId === undefined) return resource;
  const ri: ResourceInstanceNode | undefined = resource.kind === 'multiResource' ? resource.instances[0] : undefined;
  if (!ri) throw new Lwm2mCodecError(`${where}: no value for ${formatPath(path)}`);
  return ri;
}
