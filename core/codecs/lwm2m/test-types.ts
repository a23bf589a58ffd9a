// A small type table for the codec tests, copied by hand from the OMA object XML (objects 2, 3,
// 3303) plus object 9999 with one resource of every type. The product's table comes from the
// object model module; this one exists so codec tests need nothing else.
import type { Lwm2mPath, Lwm2mType, Lwm2mValue, ObjectInstanceNode, TypeOf } from './model.js';

const TABLE: Record<number, Record<number, Lwm2mType>> = {
  2: { 0: 'integer', 1: 'integer', 2: 'integer', 3: 'integer' },
  3: {
    0: 'string', 1: 'string', 2: 'string', 3: 'string', 6: 'integer', 7: 'integer', 8: 'integer', 9: 'integer',
    10: 'integer', 11: 'integer', 13: 'time', 14: 'string', 15: 'string', 16: 'string', 17: 'string', 18: 'string',
    19: 'string', 20: 'integer', 21: 'integer', 22: 'objlnk',
  },
  3303: { 5700: 'float', 5601: 'float', 5602: 'float', 5701: 'string', 5750: 'string', 5518: 'time' },
  9999: { 0: 'integer', 1: 'unsignedInteger', 2: 'float', 3: 'boolean', 4: 'string', 5: 'opaque', 6: 'time', 7: 'objlnk', 8: 'corelnk' },
};

export const testTypes: TypeOf = (path: Lwm2mPath) => TABLE[path[0]!]?.[path[2]!];

export const ri = (id: number, value: Lwm2mValue) => ({ kind: 'resourceInstance' as const, id, value });
export const res = (id: number, value: Lwm2mValue) => ({ kind: 'resource' as const, id, value });
export const multi = (id: number, values: Record<number, Lwm2mValue>) =>
  ({ kind: 'multiResource' as const, id, instances: Object.entries(values).map(([k, v]) => ri(Number(k), v)) });

/** The Device object instance of the spec's examples (TS Core §7.4). */
export const DEVICE_0: ObjectInstanceNode = {
  kind: 'instance' as const, id: 0, resources: [
    res(0, 'Open Mobile Alliance'), res(1, 'Lightweight M2M Client'), res(2, '345000123'), res(3, '1.0'),
    multi(6, { 0: 1, 1: 5 }), multi(7, { 0: 3800, 1: 5000 }), multi(8, { 0: 125, 1: 900 }),
    res(9, 100), res(10, 15), multi(11, { 0: 0 }), res(13, 1367491215), res(14, '+02:00'), res(16, 'U'),
  ],
};
