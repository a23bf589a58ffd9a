// LwM2M object models as the API will send them (object browser, Settings' DDF folder report).
// Same shape as core/lwm2m/models/types.ts; core/lwm2m/models/contract.test.ts keeps the two equal.
import { z } from 'zod';

export const Lwm2mResourceType = z.enum(['integer', 'unsignedInteger', 'float', 'boolean', 'string', 'opaque', 'time', 'objlnk', 'corelnk', 'none']);
export const Lwm2mOperations = z.enum(['R', 'W', 'RW', 'E', '']);

const Id = z.number().int().min(0).max(65535);
const Version = z.string().regex(/^\d{1,3}\.\d{1,3}$/);

export const Lwm2mResourceModel = z.object({
  id: Id,
  name: z.string().min(1),
  type: Lwm2mResourceType,
  operations: Lwm2mOperations,
  multiple: z.boolean(),
  mandatory: z.boolean(),
  units: z.string().optional(),
  range: z.string().optional(),
});
export type Lwm2mResourceModel = z.infer<typeof Lwm2mResourceModel>;

export const Lwm2mObjectModel = z.object({
  id: Id,
  name: z.string().min(1),
  version: Version,
  lwm2mVersion: Version,
  multiple: z.boolean(),
  mandatory: z.boolean(),
  resources: z.array(Lwm2mResourceModel),
  source: z.string(),
});
export type Lwm2mObjectModel = z.infer<typeof Lwm2mObjectModel>;
