// Filters of the Operations page: device (its uid), states as toggle chips, kind, time range.
import { TimeRangeFields } from '../components/TimeRangeFields.js';
import { KIND_CHOICES } from './operation-input.js';
import { NO_OPERATION_FILTER, STATE_CHIPS, type OperationFilterValues } from './operation-filter-values.js';

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
        <TimeRangeFields value={value} onChange={set} testIdPrefix="op-filter" />
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
