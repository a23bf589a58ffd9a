// How long and how often the snapd client retries while snapd restarts or another change holds a
// snap: capped exponential backoff within a total budget. Injectable so tests run in milliseconds.
import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** give up (with a clear error) once this much time has passed since the first attempt */
  giveUpAfterMs: number;
}

// a snapd restart (its own refresh) takes seconds; a conflicting auto-refresh can take minutes
export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 250, maxDelayMs: 5_000, factor: 2, giveUpAfterMs: 180_000 };

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** attempt);
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};
