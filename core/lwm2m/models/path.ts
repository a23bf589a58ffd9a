// LwM2M paths as the codecs and the server see them: '/3/0/1', '3/0/1/2' or [3, 0, 1].
import { MAX_ID } from './types.js';

export type PathLike = string | readonly number[];

/** [object, instance?, resource?, resourceInstance?] or undefined when not a valid LwM2M path. */
export function parsePath(path: PathLike): number[] | undefined {
  const parts = typeof path === 'string' ? path.replace(/^\//, '').split('/') : [...path];
  if (parts.length < 1 || parts.length > 4) return undefined;
  const ids: number[] = [];
  for (const part of parts) {
    const id = typeof part === 'number' ? part : /^\d{1,5}$/.test(part) ? Number(part) : NaN;
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) return undefined;
    ids.push(id);
  }
  return ids;
}
