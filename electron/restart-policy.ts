// Pure restart policy for the core process: exponential backoff, a limit, and a reset once core
// has stayed up long enough to count as healthy.

export interface RestartPolicy {
  /** Consecutive failures after which we stop restarting and ask the user. */
  maxFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A core that ran at least this long before exiting starts a fresh failure count. */
  healthyAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  maxFailures: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  healthyAfterMs: 60_000,
};

export type RestartPlan = { action: 'restart'; delayMs: number } | { action: 'give-up' };

/**
 * @param failures consecutive failures so far, including the one just seen (>= 1)
 */
export function planRestart(failures: number, policy: RestartPolicy = defaultRestartPolicy): RestartPlan {
  if (failures >= policy.maxFailures) return { action: 'give-up' };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return { action: 'restart', delayMs };
}

/** The failure count after an exit, given how long core had been ready (null: never got ready). */
export function countFailure(
  previousFailures: number,
  readyForMs: number | null,
  policy: RestartPolicy = defaultRestartPolicy,
): number {
  if (readyForMs !== null && readyForMs >= policy.healthyAfterMs) return 1;
  return previousFailures + 1;
}
