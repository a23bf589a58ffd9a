// An LwM2M device's registration as the API shows it (and the device-management side reads it).
// Pure: no Node code.
import { z } from 'zod';

export const Lwm2mVersion = z.enum(['1.0', '1.1']);
export type Lwm2mVersion = z.infer<typeof Lwm2mVersion>;

export const Lwm2mRegisteredObject = z.object({
  id: z.number().int(),
  // the ver= of the object's link; null: the version the client's LwM2M version implies (1.0)
  version: z.string().nullable(),
  // object instances the client announced, ascending
  instances: z.array(z.number().int()),
});
export type Lwm2mRegisteredObject = z.infer<typeof Lwm2mRegisteredObject>;

export const Lwm2mRegistrationView = z.object({
  uid: z.string(),
  // the id in the Location-Path (rd/{id}) the client updates and de-registers with
  registrationId: z.string(),
  // where the device's last request came from (its address behind NAT), where requests to it go
  peer: z.object({ address: z.string(), port: z.number().int() }),
  version: Lwm2mVersion,
  // as the client sent it (U, UQ, ...); queueMode also covers 1.1's separate Q parameter
  binding: z.string(),
  queueMode: z.boolean(),
  objects: z.array(Lwm2mRegisteredObject),
  // the alternate path of </...>;rt="oma.lwm2m", "/" when the client gave none
  rootPath: z.string(),
  // content formats the client announced with ct= (a hint for the request format)
  contentFormats: z.array(z.number().int()),
  lifetimeSec: z.number().int(),
  registeredAt: z.number(),
  updatedAt: z.number(),
  // when the registration ends unless the client updates it
  expiresAt: z.number(),
  // the device waits for an operator's approval: no device management until then
  pending: z.boolean(),
});
export type Lwm2mRegistrationView = z.infer<typeof Lwm2mRegistrationView>;
