// The bar above a list while something is selected: how many, select all matching, clear, and the
// list's own bulk actions (children).
import type { ReactNode } from 'react';
import type { Selection } from './use-selection.js';
import './selection.css';

export function BulkBar({ selection, matching, noun, children, testId = 'bulk-bar' }: {
  selection: Selection;
  /** how many items the list matches (all pages) */
  matching: number;
  /** e.g. ['device', 'devices'] */
  noun: readonly [string, string];
  children: ReactNode;
  testId?: string;
}) {
  if (selection.count === 0) return null;
  const word = (n: number) => `${n} ${n === 1 ? noun[0] : noun[1]}`;
  return (
    <section className="bulk-bar" aria-label="Bulk actions" data-testid={testId}>
      <div className="bulk-bar-count">
        <strong data-testid="bulk-count" aria-live="polite">{word(selection.count)} selected</strong>
        {selection.count < matching && (
          <button type="button" className="link-button" onClick={selection.selectAll} data-testid="bulk-select-all">
            Select all {word(matching)} matching
          </button>
        )}
        <button type="button" className="link-button" onClick={selection.clear} data-testid="bulk-clear">Clear selection</button>
      </div>
      <div className="bulk-bar-actions">{children}</div>
    </section>
  );
}

/** The header checkbox of a page: checks or unchecks every item on it; shows "some" as indeterminate. */
export function SelectPageCheckbox({ selection, pageKeys, label }: { selection: Selection; pageKeys: readonly string[]; label: string }) {
  const all = selection.allOf(pageKeys);
  const some = !all && selection.someOf(pageKeys);
  return (
    <input type="checkbox" aria-label={label} checked={all} disabled={pageKeys.length === 0} data-testid="select-page"
      ref={(el) => { if (el) el.indeterminate = some; }}
      onChange={() => selection.set(pageKeys, !all)} />
  );
}
