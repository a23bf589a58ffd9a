// A sortable column header: a real button inside the <th> (keyboard), aria-sort on the <th>.
import type { Sort, SortKey } from './device-filters.js';

export function SortHeader({ label, column, sort, onSort, className }: {
  label: string; column: SortKey; sort: Sort; onSort(column: SortKey): void; className?: string;
}) {
  const active = sort.key === column;
  return (
    <th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(column)} data-testid={`sort-${column}`}>
        {label}
        <span className="sort-arrow" aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
}
