// The device's values: object → instance → resource → value (or resource instance → value).
// Reads build codec nodes; writes from the server are checked against the object tables
// (exists: 4.04, writable: 4.05) before anything changes, and an object's hook may still refuse.
import { formatPath, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type Lwm2mType, type Lwm2mValue, type ObjectInstanceNode, type ResourceNode, type TypeOf } from '../../core/codecs/lwm2m/index.js';
import { OBJECTS } from './objects/index.js';
import { Refusal, type InitialValues, type ObjectDef, type ResourceDef, type StoredValue } from './objects/types.js';

type Resources = Map<number, StoredValue>;

const resourceIndex = new WeakMap<ObjectDef, Map<number, ResourceDef>>();

export function resourceDef(def: ObjectDef, id: number): ResourceDef | undefined {
  let index = resourceIndex.get(def);
  if (!index) resourceIndex.set(def, (index = new Map(def.resources.map((r) => [r.id, r]))));
  return index.get(id);
}

/** Types for the codecs, from the simulator's tables. */
export const typeOf: TypeOf = (path) => {
  const def = OBJECTS.get(path[0]!);
  return def && path.length >= 3 ? resourceDef(def, path[2]!)?.type : undefined;
};

export function typeAt(path: Lwm2mPath): Lwm2mType | undefined {
  return typeOf(path.slice(0, 3));
}

function toStored(v: Lwm2mValue | Lwm2mValue[]): StoredValue {
  return Array.isArray(v) ? new Map(v.map((x, i) => [i, x])) : v;
}

function resourceNode(id: number, v: StoredValue): ResourceNode {
  return v instanceof Map
    ? { kind: 'multiResource', id, instances: [...v].map(([ri, value]) => ({ kind: 'resourceInstance', id: ri, value })) }
    : { kind: 'resource', id, value: v };
}

export type ChangeListener = (path: Lwm2mPath) => void;

export class ObjectStore {
  private readonly data = new Map<number, Map<number, Resources>>();

  constructor(private readonly onChange: ChangeListener) {}

  load(def: ObjectDef, instances: Record<number, InitialValues>): void {
    const map = new Map<number, Resources>();
    for (const [id, values] of Object.entries(instances)) map.set(Number(id), this.resourcesFrom(values));
    this.data.set(def.id, map);
  }

  private resourcesFrom(values: InitialValues): Resources {
    return new Map(Object.entries(values).map(([r, v]) => [Number(r), toStored(v)]));
  }

  /** [objectId, instanceIds] of every object, in id order */
  objects(): [ObjectDef, number[]][] {
    return [...this.data].sort(([a], [b]) => a - b).map(([id, inst]) => [OBJECTS.get(id)!, [...inst.keys()].sort((a, b) => a - b)]);
  }

