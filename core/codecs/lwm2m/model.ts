// The value model every LwM2M content format decodes to and encodes from (OMA LwM2M TS Core §7).
// Pure types and small helpers; no wire format lives here.

/** A malformed payload, path or value. Codecs throw only this, with what is wrong and where. */
export class Lwm2mCodecError extends Error {
  override readonly name = 'Lwm2mCodecError';
}

/** /3 = [3], /3/0 = [3, 0], /3/0/7 = [3, 0, 7], /3/0/7/1 = [3, 0, 7, 1]; / = []. */
export type Lwm2mPath = readonly number[];

export type Lwm2mType =
  | 'integer' | 'unsignedInteger' | 'float' | 'boolean' | 'string' | 'opaque' | 'time' | 'objlnk' | 'corelnk';

/** Object link "3:0": an object id and an instance id, each 0..65535 (65535:65535 = no link). */
export interface ObjLnk {
  objectId: number;
  instanceId: number;
}

/**
 * A resource value. integer, unsigned and time are numbers (time = seconds since 1970), or bigints
 * when outside Number's safe range; float is a number; string and corelnk are strings; opaque is bytes.
 */
export type Lwm2mValue = number | bigint | boolean | string | Uint8Array | ObjLnk;

/** The type of the resource at /object/instance/resource (types are not on the wire in TLV or text). */
export type TypeOf = (resourcePath: Lwm2mPath) => Lwm2mType | undefined;

export interface ResourceInstanceNode { kind: 'resourceInstance'; id: number; value: Lwm2mValue }
export interface SingleResourceNode { kind: 'resource'; id: number; value: Lwm2mValue }
export interface MultiResourceNode { kind: 'multiResource'; id: number; instances: ResourceInstanceNode[] }
export type ResourceNode = SingleResourceNode | MultiResourceNode;
export interface ObjectInstanceNode { kind: 'instance'; id: number; resources: ResourceNode[] }
export interface ObjectNode { kind: 'object'; id: number; instances: ObjectInstanceNode[] }
export type Lwm2mNode = ObjectNode | ObjectInstanceNode | ResourceNode | ResourceInstanceNode;

/** One value at a full resource (or resource instance) path. */
export interface Lwm2mRecord {
  path: Lwm2mPath;
  value: Lwm2mValue;
  /**
   * Seconds, bt + t as the payload says (SenML, LwM2M JSON). RFC 8428: a value below 2^28 is
   * relative to the time of receipt (negative = in the past); the caller, which knows "now", resolves it.
   */
  time?: number;
}

const MAX_ID = 65535;

export function isId(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_ID;
}

/** "/3/0/7/1" → [3, 0, 7, 1]; "/" → []; a trailing slash is allowed ("/3/0/"). */
export function parsePath(text: string, where = 'path'): Lwm2mPath {
  if (!text.startsWith('/')) throw new Lwm2mCodecError(`${where}: "${text}" does not start with "/"`);
  const body = text.endsWith('/') ? text.slice(1, -1) : text.slice(1);
  if (body === '') return [];
  const parts = body.split('/');
  if (parts.length > 4) throw new Lwm2mCodecError(`${where}: "${text}" has more than 4 levels`);
  return parts.map((p) => {
    const n = /^(0|[1-9][0-9]{0,4})$/.test(p) ? Number(p) : NaN;
    if (!isId(n)) throw new Lwm2mCodecError(`${where}: "${text}" has "${p}", not an id 0..65535`);
    return n;
  });
}

export function formatPath(path: Lwm2mPath): string {
  return '/' + path.join('/');
}

/** "3:0" ↔ ObjLnk, as LwM2M JSON, SenML vlo, text and CBOR write object links. */
export function parseObjLnk(text: string, where: string): ObjLnk {
  const m = /^(\d{1,5}):(\d{1,5})$/.exec(text);
  const objectId = m ? Number(m[1]) : NaN;
  const instanceId = m ? Number(m[2]) : NaN;
  if (!isId(objectId) || !isId(instanceId)) throw new Lwm2mCodecError(`${where}: "${text}" is not an object link "object:instance"`);
  return { objectId, instanceId };
}

export function formatObjLnk(v: ObjLnk): string {
  return `${v.objectId}:${v.instanceId}`;
}

export function isObjLnk(v: Lwm2mValue): v is ObjLnk {
  return typeof v === 'object' && !(v instanceof Uint8Array);
}
