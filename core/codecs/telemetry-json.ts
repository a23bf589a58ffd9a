import { parseTimestamp } from './timestamp.js';

export type TelemetryValue = number | string | boolean;
export interface DecodedTelemetry {
  /** device time when the payload carried `ts`, else undefined (use arrival time) */
  ts: number | undefined;
  values: Array<{ key: string; value: TelemetryValue }>;
}
export type DecodeResult = { ok: true; telemetry: DecodedTelemetry } | { ok: false; error: string };

export const MAX_KEYS = 1000;
export const MAX_KEY_LENGTH = 128;
export const MAX_STRING_LENGTH = 4096;
const MAX_DEPTH = 8;

/**
 * Decodes a telemetry payload: a JSON object of values, nested objects flattened into
 * dotted keys ({"a":{"b":1}} -> a.b), arrays by index (a.0). `ts` at the top level is the
 * device timestamp. null values are skipped.
 */
export function decodeTelemetry(payload: Buffer | string): DecodeResult {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch (e) {
    return { ok: false, error: `payload is not valid JSON (${(e as Error).message})` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, error: 'payload must be a JSON object of values' };
  }
  const { ts: rawTs, ...rest } = doc as Record<string, unknown>;
  let ts: number | undefined;
  if (rawTs !== undefined) {
    const parsed = parseTimestamp(rawTs);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    ts = parsed.ts;
  }
  const values: DecodedTelemetry['values'] = [];
  const error = flatten(rest, '', 0, values);
  if (error) return { ok: false, error };
  if (values.length === 0) return { ok: false, error: 'payload has no values' };
  return { ok: true, telemetry: { ts, values } };
}

function flatten(node: object, prefix: string, depth: number, out: DecodedTelemetry['values']): string | undefined {
  if (depth > MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels`;
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (k.length === 0) return 'empty key';
    if (key.length > MAX_KEY_LENGTH) return `key "${key.slice(0, 40)}…" longer than ${MAX_KEY_LENGTH}`;
    if (v === null) continue;
    if (typeof v === 'number' || typeof v === 'boolean') {
      out.push({ key, value: v });
    } else if (typeof v === 'string') {
      if (v.length > MAX_STRING_LENGTH) return `value of "${key}" longer than ${MAX_STRING_LENGTH} characters`;
      out.push({ key, value: v });
    } else if (typeof v === 'object') {
      const error = flatten(v, key, depth + 1, out);
      if (error) return error;
    }
    if (out.length > MAX_KEYS) return `more than ${MAX_KEYS} values`;
  }
  return undefined;
}
