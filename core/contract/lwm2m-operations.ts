// LwM2M device-management operations (TS Core: Device Management and Information Reporting interfaces) as operation kinds: their argument
// schemas, shared by core (validation, the LwM2M adapter), the renderer (forms) and the simulator.
// Pure zod. Paths are text ("/3/0/1") so they read the same in forms, history and the API.
import { z } from 'zod';

const ID = '(?:0|[1-9][0-9]{0,4})';
const PATH = new RegExp(`^(?:/${ID}){1,4}$`);

/** Levels of a path: 1 object, 2 object instance, 3 resource, 4 resource instance. */
export function lwm2mPathDepth(path: string): number {
  return path.split('/').length - 1;
}

const LEVEL_NAMES = ['', 'an object path such as /3', 'an object instance path such as /3/0', 'a resource path such as /3/0/1', 'a resource instance path such as /3/0/7/0'];

/** "/3/0/1": 1 to 4 ids in 0..65535; `depths` narrows which levels the operation takes. */
export function lwm2mPath(depths: readonly number[] = [1, 2, 3, 4]) {
  const what = depths.map((d) => LEVEL_NAMES[d]).join(' or ');
  return z.string().trim().max(30)
    .regex(PATH, `an LwM2M path such as /3/0/1 (1 to 4 ids, each 0..65535)`)
    .refine((p) => p.split('/').slice(1).every((id) => Number(id) <= 65535), 'each id of the path is at most 65535')
    .refine((p) => depths.includes(lwm2mPathDepth(p)), `${what}`);
}

const isId = (k: string): boolean => /^(0|[1-9][0-9]{0,4})$/.test(k) && Number(k) <= 65535;
/** {id: item} with keys that are ids 0..65535, at least one; the bad key is named. */
function byId<T extends z.ZodType>(item: T, what: string) {
  return z.record(z.string(), item).superRefine((v, ctx) => {
    const keys = Object.keys(v);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: `at least one ${what}` });
    for (const k of keys) if (!isId(k)) ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" is not a ${what} id 0..65535` });
  });
}
/**
 * A value as a person or the API gives it; the adapter converts it to the resource's model type:
 * numbers for integer/float/time (time also as an ISO date), true/false, text, "3:0" for an object
 * link, base64 for opaque.
 */
export const Lwm2mScalar = z.union([z.string().max(4096), z.number(), z.boolean()]);
/** A multi-instance resource's values: {resourceInstanceId: value}. */
export const Lwm2mInstances = byId(Lwm2mScalar, 'resource instance');
export const Lwm2mResourceValue = z.union([Lwm2mScalar, Lwm2mInstances]);
/** An object instance's values: {resourceId: value or {resourceInstanceId: value}}. */
export const Lwm2mInstanceValues = byId(Lwm2mResourceValue, 'resource');

const Seconds = z.number().int().min(0).max(4294967295).nullable().optional();
const Threshold = z.number().finite().nullable().optional();
const ResourcePath = lwm2mPath([3, 4]);
const Paths = z.array(lwm2mPath()).min(1, 'at least one path').max(64);

export const lwm2mOperationArgs = {
  'lwm2m.read': z.object({ path: lwm2mPath() }),
  // a resource (or resource instance) takes `value`, an object instance `values`
  'lwm2m.write': z.object({
    path: lwm2mPath([2, 3, 4]),
    value: Lwm2mResourceValue.optional(),
    values: Lwm2mInstanceValues.optional(),
    mode: z.enum(['replace', 'update']).optional(),
  })
    .refine((a) => a.value !== undefined || a.values !== undefined, 'give "value" (for a resource) or "values" (for an object instance)')
    .refine((a) => a.value === undefined || a.values === undefined, 'give "value" or "values", not both')
    .refine((a) => a.values === undefined || lwm2mPathDepth(a.path) === 2, { path: ['values'], message: '"values" is for an object instance path such as /3/0; a resource takes "value"' })
    .refine((a) => a.value === undefined || lwm2mPathDepth(a.path) >= 3, { path: ['value'], message: '"value" is for a resource path such as /3/0/1; an object instance takes "values"' })
    .refine((a) => !(lwm2mPathDepth(a.path) === 4 && typeof a.value === 'object'), { path: ['value'], message: 'a resource instance takes one value' }),
  'lwm2m.execute': z.object({ path: lwm2mPath([3]), args: z.string().max(1024).optional() }),
  'lwm2m.discover': z.object({ path: lwm2mPath([1, 2, 3]) }),
  'lwm2m.create': z.object({ path: lwm2mPath([1]), instanceId: z.number().int().min(0).max(65534).optional(), values: Lwm2mInstanceValues }),
  'lwm2m.delete': z.object({ path: lwm2mPath([2]) }),
  // null clears an attribute; absent leaves it as it is
  'lwm2m.write-attributes': z.object({ path: lwm2mPath(), pmin: Seconds, pmax: Seconds, gt: Threshold, lt: Threshold, st: z.number().finite().min(0).nullable().optional(), epmin: Seconds, epmax: Seconds })
    .refine((a) => ['pmin', 'pmax', 'gt', 'lt', 'st', 'epmin', 'epmax'].some((k) => a[k as keyof typeof a] !== undefined), 'give at least one of pmin, pmax, gt, lt, st, epmin, epmax'),
  'lwm2m.observe': z.object({ path: lwm2mPath() }),
  'lwm2m.cancel-observe': z.object({ path: lwm2mPath() }),
  'lwm2m.read-composite': z.object({ paths: Paths }),
  'lwm2m.observe-composite': z.object({ paths: Paths }),
  // the same paths as the Observe-Composite it ends
  'lwm2m.cancel-observe-composite': z.object({ paths: Paths }),
  'lwm2m.write-composite': z.object({
    values: z.record(z.string(), Lwm2mScalar).superRefine((v, ctx) => {
      if (Object.keys(v).length === 0) ctx.addIssue({ code: 'custom', message: 'at least one value' });
      for (const k of Object.keys(v)) {
        const r = ResourcePath.safeParse(k);
        if (!r.success) ctx.addIssue({ code: 'custom', path: [k], message: `"${k}": ${r.error.issues[0]!.message}` });
      }
    }),
  }),
} as const;

export type Lwm2mOperationKind = keyof typeof lwm2mOperationArgs;
export const lwm2mOperationKinds = Object.keys(lwm2mOperationArgs) as Lwm2mOperationKind[];
export type Lwm2mArgsOf<K extends Lwm2mOperationKind> = z.infer<(typeof lwm2mOperationArgs)[K]>;

export function isLwm2mKind(kind: string): kind is Lwm2mOperationKind {
  return Object.hasOwn(lwm2mOperationArgs, kind);
}

export const LWM2M_KIND_LABEL: Record<Lwm2mOperationKind, string> = {
  'lwm2m.read': 'LwM2M Read',
  'lwm2m.write': 'LwM2M Write',
  'lwm2m.execute': 'LwM2M Execute',
  'lwm2m.discover': 'LwM2M Discover',
  'lwm2m.create': 'LwM2M Create',
  'lwm2m.delete': 'LwM2M Delete',
  'lwm2m.write-attributes': 'LwM2M Write-Attributes',
  'lwm2m.observe': 'LwM2M Observe',
  'lwm2m.cancel-observe': 'LwM2M Cancel observation',
  'lwm2m.read-composite': 'LwM2M Read-Composite',
  'lwm2m.observe-composite': 'LwM2M Observe-Composite',
  'lwm2m.cancel-observe-composite': 'LwM2M Cancel composite observation',
  'lwm2m.write-composite': 'LwM2M Write-Composite',
};
