const MIN_TS = Date.UTC(2000, 0, 1);
const MAX_TS = Date.UTC(2100, 0, 1);
// Numbers below this are taken as Unix seconds (ms values this small would be 1973).
const SECONDS_BELOW = 1e11;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export type TimestampResult = { ok: true; ts: number } | { ok: false; error: string };

/** A device timestamp: epoch milliseconds, epoch seconds, or an ISO 8601 string. */
export function parseTimestamp(input: unknown): TimestampResult {
  let ts: number;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: 'ts is not a finite number' };
    ts = Math.round(input < SECONDS_BELOW ? input * 1000 : input);
  } else if (typeof input === 'string') {
    if (!ISO_8601.test(input)) return { ok: false, error: `ts "${input.slice(0, 40)}" is not ISO 8601` };
    ts = Date.parse(input);
    if (Number.isNaN(ts)) return { ok: false, error: `ts "${input.slice(0, 40)}" is not a valid date` };
  } else {
    return { ok: false, error: 'ts must be a number (ms) or an ISO 8601 string' };
  }
  if (ts < MIN_TS || ts >= MAX_TS) return { ok: false, error: `ts ${String(input)} is outside 2000-2100` };
  return { ok: true, ts };
}
