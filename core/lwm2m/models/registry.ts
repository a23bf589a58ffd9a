// One place that answers "what is /3303/0/5700 for this device": the built-in table plus the
// user's DDF models. Built-ins win for an (object, version) both define, since the built-ins are
// tested against the registry; a user model adds unknown objects or other versions.
import { BUILTIN_MODELS } from './builtin/index.js';
import { parsePath, type PathLike } from './path.js';
import type { ObjectModel, ResourceModel, ResourceType } from './types.js';

/** Object versions a device registered with (`</3303>;ver=1.1` → 3303 → '1.1'). */
export type ObjectVersions = ReadonlyMap<number, string> | Readonly<Record<number, string>>;

/** What the TLV / SenML decoders need: the type of a resource path; unknown → 'opaque'. */
export type TypeOf = (path: PathLike) => ResourceType;

export interface ModelRegistry {
  /**
   * The model for an object in the version a device uses. No version means 1.0 (a registration
   * without `ver` is 1.0). An unknown minor version falls back to the nearest one of the same
   * major (minor versions only add resources); another major version is a different object.
   */
  modelFor(objectId: number, version?: string): ObjectModel | undefined;
  /** Versions known for an object, oldest first. */
  versionsOf(objectId: number): string[];
  /** Every known object id, ascending. */
  objectIds(): number[];
  resourceModel(path: PathLike, version?: string): ResourceModel | undefined;
  /** Type of /object/instance/resource[/resourceInstance]; undefined for unknown or shorter paths. */
  resourceType(path: PathLike, version?: string): ResourceType | undefined;
  /** A typeOf for one device, given the object versions it registered with. */
  typeOf(versions?: ObjectVersions): TypeOf;
}

export interface RegistryBuild {
  readonly registry: ModelRegistry;
  /** User models not used, with the reason (same object and version as a built-in, or as an earlier user model). */
  readonly ignored: string[];
}

export function createModelRegistry(
  userModels: readonly ObjectModel[] = [],
  builtins: readonly ObjectModel[] = BUILTIN_MODELS,
): RegistryBuild {
  const byObject = new Map<number, ObjectModel[]>();
  const ignored: string[] = [];
  const add = (model: ObjectModel): void => {
    const list = byObject.get(model.id) ?? [];
    const same = list.find((m) => m.version === model.version);
    if (same) {
      ignored.push(`${model.source}: object ${model.id} version ${model.version} is already defined by ${same.source}`);
      return;
    }
    list.push(model);
    list.sort((a, b) => compareVersions(a.version, b.version));
    byObject.set(model.id, list);
  };
  for (const model of builtins) add(model);
  for (const model of userModels) add(model);
  const resources = new Map<ObjectModel, Map<number, ResourceModel>>();
  const resourceIndex = (model: ObjectModel) => {
    let index = resources.get(model);
    if (!index) resources.set(model, (index = new Map(model.resources.map((r) => [r.id, r]))));
    return index;
  };

  // the registry never changes once built: each (object, version) is picked once, not per lookup
  const picked = new Map<number, Map<string, ObjectModel | undefined>>();
  const modelFor = (objectId: number, version = '1.0'): ObjectModel | undefined => {
    let versions = picked.get(objectId);
    if (versions?.has(version)) return versions.get(version);
    const list = byObject.get(objectId);
    const model = list && pickVersion(list, version);
    if (!versions) picked.set(objectId, (versions = new Map()));
    // bounded: versions come from devices' registrations
    if (versions.size > 64) versions.clear();
    versions.set(version, model);
    return model;
  };
  const resourceModel = (path: PathLike, version?: string): ResourceModel | undefined => {
    const ids = parsePath(path);
    if (!ids || ids.length < 3) return undefined;
    const model = modelFor(ids[0]!, version);
    return model && resourceIndex(model).get(ids[2]!);
  };
  const registry: ModelRegistry = {
    modelFor,
    versionsOf: (objectId) => (byObject.get(objectId) ?? []).map((m) => m.version),
    objectIds: () => [...byObject.keys()].sort((a, b) => a - b),
    resourceModel,
    resourceType: (path, version) => resourceModel(path, version)?.type,
    typeOf: (versions) => (path) => {
      const objectId = parsePath(path)?.[0];
      const version = objectId === undefined ? undefined : versionIn(versions, objectId);
      return resourceModel(path, version)?.type ?? 'opaque';
    },
  };
  return { registry, ignored };
}

function versionIn(versions: ObjectVersions | undefined, objectId: number): string | undefined {
  if (!versions) return undefined;
  if (versions instanceof Map) return versions.get(objectId);
  return (versions as Readonly<Record<number, string>>)[objectId];
}

/** Exact version, else the highest lower minor of the same major, else the lowest higher one. */
function pickVersion(list: readonly ObjectModel[], version: string): ObjectModel | undefined {
  const exact = list.find((m) => m.version === version);
  if (exact) return exact;
  const want = splitVersion(version);
  if (!want) return undefined;
  const sameMajor = list.filter((m) => splitVersion(m.version)?.[0] === want[0]);
  const lower = sameMajor.filter((m) => compareVersions(m.version, version) < 0);
  return lower.at(-1) ?? sameMajor[0];
}

function splitVersion(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = splitVersion(a) ?? [];
  const [bm = 0, bn = 0] = splitVersion(b) ?? [];
  return am - bm || an - bn;
}
