// When a SenML value was measured (RFC 8428 §4.5.3): bt + t below 2^28 seconds is relative to the
// time of receipt (negative = in the past), at or above it is seconds since 1970. A record without
// any time was measured "now", i.e. when it arrived. Only the caller knows "now", so it is passed in.
import type { Lwm2mRecord } from './model.js';

/** 2^28 s: RFC 8428's boundary between relative and absolute times. */
export const RELATIVE_TIME_LIMIT = 2 ** 28;

/** A record's time (seconds, as decoded) as milliseconds since 1970, given when the payload arrived. */
export function senmlTimeMs(time: number | undefined, receivedAtMs: number): number {
  if (time === undefined) return receivedAtMs;
  return Math.round(time < RELATIVE_TIME_LIMIT ? receivedAtMs + time * 1000 : time * 1000);
}

export type TimedRecord = Lwm2mRecord & { timeMs: number };

export function withTimes(records: readonly Lwm2mRecord[], receivedAtMs: number): TimedRecord[] {
  return records.map((r) => ({ ...r, timeMs: senmlTimeMs(r.time, receivedAtMs) }));
}
