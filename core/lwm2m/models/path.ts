// LwM2M paths as the models see them: '/3/0/1', '3/0/1/2' or [3, 0, 1]. The rules live in the
// codecs' parsePath (which throws); here a bad path is simply "no such resource".
import { Lwm2mCodecError, isId, parsePath as parseCodecPath } from '../../codecs/lwm2m/model.js';

export type PathLike = string | readonly number[];

/** [object, instance?, resource?, resourceInstance?] or undefined when not a valid LwM2M path. */
export function parsePath(path: PathLike): number[] | undefined {
  // ids already (a decoded record's path, several lookups per notification): checked, not printed and parsed again
  if (typeof path !== 'string') return path.length >= 1 && path.length <= 4 && path.every(isId) ? path.map((id) => id + 0) : undefined;
  const text = path.startsWith('/') ? path : `/${path}`;
  // the codecs accept "/" (the root) and a trailing slash; a model lookup wants 1..4 plain ids
  if (text.endsWith('/')) return undefined;
  try {
    return [...parseCodecPath(text)];
  } catch (e) {
    if (e instanceof Lwm2mCodecError) return undefined;
    throw e;
  }
}
