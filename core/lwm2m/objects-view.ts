// An LwM2M device's objects as the API shows them (contract/lwm2m-objects.ts): the objects of its
// registration (or of its last one while it is not registered), each with its model in the
// version the device registered, the values Outpost knows and the observations it holds.
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';
import type { Lwm2mObjectModel } from '../contract/lwm2m-models.js';
import type { Lwm2mRegisteredObject, Lwm2mRegistrationView } from '../contract/lwm2m-registration.js';
import type { ModelRegistry } from './models/registry.js';
import { toObservationView, type KnownValue, type ObservationRow } from './dm-store.js';

export interface ObjectsViewInput {
  registration: Lwm2mRegistrationView | undefined;
  /** the objects of the last registration, when there is none now */
  lastObjects: { objects: Lwm2mRegisteredObject[]; version: string } | undefined;
  models: ModelRegistry;
  values: KnownValue[];
  observations: ObservationRow[];
}

export function objectsView(input: ObjectsViewInput): Lwm2mDeviceObjects {
  const objects = input.registration?.objects ?? input.lastObjects?.objects ?? [];
  return {
    registration: input.registration ?? null,
    objects: objects.map((o) => ({
      id: o.id, version: o.version, instances: o.instances,
      model: modelView(input.models, o.id, o.version),
    })),
    values: input.values,
    observations: input.observations.map(toObservationView),
  };
}

/** The registry's model in the contract's (mutable) shape; the two shapes are kept equal by models/contract.test.ts. */
function modelView(models: ModelRegistry, id: number, version: string | null): Lwm2mObjectModel | null {
  const m = models.modelFor(id, version ?? undefined);
  return m ? { ...m, resources: m.resources.map((r) => ({ ...r })) } : null;
}
