// Operations in words: state labels and tones, kind labels, and a one-line progress text.
// Shared by the device's Snaps and Operations tabs, the Operations page and bulk actions.
import { KIND_LABEL, isKnownKind } from '../../../core/contract/operation-kinds.js';
import type { Operation, OperationState } from '../../../core/contract/operations.js';

export const STATE_LABEL: Record<OperationState, string> = {
  queued: 'Queued — waiting for the device',
  sending: 'Sent — waiting for an answer',
  delivered: 'Running on the device',
  succeeded: 'Done',
  failed: 'Failed',
  expired: 'Expired — the device did not come back in time',
  cancelled: 'Cancelled',
};

/** The colour of a state's badge: ok (done), warn (ended without effect), bad (failed), busy (under way). */
export type StateTone = 'ok' | 'warn' | 'bad' | 'busy';
export const STATE_TONE: Record<OperationState, StateTone> = {
  queued: 'busy', sending: 'busy', delivered: 'busy', succeeded: 'ok', failed: 'bad', expired: 'warn', cancelled: 'warn',
};

export function kindLabel(kind: string): string {
  return isKnownKind(kind) ? KIND_LABEL[kind] : kind;
}

/** What an operation is about in a few words: "Refresh snap core22", "Install snap hello (latest/edge)". */
export function operationTitle(op: Pick<Operation, 'kind' | 'args'>): string {
  const name = typeof op.args.name === 'string' ? ` ${op.args.name}` : '';
  const channel = typeof op.args.channel === 'string' ? ` (${op.args.channel})` : '';
  const revision = typeof op.args.revision === 'string' ? ` (revision ${op.args.revision})` : '';
  return `${kindLabel(op.kind)}${name}${channel}${revision}`;
}

/** 0..1 while the device reports progress; null when it has not (yet). */
export function progressFraction(op: Pick<Operation, 'progress' | 'state'>): number | null {
  if (op.state === 'succeeded') return 1;
  const p = op.progress;
  if (!p || p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}
