// The interface operation executors plug into (snapd, inventory, reboot, test executors).
//
// An executor runs one kind of operation. It resolves with the result (any JSON value; it becomes
// the reply's `result`) or throws to fail: throw an OperationError (or any object with string
// `code` and `message`) to choose the error the user sees; anything else becomes code 'internal'.
import type { KnownOperationKind, OperationArgsOf } from '../../core/contract/operation-kinds.js';

export interface ExecutorContext {
  readonly opId: string;
  readonly kind: string;
  /** Sends `{done, total, summary}` on progress/{opId} (through the outbox: never lost, in order). */
  progress(done: number, total: number, summary?: string): Promise<void>;
  /**
   * Stores per-operation state on disk (e.g. `{changeId: '42'}` once snapd accepted the request).
   * If the agent restarts before the operation ends, the runner calls `resume(saved, ctx)` with the
   * last remembered value instead of running it again.
   */
  remember(state: unknown): Promise<void>;
  /** Aborted when the agent is stopping: stop waiting and throw; the operation is resumed at the next start. */
  readonly signal: AbortSignal;
}

export interface Executor<A = Record<string, unknown>> {
  /** Args are already checked against the kind's schema in core/contract/operation-kinds.ts when the kind is known. */
  run(args: A, ctx: ExecutorContext): Promise<unknown>;
  /**
   * Continues an operation that was running when the agent stopped, from what it remembered.
   * Without resume (or if nothing was remembered) such an operation fails with code 'interrupted'.
   */
  resume?(saved: unknown, ctx: ExecutorContext): Promise<unknown>;
}

/** kind -> executor. A kind with no entry is answered with code 'unsupported-kind'. */
export type ExecutorRegistry = Record<string, Executor>;

/** Typed entries for the known kinds: `const snaps: KnownExecutors = { 'snap.remove': { run: (a) => a.name … } }`. */
export type KnownExecutors = { [K in KnownOperationKind]?: Executor<OperationArgsOf<K>> };

export class OperationError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'OperationError';
  }
}
