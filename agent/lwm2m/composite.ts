// The path list of a Read-Composite / Observe-Composite request (TS Core §5.4.3.1): SenML
// records that carry only names, e.g. [{"bn":"/3/0/","n":"0"},{"n":"/3303/0/5700"}] (bn is sticky).
import { CT, Lwm2mCodecError, parsePath, type Lwm2mPath } from '../../core/codecs/lwm2m/index.js';
import { parseCbor } from '../../core/codecs/lwm2m/cbor-values.js';

interface NameEntry { bn?: unknown; n?: unknown }

function entries(format: number, payload: Uint8Array): NameEntry[] {
  let items: unknown;
  if (format === CT.SENML_JSON) {
    try {
      items = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch {
      throw new Lwm2mCodecError('composite paths: the payload is not JSON');
    }
    if (!Array.isArray(items)) throw new Lwm2mCodecError('composite paths: not an array of records');
    return items.map((e: unknown) => (typeof e === 'object' && e !== null ? (e as NameEntry) : {}));
  }
  items = parseCbor(payload, 'composite paths');
  if (!Array.isArray(items)) throw new Lwm2mCodecError('composite paths: not an array of records');
  // SenML CBOR labels: bn = -2, n = 0
  return items.map((m: unknown) => (m instanceof Map ? { bn: m.get(-2), n: m.get(0) } : {}));
}

export function parseCompositePaths(format: number, payload: Uint8Array): Lwm2mPath[] {
  let bn = '';
  return entries(format, payload).map((e, i) => {
    if (e.bn !== undefined) {
      if (typeof e.bn !== 'string') throw new Lwm2mCodecError(`composite paths: record ${i} has a bn that is not text`);
      bn = e.bn;
    }
    if (e.n !== undefined && typeof e.n !== 'string') throw new Lwm2mCodecError(`composite paths: record ${i} has an n that is not text`);
    const name = bn + ((e.n as string | undefined) ?? '');
    if (name === '') throw new Lwm2mCodecError(`composite paths: record ${i} has no name`);
    return parsePath(name, `composite paths: record ${i}`);
  });
}
