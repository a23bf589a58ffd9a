// The records of what a device reports on its own: a notification of an observation, or a Send
// (POST /dp, LwM2M 1.1). Never throws: a payload that cannot be read is an error value naming the
// format and why, for the adapter to record (and to answer a Send with 4.00 / 4.15).
import { CT, contentFormat, decodeRecords, Lwm2mCodecError, parsePath, type Lwm2mPath, type Lwm2mRecord } from '../../codecs/lwm2m/index.js';
import type { ModelRegistry } from '../models/registry.js';
import { codecTypeOf } from './device-types.js';
import type { DmDevice, DmOperation, DmResponse } from './types.js';

export type ReportRecords =
  | { ok: true; records: Lwm2mRecord[] }
  /** 'unsupported-format': a Send in a format that does not name its values (answer 4.15) */
  | { ok: false; error: { code: 'malformed-payload' | 'unsupported-format'; message: string } };

function decode(what: () => string, ct: number | undefined, payload: Uint8Array, path: readonly number[], models: ModelRegistry, device: Pick<DmDevice, 'objectVersions'>): ReportRecords {
  if (payload.length === 0) return { ok: true, records: [] };
  if (ct === undefined) return { ok: false, error: { code: 'malformed-payload', message: `${what()}: a payload without Content-Format` } };
  try {
    return { ok: true, records: decodeRecords(ct, payload, path, codecTypeOf(models, device.objectVersions)) };
  } catch (e) {
    if (!(e instanceof Lwm2mCodecError)) throw e;
    return { ok: false, error: { code: 'malformed-payload', message: `${what()}: ${e.message}` } };
  }
}

/** The path whose notifications `op` asks for ([] for a composite observation, whose records name their paths). */
export function observedPath(op: DmOperation): Lwm2mPath {
  return typeof op.args.path === 'string' ? parsePath(op.args.path) : [];
}

/**
 * The values of one notification of `op` (lwm2m.observe or lwm2m.observe-composite); `path` is
 * observedPath(op), which an observation may work out once for all its notifications.
 */
export function notificationRecords(op: DmOperation, notification: Pick<DmResponse, 'contentFormat' | 'payload'>, models: ModelRegistry, device: Pick<DmDevice, 'objectVersions'> = {}, path = observedPath(op)): ReportRecords {
  // named only when it cannot be read (a notification storm reads thousands a second)
  return decode(() => `notification of ${op.kind} ${String(op.args.path ?? (op.args.paths as string[] | undefined)?.join(', ') ?? '')}`, notification.contentFormat, notification.payload, path, models, device);
}

/** The values of a Send: SenML JSON or CBOR (or LwM2M JSON), the formats that name every value. */
export function sendRecords(ct: number | undefined, payload: Uint8Array, models: ModelRegistry, device: Pick<DmDevice, 'objectVersions'> = {}): ReportRecords {
  if (ct !== undefined && !contentFormatNames(ct)) {
    return { ok: false, error: { code: 'unsupported-format', message: `Send: content format ${ct} does not name its values; use SenML JSON (${CT.SENML_JSON}) or SenML CBOR (${CT.SENML_CBOR})` } };
  }
  return decode(() => 'Send', ct, payload, [], models, device);
}

function contentFormatNames(ct: number): boolean {
  try {
    return contentFormat(ct).decodeRecords !== undefined;
  } catch {
    return false;
  }
}
