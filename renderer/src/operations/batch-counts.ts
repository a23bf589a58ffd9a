// A bulk operation's summary (one count per state) as the few numbers people follow: waiting,
// running, succeeded, failed, and those that ended otherwise (expired, cancelled). Pure, tested.
import type { BatchSummary } from '../../../core/contract/operations.js';

export interface BatchCounts {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  /** expired or cancelled */
  ended: number;
  /** every operation of the batch has finished */
  finished: boolean;
}

export function batchCounts(s: BatchSummary): BatchCounts {
  const running = s.sending + s.delivered;
  const ended = s.expired + s.cancelled;
  return { total: s.total, queued: s.queued, running, succeeded: s.succeeded, failed: s.failed, ended,
    finished: s.total > 0 && s.queued + running === 0 };
}

/** One line for the summary: "2 of 3 finished: 1 succeeded, 1 failed" or "All 2 succeeded". */
export function batchCountsText(c: BatchCounts): string {
  if (c.total === 0) return 'No device was reached.';
  const done = c.succeeded + c.failed + c.ended;
  if (c.succeeded === c.total) return c.total === 1 ? 'Succeeded.' : `All ${c.total} succeeded.`;
  const parts = [c.succeeded && `${c.succeeded} succeeded`, c.failed && `${c.failed} failed`, c.ended && `${c.ended} expired or cancelled`].filter(Boolean);
  const head = `${done} of ${c.total} finished`;
  return parts.length ? `${head}: ${parts.join(', ')}.` : `${head}.`;
}
