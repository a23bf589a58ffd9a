// An LwM2M device's objects as the API shows them: what it registered, named by the models, with
// the last value Outpost knows of each resource and the observations it holds. Pure: no Node code.
import { z } from 'zod';
import { Lwm2mObjectModel, Lwm2mResourceType } from './lwm2m-models.js';
import { Lwm2mRegistrationView } from './lwm2m-registration.js';

// a resource's value as JSON: opaque as base64 text, objlnk as "3:0", time as seconds
export const Lwm2mJsonValue = z.union([z.number(), z.string(), z.boolean()]);

export const Lwm2mKnownValue = z.object({
  // '/3303/0/5700', or '/3/0/11/0' for a resource instance
  path: z.string(),
  value: Lwm2mJsonValue,
  type: Lwm2mResourceType,
  // the device's time (SenML) or when Outpost received it
  at: z.number(),
  // how Outpost learned it
  source: z.enum(['read', 'write', 'notify', 'send']),
});
export type Lwm2mKnownValue = z.infer<typeof Lwm2mKnownValue>;

export const Lwm2mObservationView = z.object({
  // one path, or several for an Observe-Composite
  paths: z.array(z.string()).min(1),
  since: z.number(),
  // 'active': the device sends notifications; 'pending': set again once the device registers (or wakes)
  state: z.enum(['active', 'pending']),
  lastNotificationAt: z.number().nullable(),
});
export type Lwm2mObservationView = z.infer<typeof Lwm2mObservationView>;

export const Lwm2mObjectView = z.object({
  id: z.number().int(),
  // the version the device registered (null: the LwM2M version's default)
  version: z.string().nullable(),
  instances: z.array(z.number().int()),
  // the matching definition, or null when Outpost has none (add a DDF folder in Settings)
  model: Lwm2mObjectModel.nullable(),
});
export type Lwm2mObjectView = z.infer<typeof Lwm2mObjectView>;

export const Lwm2mDeviceObjects = z.object({
  // null when the device is not registered now (objects then come from its last registration)
  registration: Lwm2mRegistrationView.nullable(),
  objects: z.array(Lwm2mObjectView),
  values: z.array(Lwm2mKnownValue),
  observations: z.array(Lwm2mObservationView),
});
export type Lwm2mDeviceObjects = z.infer<typeof Lwm2mDeviceObjects>;
