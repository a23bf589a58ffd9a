// Which operation the tree shows beside a path, and its state in this tab's words (a queued
// operation on a sleeping device waits for it to wake up). Pure.
import type { Operation } from '../../../../core/contract/operations.js';
import type { Lwm2mOperationKind } from '../../../../core/contract/lwm2m-operations.js';

export type Act = (kind: Lwm2mOperationKind, args: Record<string, unknown>) => Promise<boolean>;

/** The paths an operation is about (one, or a composite's several). */
export function pathsOf(op: Pick<Operation, 'args'>): string[] {
  const a = op.args;
  if (typeof a.path === 'string') return [a.path];
  if (Array.isArray(a.paths)) return a.paths.filter((p): p is string => typeof p === 'string');
  if (a.values && typeof a.values === 'object' && !Array.isArray(a.values)) return Object.keys(a.values);
  return [];
}

/** The newest LwM2M operation about exactly `path` (operations arrive newest first, but live ones may not). */
export function latestFor(ops: readonly Operation[], path: string): Operation | null {
  let best: Operation | null = null;
  for (const op of ops) {
    if (!op.kind.startsWith('lwm2m.')) continue;
    if (!pathsOf(op).includes(path)) continue;
    if (!best || op.id > best.id) best = op;
  }
  return best;
}

/** A queued operation's wait in words: a queue-mode or offline device is asleep until its next Update. */
export function waitWords(op: Pick<Operation, 'state'>, asleep: boolean): string | null {
  if (op.state === 'queued') return asleep ? 'Waits for the device to wake up' : 'Queued';
  if (op.state === 'sending' || op.state === 'delivered') return 'Sending…';
  return null;
}

/** A succeeded operation's result in a few words (the value read, the links discovered). */
export function resultWords(result: unknown): string | null {
  if (result === undefined || result === null) return null;
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') return String(result);
  const text = JSON.stringify(result);
  if (text === '{}' || text === '[]') return null;
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
