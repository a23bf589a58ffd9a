// Reconnect delays: exponential, capped, with "equal jitter" (a random point in the upper half of
// the step) so a fleet that lost the server at the same moment does not come back in lockstep,
// while no device retries at once in a tight loop.
export interface BackoffOptions {
  /** first delay ceiling, ms */
  initialMs: number;
  /** largest delay, ms */
  maxMs: number;
  /** growth per attempt (default 2) */
  factor?: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 60_000, factor: 2 };

/** Delay before reconnect attempt number `attempt` (0 = first retry): within [ceiling/2, ceiling]. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const factor = options.factor ?? 2;
  const ceiling = Math.min(options.maxMs, options.initialMs * factor ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
