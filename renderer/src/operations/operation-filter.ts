// Which operations a view shows, and how a live update changes the rows it has: pure, tested.
import type { Operation, OperationState } from '../../../core/contract/operations.js';

export interface OperationFilter {
  device?: string;
  states?: readonly OperationState[];
  kind?: string;
  batch?: number;
  /** createdAt range: from inclusive, to exclusive (epoch ms) */
  from?: number;
  to?: number;
}

export function matchesFilter(op: Operation, f: OperationFilter): boolean {
  if (f.device !== undefined && op.deviceUid !== f.device) return false;
  if (f.states?.length && !f.states.includes(op.state)) return false;
  if (f.kind !== undefined && op.kind !== f.kind) return false;
  if (f.batch !== undefined && op.batchId !== f.batch) return false;
  if (f.from !== undefined && op.createdAt < f.from) return false;
  if (f.to !== undefined && op.createdAt >= f.to) return false;
  return true;
}

/**
 * Rows newest first (by id). A known operation is replaced (or dropped when it no longer matches,
 * e.g. a "running" filter and it finished); a new matching one goes in at its place. Updates can
 * arrive out of order: an older `updatedAt` never overwrites a newer one.
 */
export function mergeOperation(rows: readonly Operation[], op: Operation, f: OperationFilter): Operation[] {
  const at = rows.findIndex((r) => r.id === op.id);
  if (at >= 0) {
    if (rows[at]!.updatedAt > op.updatedAt) return rows as Operation[];
    const next = [...rows];
    if (matchesFilter(op, f)) next[at] = op;
    else next.splice(at, 1);
    return next;
  }
  if (!matchesFilter(op, f)) return rows as Operation[];
  const next = [...rows];
  const place = next.findIndex((r) => r.id < op.id);
  next.splice(place < 0 ? next.length : place, 0, op);
  return next;
}

/** The filter as the listOperations query. */
export function filterQuery(f: OperationFilter): { device?: string; state?: string; kind?: string; batch?: number; from?: number; to?: number } {
  return {
    device: f.device, kind: f.kind, batch: f.batch, from: f.from, to: f.to,
    state: f.states?.length ? [...f.states].sort().join(',') : undefined,
  };
}
