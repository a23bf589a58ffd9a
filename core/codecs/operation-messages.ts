// The native MQTT operation messages (README, Operations), shared by Outpost and the device agent:
//   Outpost -> device   outpost/v1/{uid}/op/{opId}        {kind, args, expiresAt}
//   device -> Outpost   outpost/v1/{uid}/progress/{opId}  {done, total, summary}
//   device -> Outpost   outpost/v1/{uid}/reply/{opId}     {ok: true, result} | {ok: false, error: {code, message}}
// Pure: bytes in, values (or a reason) out.
import { z } from 'zod';

/** Largest reply or progress payload accepted; a snapd inventory answer is well below it. */
export const OPERATION_MESSAGE_MAX_BYTES = 256 * 1024;

export const OperationRequest = z.object({
  kind: z.string().min(1).max(64),
  args: z.record(z.string(), z.unknown()),
  // epoch ms after which the device should not start it; null: no expiry
  expiresAt: z.number().nullable(),
});
export type OperationRequest = z.infer<typeof OperationRequest>;

export const OperationProgress = z.object({
  done: z.number().finite().min(0),
  total: z.number().finite().min(0),
  summary: z.string().max(1000).optional(),
});
export type OperationProgress = z.infer<typeof OperationProgress>;

export const OperationErrorBody = z.object({ code: z.string().min(1).max(200), message: z.string().max(10_000) });
export type OperationErrorBody = z.infer<typeof OperationErrorBody>;

export const OperationReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: OperationErrorBody }),
]);
export type OperationReply = z.infer<typeof OperationReply>;

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

export function encodeOperationMessage(value: OperationRequest | OperationProgress | OperationReply): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export const decodeOperationRequest = (payload: Buffer): Decoded<OperationRequest> => decode(payload, OperationRequest);
export const decodeOperationProgress = (payload: Buffer): Decoded<OperationProgress> => decode(payload, OperationProgress);
export const decodeOperationReply = (payload: Buffer): Decoded<OperationReply> => decode(payload, OperationReply);

function decode<T>(payload: Buffer, schema: z.ZodType<T>): Decoded<T> {
  if (payload.length > OPERATION_MESSAGE_MAX_BYTES) {
    return { ok: false, reason: `payload of ${payload.length} bytes is larger than ${OPERATION_MESSAGE_MAX_BYTES}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join('.') || 'payload'}: ${issue.message}` };
  }
  return { ok: true, value: parsed.data };
}
