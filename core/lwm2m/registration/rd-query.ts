// The Uri-Query of Register (ep, lt, lwm2m, b, sms, Q) and Update (lt, b, sms) on /rd, checked.
// Pure. Unknown parameters are ignored (later LwM2M versions add some); repeated ones are errors.
import { DEVICE_UID_PATTERN } from '../../contract/api.js';
import type { Lwm2mVersion } from '../../contract/lwm2m-registration.js';

/** The lifetime a client gets when it sends no lt= (LwM2M: 86400 s). */
export const DEFAULT_LIFETIME_SEC = 86_400;
/** Longer lifetimes are refused: a registration must end some day (a year is plenty). */
export const MAX_LIFETIME_SEC = 366 * 86_400;

export class RdQueryError extends Error {
  /** 4.00 for a malformed query, 4.12 for a well-formed LwM2M version Outpost does not speak */
  constructor(message: string, readonly code: '4.00' | '4.12' = '4.00') {
    super(message);
    this.name = 'RdQueryError';
  }
}

export interface RegisterQuery {
  endpoint: string;
  lifetimeSec: number;
  version: Lwm2mVersion;
  binding: string;
  queueMode: boolean;
}

export interface UpdateQuery {
  lifetimeSec?: number;
  binding?: string;
  /** a Q parameter was sent (1.1 names queue mode at Register only, but tolerate it here) */
  queueFlag: boolean;
}

function params(query: readonly string[]): Map<string, string | true> {
  const found = new Map<string, string | true>();
  for (const segment of query) {
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    if (name === '') throw new RdQueryError(`query parameter "${segment.slice(0, 40)}" has no name`);
    if (found.has(name)) throw new RdQueryError(`query parameter "${name.slice(0, 40)}" given twice`);
    found.set(name, eq < 0 ? true : segment.slice(eq + 1));
  }
  return found;
}

function text(found: Map<string, string | true>, name: string): string | undefined {
  const v = found.get(name);
  if (v === true) throw new RdQueryError(`query parameter "${name}" needs a value (${name}=...)`);
  return v;
}

function lifetime(value: string): number {
  if (!/^[0-9]{1,10}$/.test(value)) throw new RdQueryError(`lt "${value.slice(0, 40)}" is not a lifetime in whole seconds`);
  const n = Number(value);
  if (n < 1 || n > MAX_LIFETIME_SEC) throw new RdQueryError(`lt ${n} is outside 1..${MAX_LIFETIME_SEC} seconds`);
  return n;
}

// U (UDP), S (SMS), N (non-IP), T (TCP), Q (queue, 1.0 style: UQ, SQ, UQS)
function binding(value: string): string {
  if (!/^[USNTQ]{1,5}$/.test(value) || new Set(value).size !== value.length) {
    throw new RdQueryError(`b "${value.slice(0, 40)}" is not a binding (letters U, S, N, T, Q, each once)`);
  }
  return value;
}

function version(value: string | undefined): Lwm2mVersion {
  if (value === undefined) return '1.0'; // 1.0 clients send no lwm2m=
  if (value === '1.0' || value === '1.1') return value;
  if (/^[0-9]{1,3}\.[0-9]{1,3}$/.test(value)) throw new RdQueryError(`LwM2M version ${value} is not supported (1.0 and 1.1 are)`, '4.12');
  throw new RdQueryError(`lwm2m "${value.slice(0, 40)}" is not an LwM2M version`);
}

export function parseRegisterQuery(query: readonly string[]): RegisterQuery {
  const found = params(query);
  const endpoint = text(found, 'ep');
  if (endpoint === undefined || endpoint === '') throw new RdQueryError('the endpoint name (ep=) is missing');
  if (!DEVICE_UID_PATTERN.test(endpoint)) {
    throw new RdQueryError(`endpoint name "${endpoint.slice(0, 80)}" is not a valid device uid (1-64 letters, digits and . _ : -)`);
  }
  const lt = text(found, 'lt');
  const b = text(found, 'b');
  const bindingValue = b === undefined ? 'U' : binding(b);
  if (found.get('Q') !== undefined && found.get('Q') !== true) throw new RdQueryError('Q takes no value');
  text(found, 'sms'); // checked for a value, otherwise ignored: Outpost has no SMS
  return {
    endpoint,
    lifetimeSec: lt === undefined ? DEFAULT_LIFETIME_SEC : lifetime(lt),
    version: version(text(found, 'lwm2m')),
    binding: bindingValue,
    queueMode: bindingValue.includes('Q') || found.has('Q'),
  };
}

export function parseUpdateQuery(query: readonly string[]): UpdateQuery {
  const found = params(query);
  const lt = text(found, 'lt');
  const b = text(found, 'b');
  text(found, 'sms');
  if (found.get('Q') !== undefined && found.get('Q') !== true) throw new RdQueryError('Q takes no value');
  const out: UpdateQuery = { queueFlag: found.has('Q') };
  if (lt !== undefined) out.lifetimeSec = lifetime(lt);
  if (b !== undefined) out.binding = binding(b);
  return out;
}
