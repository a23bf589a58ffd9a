// LwM2M values as JSON and telemetry hold them: numbers and booleans as they are, integers beyond
// 2^53 as decimal text (JSON has no bigints), object links as "3:0", opaque as base64.
import { formatObjLnk, isObjLnk, type Lwm2mValue } from '../../codecs/lwm2m/model.js';

export type PlainValue = number | string | boolean;

export function plainValue(value: Lwm2mValue): PlainValue {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object' && isObjLnk(value)) return formatObjLnk(value);
  return value;
}
