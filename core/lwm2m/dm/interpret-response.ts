// A device's answer → the operation's result (a DeviceReply for the queue). Never throws: a payload
// that cannot be read is { ok: false, error: { code: 'malformed-payload' } } saying which format
// and why, so a bad device ends its own operation and nothing else.
import {
  CT, decodeCompositeValues, decodeLinkFormat, decodeRecords, formatPath, Lwm2mCodecError, parsePath, withTimes,
  type Lwm2mPath, type Lwm2mType, type TimedRecord,
} from '../../codecs/lwm2m/index.js';
import { isLwm2mKind } from '../../contract/lwm2m-operations.js';
import type { DeviceReply } from '../../operations/transport.js';
import type { ModelRegistry } from '../models/registry.js';
import { codecTypeOf, objectModel, resourceModel } from './device-types.js';
import { plainValue, type PlainValue } from './plain-values.js';
import { inferType } from '../../codecs/lwm2m/values.js';
import type { DmDevice, DmOperation, DmResponse } from './types.js';

/** One value of a Read, Observe or composite answer, named from the models. */
export interface ReadValue {
  path: string;
  /** 'Temperature / Sensor Value'; absent for resources no model knows */
  name?: string;
  value: PlainValue;
  type: Lwm2mType;
  units?: string;
  /** when measured (ms since 1970), when the payload says (SenML time) */
  time?: number;
}

export interface DiscoveredLink {
  path: string;
  name?: string;
  attributes: Record<string, string | true>;
}

const CODE_TEXT: Record<string, string> = {
  '4.00': 'Bad Request', '4.01': 'Unauthorized', '4.02': 'Bad Option', '4.03': 'Forbidden', '4.04': 'Not Found',
  '4.05': 'Method Not Allowed', '4.06': 'Not Acceptable', '4.08': 'Request Entity Incomplete', '4.09': 'Conflict',
  '4.12': 'Precondition Failed', '4.13': 'Request Entity Too Large', '4.15': 'Unsupported Content-Format',
  '5.00': 'Internal Server Error', '5.01': 'Not Implemented', '5.02': 'Bad Gateway', '5.03': 'Service Unavailable',
  '5.04': 'Gateway Timeout', '5.05': 'Proxying Not Supported',
};

const FORMAT_NAME: Record<number, string> = {
  [CT.TEXT]: 'text/plain', [CT.LINK_FORMAT]: 'link-format', [CT.OPAQUE]: 'opaque', [CT.CBOR]: 'CBOR', [CT.SENML_JSON]: 'SenML JSON',
  [CT.SENML_CBOR]: 'SenML CBOR', [CT.TLV]: 'TLV', [CT.LWM2M_JSON]: 'LwM2M JSON',
};