  instanceIds(objectId: number): number[] {
    return [...(this.data.get(objectId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  resourceIds(objectId: number, instanceId: number): number[] {
    return [...(this.data.get(objectId)?.get(instanceId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  get(path: Lwm2mPath): Lwm2mValue | undefined {
    const v = this.data.get(path[0]!)?.get(path[1]!)?.get(path[2]!);
    if (v instanceof Map) return path.length === 4 ? v.get(path[3]!) : undefined;
    return path.length === 3 ? v : undefined;
  }

  stored(path: Lwm2mPath): StoredValue | undefined {
    return this.data.get(path[0]!)?.get(path[1]!)?.get(path[2]!);
  }

  /** The device's own change (no permission check); observers hear of it. */
  set(path: Lwm2mPath, value: Lwm2mValue): void {
    const resources = this.data.get(path[0]!)?.get(path[1]!);
    if (!resources) return;
    if (path.length === 4) {
      let multi = resources.get(path[2]!);
      if (!(multi instanceof Map)) resources.set(path[2]!, (multi = new Map()));
      multi.set(path[3]!, value);
    } else {
      const old = resources.get(path[2]!);
      // a whole number written to a multi-instance resource resets it to one instance (Error Code)
      resources.set(path[2]!, old instanceof Map ? new Map([[0, value]]) : value);
    }
    this.onChange(path);
  }

  /** The object definition at path[0]; 4.04 when absent, 4.01 for one the server may not touch. */
  objectDef(path: Lwm2mPath): ObjectDef {
    const def = path.length > 0 ? OBJECTS.get(path[0]!) : undefined;
    if (!def || !this.data.has(def.id)) throw new Refusal('4.04', `no object ${formatPath(path.slice(0, 1))}`);
    if (def.hidden) throw new Refusal('4.01', `object ${def.id} (${def.name}) is not accessible`);
    return def;
  }

  private instance(path: Lwm2mPath): Resources {
    const resources = this.data.get(path[0]!)?.get(path[1]!);
    if (!resources) throw new Refusal('4.04', `no instance ${formatPath(path.slice(0, 2))}`);
    return resources;
  }

  /** The node a Read returns at `path`: only readable resources. */
  read(path: Lwm2mPath): Lwm2mNode {
    if (path.length === 0) throw new Refusal('4.05', 'Read of the root path is not allowed');
    const def = this.objectDef(path);
    const instanceNode = (id: number, resources: Resources): ObjectInstanceNode => ({
      kind: 'instance',
      id,
      resources: [...resources].sort(([a], [b]) => a - b)
        .filter(([r]) => resourceDef(def, r)?.ops.includes('R'))
        .map(([r, v]) => resourceNode(r, v)),
    });
    if (path.length === 1) {
      return { kind: 'object', id: def.id, instances: [...this.data.get(def.id)!].sort(([a], [b]) => a - b).map(([id, rs]) => instanceNode(id, rs)) };
    }
    const resources = this.instance(path);
    if (path.length === 2) return instanceNode(path[1]!, resources);
    const rdef = resourceDef(def, path[2]!);
    const value = resources.get(path[2]!);
    if (rdef && !rdef.ops.includes('R')) throw new Refusal('4.05', `${formatPath(path.slice(0, 3))} (${rdef.name}) is not readable`);
    if (!rdef || value === undefined) throw new Refusal('4.04', `no resource ${formatPath(path.slice(0, 3))}`);
    if (path.length === 3) return resourceNode(path[2]!, value);
    const ri = value instanceof Map ? value.get(path[3]!) : undefined;
    if (ri === undefined) throw new Refusal('4.04', `no resource instance ${formatPath(path)}`);
    return { kind: 'resourceInstance', id: path[3]!, value: ri };
  }

  /**
   * A server's Write of `node` (decoded at `path`): replace (PUT) or partial update (POST).
   * Checks everything first, then applies; returns the resource paths written.
   */
  write(path: Lwm2mPath, node: Lwm2mNode, replace: boolean): Lwm2mPath[] {
    const def = this.objectDef(path);
    if (path.length < 2) throw new Refusal('4.05', `Write on object ${formatPath(path)} is not allowed`);
    const resources = this.instance(path);
    const instanceId = path[1]!;
    const writes: ResourceNode[] = [];
    let riWrite: { id: number; ri: number; value: Lwm2mValue } | undefined;
    if (node.kind === 'instance') writes.push(...node.resources);
    else if (node.kind === 'resource' || node.kind === 'multiResource') writes.push(node);
    else if (node.kind === 'resourceInstance' && path.length === 4) riWrite = { id: path[2]!, ri: path[3]!, value: node.value };
    else throw new Refusal('4.00', `a ${node.kind} cannot be written at ${formatPath(path)}`);
    const check = (id: number, multi: boolean): void => {
      const rdef = resourceDef(def, id);
      const at = formatPath([def.id, instanceId, id]);
      if (!rdef) throw new Refusal('4.04', `no resource ${at}`);
      if (!rdef.ops.includes('W')) throw new Refusal('4.05', `${at} (${rdef.name}) is not writable`);
      if (Boolean(rdef.multiple) !== multi) throw new Refusal('4.00', `${at} is ${rdef.multiple ? '' : 'not '}a multi-instance resource`);
    };
    for (const w of writes) check(w.id, w.kind === 'multiResource');
    if (riWrite) check(riWrite.id, true);
    const written: Lwm2mPath[] = [];
    for (const w of writes) {
      if (w.kind === 'resource') resources.set(w.id, w.value);
      else {
        const old = resources.get(w.id);
        const merged = !replace && old instanceof Map ? new Map(old) : new Map<number, Lwm2mValue>();
        for (const ri of w.instances) merged.set(ri.id, ri.value);
        resources.set(w.id, merged);
      }
      written.push([def.id, instanceId, w.id]);
    }
    if (riWrite) {
      const old = resources.get(riWrite.id);
      resources.set(riWrite.id, new Map(old instanceof Map ? old : []).set(riWrite.ri, riWrite.value));
      written.push([def.id, instanceId, riWrite.id, riWrite.ri]);
    }
    for (const p of written) this.onChange(p);
    // callers run the objects' hooks; snapshot() undoes a write a hook refused
    return written;
  }

  /** A snapshot of one instance, to undo a write an object's hook refused. */
  snapshot(path: Lwm2mPath): () => void {
    const resources = this.data.get(path[0]!)?.get(path[1]!);
    if (!resources) return () => {};
    const copy = new Map([...resources].map(([k, v]) => [k, v instanceof Map ? new Map(v) : v]));
    return () => {
      resources.clear();
      for (const [k, v] of copy) resources.set(k, v);
    };
  }

  /** The lowest free instance id of an object. */
  nextInstanceId(objectId: number): number {
    const instances = this.data.get(objectId);
    let n = 0;
    while (instances?.has(n)) n++;
    return n;
  }

  /** Create: a new instance of a multi-instance object with its defaults; returns its id. */
  create(def: ObjectDef, instanceId: number | undefined): number {
    if (!def.multiple && this.instanceIds(def.id).length > 0) throw new Refusal('4.00', `object ${def.id} (${def.name}) has a single instance`);
    const instances = this.data.get(def.id)!;
    const id = instanceId ?? this.nextInstanceId(def.id);
    if (instances.has(id)) throw new Refusal('4.00', `instance /${def.id}/${id} exists`);
    instances.set(id, this.resourcesFrom(def.defaults?.() ?? {}));
    return id;
  }

  /** Creates the instance with its defaults, ignoring W permissions for the payload's resources. */
  fill(path: Lwm2mPath, records: readonly Lwm2mRecord[]): void {
    for (const r of records) {
      const def = OBJECTS.get(r.path[0]!)!;
      const rdef = resourceDef(def, r.path[2]!);
      if (!rdef) throw new Refusal('4.04', `no resource ${formatPath(r.path.slice(0, 3))} in object ${def.id}`);
      if (rdef.ops === 'E') throw new Refusal('4.00', `${formatPath(r.path)} is executable, it has no value`);
    }
    const resources = this.instance(path);
    for (const r of records) {
      if (r.path.length === 4) {
        const old = resources.get(r.path[2]!);
        resources.set(r.path[2]!, new Map(old instanceof Map ? old : []).set(r.path[3]!, r.value));
      } else resources.set(r.path[2]!, r.value);
    }
  }

  delete(path: Lwm2mPath): void {
    const def = this.objectDef(path);
    if (path.length !== 2) throw new Refusal('4.05', `Delete is for object instances, not ${formatPath(path)}`);
    this.instance(path);
    if (!def.multiple) throw new Refusal('4.05', `object ${def.id} (${def.name}) cannot lose its instance`);
    this.data.get(def.id)!.delete(path[1]!);
    this.onChange(path);
  }
}
