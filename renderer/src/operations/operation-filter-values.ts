// The Operations page's filter form as values, and as the list's filter: state chips stand for
// groups of states, the "To" minute is included. Pure, tested.
import type { OperationState } from '../../../core/contract/operations.js';
import type { OperationFilter } from './operation-filter.js';

/** The chips, each a group of states: "Running" is everything not finished. */
export const STATE_CHIPS: readonly { id: string; label: string; states: readonly OperationState[] }[] = [
  { id: 'running', label: 'Running', states: ['queued', 'sending', 'delivered'] },
  { id: 'succeeded', label: 'Succeeded', states: ['succeeded'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'expired', label: 'Expired', states: ['expired'] },
  { id: 'cancelled', label: 'Cancelled', states: ['cancelled'] },
];

export interface OperationFilterValues {
  device: string;
  chips: ReadonlySet<string>;
  kind: string;
  from: number | null;
  to: number | null;
}
export const NO_OPERATION_FILTER: OperationFilterValues = { device: '', chips: new Set(), kind: '', from: null, to: null };

/** The form's values as the list's filter; `batch` from the address. */
export function toOperationFilter(v: OperationFilterValues, batch: number | undefined): OperationFilter {
  return {
    device: v.device.trim() || undefined,
    states: STATE_CHIPS.filter((c) => v.chips.has(c.id)).flatMap((c) => c.states),
    kind: v.kind || undefined,
    batch,
    from: v.from ?? undefined,
    // "To 10:05" includes 10:05:59: the picker has minutes, the query an exclusive end
    to: v.to === null ? undefined : v.to + 60_000,
  };
}
