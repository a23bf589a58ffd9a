// The operations API: what Outpost asks devices to do, their states and history (DESIGN.md,
// Operations). Zod only; shared with the renderer.
import { z } from 'zod';
import { OperationKind, isKnownKind, operationArgs } from './operation-kinds.js';

export const operationStates = ['queued', 'sending', 'delivered', 'succeeded', 'failed', 'expired', 'cancelled'] as const;
export const OperationState = z.enum(operationStates);
export type OperationState = z.infer<typeof OperationState>;
/** States from which nothing more happens to an operation. */
export const FINISHED_STATES: readonly OperationState[] = ['succeeded', 'failed', 'expired', 'cancelled'];
export const isFinished = (state: OperationState): boolean => FINISHED_STATES.includes(state);

export const OperationError = z.object({ code: z.string(), message: z.string() });
export const OperationProgressInfo = z.object({ done: z.number(), total: z.number(), summary: z.string().optional() });

export const Operation = z.object({
  id: z.number().int(),
  deviceUid: z.string(),
  kind: z.string(),
  args: z.record(z.string(), z.unknown()),
  state: OperationState,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  replyTimeoutMs: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  sentAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  expiresAt: z.number().nullable(),
  result: z.unknown(),
  error: OperationError.nullable(),
  progress: OperationProgressInfo.nullable(),
  createdBy: z.string().nullable(),
  retryOf: z.number().int().nullable(),
  batchId: z.number().int().nullable(),
});
export type Operation = z.infer<typeof Operation>;

export const historyTypes = [
  'created', // who asked, with the arguments
  'sent', // handed to the device's protocol (attempt n)
  'delivered', // the device's protocol confirmed receipt (MQTT PUBACK)
  'progress', // the device reported progress
  'reply', // the device answered; ends the operation
  'late-reply', // an answer after the operation had ended: kept, not applied
  'duplicate-reply', // the same answer again: ignored
  'malformed', // a reply or progress that could not be read; the operation goes on
  'no-reply', // a delivery got no answer within the reply timeout
  'requeued', // the device went away before it confirmed receipt: sent again when it is back
  'failed', 'expired', 'cancelled', 'retried',
] as const;
export const HistoryType = z.enum(historyTypes);
export type HistoryType = z.infer<typeof HistoryType>;

export const OperationHistoryEntry = z.object({
  id: z.number().int(),
  ts: z.number(),
  type: HistoryType,
  state: OperationState.nullable(),
  detail: z.unknown(),
});
export type OperationHistoryEntry = z.infer<typeof OperationHistoryEntry>;

export const OperationDetail = Operation.extend({ history: z.array(OperationHistoryEntry) });
export type OperationDetail = z.infer<typeof OperationDetail>;

export const OPERATION_TTL_DEFAULT_SEC = 24 * 3600;
export const OPERATION_REPLY_TIMEOUT_DEFAULT_SEC = 60;
export const OPERATION_ATTEMPTS_DEFAULT = 3;
const ARGS_MAX_BYTES = 16 * 1024;

const OperationOptions = {
  kind: OperationKind,
  args: z.record(z.string(), z.unknown()).default({}),
  // how long it may wait for the device before it expires
  ttlSec: z.number().int().min(1).max(30 * 24 * 3600).default(OPERATION_TTL_DEFAULT_SEC),
  maxAttempts: z.number().int().min(1).max(20).default(OPERATION_ATTEMPTS_DEFAULT),
  // how long one delivery waits for an answer; progress from the device restarts the wait
  replyTimeoutSec: z.number().int().min(1).max(24 * 3600).default(OPERATION_REPLY_TIMEOUT_DEFAULT_SEC),
};

/** Known kinds must carry their arguments; other kinds (a device's own) carry free JSON of bounded size. */
function checkArgs(v: { kind: string; args: Record<string, unknown> }, ctx: z.RefinementCtx) {
  if (JSON.stringify(v.args).length > ARGS_MAX_BYTES) {
    ctx.addIssue({ code: 'custom', path: ['args'], message: `the arguments are larger than ${ARGS_MAX_BYTES / 1024} KiB` });
    return;
  }
  if (!isKnownKind(v.kind)) return;
  const parsed = operationArgs[v.kind].safeParse(v.args);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['args', ...issue.path.map(String)], message: issue.message });
  }
}

export const CreateOperationRequest = z.object(OperationOptions).superRefine(checkArgs);
export type CreateOperationRequest = z.infer<typeof CreateOperationRequest>;

export const CreateOperationQuery = z.object({
  // hold the answer until the operation has finished, up to this many seconds (request/reply from scripts)
  wait: z.coerce.number().min(0).max(60).optional(),
});

export const BULK_OPERATION_MAX_DEVICES = 1000;
export const BatchTarget = z.union([
  z.object({ tag: z.string().trim().min(1).max(64) }),
  z.object({ uids: z.array(z.string().trim().min(1).max(64)).min(1, 'choose at least one device').max(BULK_OPERATION_MAX_DEVICES) }),
]);
export type BatchTarget = z.infer<typeof BatchTarget>;

export const CreateBatchRequest = z.object({ ...OperationOptions, target: BatchTarget }).superRefine(checkArgs);
export type CreateBatchRequest = z.infer<typeof CreateBatchRequest>;

export const BatchSummary = z.object({ total: z.number().int(), ...Object.fromEntries(operationStates.map((s) => [s, z.number().int()])) as Record<OperationState, z.ZodNumber> });
export type BatchSummary = z.infer<typeof BatchSummary>;

export const Batch = z.object({
  id: z.number().int(),
  kind: z.string(),
  args: z.record(z.string(), z.unknown()),
  target: BatchTarget,
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  summary: BatchSummary,
  // uids the target named that are no devices
  unknown: z.array(z.string()).optional(),
});
export type Batch = z.infer<typeof Batch>;

const Csv = <T extends z.ZodType>(item: T) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));
export const OperationsQuery = z.object({
  device: z.string().optional(),
  state: Csv(OperationState).optional(),
  kind: z.string().optional(),
  batch: z.coerce.number().int().min(1).optional(),
  // createdAt range: from inclusive, to exclusive
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  // an id: older operations than this one (paging)
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type OperationsQuery = z.infer<typeof OperationsQuery>;
export const OperationsPage = z.object({ operations: z.array(Operation), nextBefore: z.number().int().nullable() });
export type OperationsPage = z.infer<typeof OperationsPage>;
