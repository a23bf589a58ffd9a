// Filters of the Operations page: device (its uid), states as toggle chips, kind, time range.
import type { OperationState } from '../../../core/contract/operations.js';
import { fromLocalInput, toLocalInput } from '../format.js';
import { KIND_CHOICES } from './operation-input.js';
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

export function OperationFilters({ value, onChange }: { value: OperationFilterValues; onChange(v: OperationFilterValues): void }) {
  const set = (patch: Partial<OperationFilterValues>) => onChange({ ...value, ...patch });
  const toggle = (id: string) => {
    const chips = new Set(value.chips);
    if (chips.has(id)) chips.delete(id); else chips.add(id);
    set({ chips });
  };
  const any = value.device || value.chips.size || value.kind || value.from !== null || value.to !== null;
  return (
    <form className="op-filters" role="search" aria-label="Filter operations" onSubmit={(e) => e.preventDefault()} data-testid="operation-filters">
      <div className="op-filter-fields">
        <label>Device uid
          <input type="search" value={value.device} placeholder="any" maxLength={64} onChange={(e) => set({ device: e.target.value })} data-testid="op-filter-device" />
        </label>
        <label>Kind
          <select value={value.kind} onChange={(e) => set({ kind: e.target.value })} data-testid="op-filter-kind">
            <option value="">any</option>
            {KIND_CHOICES.map((c) => <option key={c.kind} value={c.kind}>{c.label}</option>)}
          </select>
        </label>
        <label>From
          <input type="datetime-local" value={value.from === null ? '' : toLocalInput(value.from)}
            onChange={(e) => set({ from: fromLocalInput(e.target.value) })} data-testid="op-filter-from" />
        </label>
        <label>To
          <input type="datetime-local" value={value.to === null ? '' : toLocalInput(value.to)}
            onChange={(e) => set({ to: fromLocalInput(e.target.value) })} data-testid="op-filter-to" />
        </label>
      </div>
      <div role="group" aria-label="Filter by state" className="op-chips">
        <span className="op-chips-label">State</span>
        {STATE_CHIPS.map((c) => (
          <button key={c.id} type="button" className="op-chip" aria-pressed={value.chips.has(c.id)} onClick={() => toggle(c.id)} data-testid={`op-chip-${c.id}`}>
            {c.label}
          </button>
        ))}
        {any ? <button type="button" className="link-button" onClick={() => onChange(NO_OPERATION_FILTER)} data-testid="op-filter-clear">Clear filters</button> : null}
      </div>
    </form>
  );
}
