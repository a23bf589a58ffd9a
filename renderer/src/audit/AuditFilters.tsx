// Filters of the audit log: actor (part of the name), action (those present), time range.
import type { AuditFacets } from '../../../core/contract/api.js';
import { TimeRangeFields } from '../components/TimeRangeFields.js';

export interface AuditFilterValues {
  actor: string;
  action: string;
  from: number | null;
  to: number | null;
}
export const NO_AUDIT_FILTER: AuditFilterValues = { actor: '', action: '', from: null, to: null };

export function AuditFilters({ value, facets, onChange }: {
  value: AuditFilterValues; facets: AuditFacets | null; onChange(v: AuditFilterValues): void;
}) {
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });
  const any = value.actor || value.action || value.from !== null || value.to !== null;
  return (
    <form className="audit-filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <label>Actor
        <input type="search" value={value.actor} list="audit-actors" placeholder="any" maxLength={64}
          onChange={(e) => set({ actor: e.target.value })} data-testid="audit-filter-actor" />
        <datalist id="audit-actors">{facets?.actors.map((a) => <option key={a} value={a} />)}</datalist>
      </label>
      <label>Action
        <select value={value.action} onChange={(e) => set({ action: e.target.value })} data-testid="audit-filter-action">
          <option value="">any</option>
          {facets?.actions.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </label>
      <TimeRangeFields value={value} onChange={set} testIdPrefix="audit-filter" />
      {any && <button type="button" className="btn btn-small" onClick={() => onChange(NO_AUDIT_FILTER)} data-testid="audit-filter-clear">Clear filters</button>}
    </form>
  );
}
