// The codecs' TypeOf for one device, from the object models in the versions it registered with.
// Unknown resources are undefined (the codecs then infer or refuse); executables have no value type.
import type { Lwm2mPath, Lwm2mType, TypeOf } from '../../codecs/lwm2m/model.js';
import type { ModelRegistry, ObjectVersions } from '../models/registry.js';
import type { ObjectModel, ResourceModel } from '../models/types.js';

export function versionOf(versions: ObjectVersions | undefined, objectId: number): string | undefined {
  if (!versions) return undefined;
  if (versions instanceof Map) return versions.get(objectId);
  return (versions as Readonly<Record<number, string>>)[objectId];
}

export function objectModel(models: ModelRegistry, versions: ObjectVersions | undefined, objectId: number): ObjectModel | undefined {
  return models.modelFor(objectId, versionOf(versions, objectId));
}

export function resourceModel(models: ModelRegistry, versions: ObjectVersions | undefined, path: Lwm2mPath): ResourceModel | undefined {
  if (path.length < 3) return undefined;
  return models.resourceModel(path.slice(0, 3), versionOf(versions, path[0]!));
}

export function codecTypeOf(models: ModelRegistry, versions?: ObjectVersions): TypeOf {
  return (path) => {
    const type = resourceModel(models, versions, path)?.type;
    return type === undefined || type === 'none' ? undefined : (type satisfies Lwm2mType);
  };
}