export function interpretResponse(op: DmOperation, response: DmResponse, models: ModelRegistry, receivedAt: number, device: Pick<DmDevice, 'objectVersions'> = {}): DeviceReply {
  const what = `${op.kind} ${describeTarget(op)}`;
  if (!/^2\.\d\d$/.test(response.code)) return { ok: false, error: { code: `coap-${response.code}`, message: errorMessage(response, what) } };
  const payload = response.payload instanceof Buffer ? response.payload : Buffer.from(response.payload);
  try {
    switch (op.kind) {
      case 'lwm2m.read': case 'lwm2m.observe': case 'lwm2m.cancel-observe':
      case 'lwm2m.read-composite': case 'lwm2m.observe-composite': case 'lwm2m.cancel-observe-composite': {
        if (payload.length === 0) return { ok: true, result: { code: response.code, values: [] } };
        const ct = requireFormat(response);
        const typeOf = codecTypeOf(models, device.objectVersions);
        const composite = op.kind.endsWith('-composite');
        const records = composite
          ? [...decodeCompositeValues(ct, payload, typeOf).values()]
          : decodeRecords(ct, payload, parsePath(String(op.args.path)), typeOf);
        const values = withTimes(records, receivedAt).map((r) => readValue(r, models, device));
        return { ok: true, result: { code: response.code, values } };
      }
      case 'lwm2m.discover': {
        const ct = requireFormat(response);
        if (ct !== CT.LINK_FORMAT) throw new Lwm2mCodecError(`a Discover answer must be link-format (40), not ${formatLabel(ct)}`);
        const links: DiscoveredLink[] = decodeLinkFormat(payload).map((l) => {
          const path = parsePath(l.uri, `link <${l.uri}>`);
          const name = nameOf(path, models, device);
          return { path: formatPath(path), ...(name ? { name } : {}), attributes: l.params };
        });
        return { ok: true, result: { code: response.code, links } };
      }
      case 'lwm2m.create': {
        const given = op.args.instanceId;
        const location = response.locationPath?.filter((s) => s !== '');
        // Location-Path ends in /object/instance (after an alternate root path, if any)
        const path = location && location.length >= 2 ? parsePath(`/${location.slice(-2).join('/')}`, 'Location-Path')
          : typeof given === 'number' ? [...parsePath(String(op.args.path)), given] : undefined;
        return { ok: true, result: { code: response.code, ...(path ? { path: formatPath(path) } : {}) } };
      }
      default:
        if (!isLwm2mKind(op.kind)) return { ok: false, error: { code: 'unsupported', message: `${op.kind} is not an LwM2M operation` } };
        return { ok: true, result: { code: response.code } };
    }
  } catch (e) {
    if (e instanceof Lwm2mCodecError) {
      return { ok: false, error: { code: 'malformed-payload', message: `${what}: the device's ${formatLabel(response.contentFormat)} answer cannot be read: ${e.message}` } };
    }
    return { ok: false, error: { code: 'malformed-payload', message: `${what}: the answer cannot be read: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

function requireFormat(response: DmResponse): number {
  if (response.contentFormat === undefined) throw new Lwm2mCodecError('the answer has a payload but no Content-Format');
  return response.contentFormat;
}

function formatLabel(ct: number | undefined): string {
  if (ct === undefined) return 'untyped';
  return FORMAT_NAME[ct] ? `${FORMAT_NAME[ct]} (${ct})` : `content format ${ct}`;
}

function describeTarget(op: DmOperation): string {
  if (typeof op.args.path === 'string') return op.args.path;
  if (Array.isArray(op.args.paths)) return op.args.paths.join(', ');
  if (op.args.values && typeof op.args.values === 'object') return Object.keys(op.args.values).join(', ');
  return '';
}

/** "Not Found: lwm2m.read /3/0/99" plus the device's diagnostic text, when it sent one. */
function errorMessage(response: DmResponse, what: string): string {
  const text = CODE_TEXT[response.code] ?? `CoAP ${response.code}`;
  let diagnostic = '';
  if (response.payload.length > 0) {
    try {
      diagnostic = new TextDecoder('utf-8', { fatal: true }).decode(response.payload).trim().slice(0, 200);
    } catch {
      diagnostic = `(${response.payload.length} bytes that are not text)`;
    }
  }
  return `${text}: ${what}${diagnostic ? ` (the device says: ${diagnostic})` : ''}`;
}

/** 'Temperature / Sensor Value', 'Device', or undefined. */
export function nameOf(path: Lwm2mPath, models: ModelRegistry, device: Pick<DmDevice, 'objectVersions'>): string | undefined {
  const object = path.length > 0 ? objectModel(models, device.objectVersions, path[0]!) : undefined;
  if (!object) return undefined;
  if (path.length < 3) return object.name;
  const resource = resourceModel(models, device.objectVersions, path);
  return resource ? `${object.name} / ${resource.name}` : undefined;
}

function readValue(r: TimedRecord, models: ModelRegistry, device: Pick<DmDevice, 'objectVersions'>): ReadValue {
  const m = resourceModel(models, device.objectVersions, r.path);
  const name = nameOf(r.path, models, device);
  const type: Lwm2mType = m && m.type !== 'none' ? m.type : inferType(r.value);
  return {
    path: formatPath(r.path), ...(name ? { name } : {}), value: plainValue(r.value), type,
    ...(m?.units ? { units: m.units } : {}), ...(r.time !== undefined ? { time: r.timeMs } : {}),
  };
}
