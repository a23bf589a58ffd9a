// A small type table for the codec tests, copied by hand from the OMA object XML (objects 2, 3,
// 3303) plus object 9999 with one resource of every type. The product's table comes from the
// object model module; this one exists so codec tests need nothing else.
import type { Lwm2mPath, Lwm2mType, TypeOf } from './model.js';

const TABLE: Record<number, Record<number, Lwm2mType>> = {
  2: { 0: 'integer', 1: 'integer', 2: 'integer', 3: 'integer' },
  3: {
    0: 'string', 1: 'string', 2: 'string', 3: 'string', 6: 'integer', 7: 'integer', 8: 'integer', 9: 'integer',
    10: 'integer', 11: 'integer', 13: 'time', 14: 'string', 15: 'string', 16: 'string', 17: 'string', 18: 'string',
    19: 'string', 20: 'integer', 21: 'integer', 22: 'objlnk',
  },
  3303: { 5700: 'float', 5601: 'float', 5602: 'float', 5701: 'string', 5750: 'string', 5518: 'time' },
  9999: { 0: 'integer', 1: 'unsigned', 2: 'float', 3: 'boolean', 4: 'string', 5: 'opaque', 6: 'time', 7: 'objlnk', 8: 'corelnk' },
};

export const testTypes: TypeOf = (path: Lwm2mPath) => TABLE[path[0]!]?.[path[2]!];
