// How a point's row (num or str column) reads back as the value the device sent.
import type { Series, Value } from '../contract/api.js';

export type StoredPoint = { num: number | null; str: string | null };

export function storedValue(type: Series['type'], row: StoredPoint): Value {
  return type === 'string' ? (row.str ?? '') : type === 'boolean' ? row.num !== 0 : (row.num ?? Number.NaN);
}
