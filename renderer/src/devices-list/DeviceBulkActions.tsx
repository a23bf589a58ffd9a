// The device list's bulk actions inside the shared BulkBar: add a tag, remove a tag, run an
// operation (operators: BulkOperation.tsx), delete (admins, after a confirmation that says how many).
import { useEffect, useMemo, useState } from 'react';
import type { BulkDevicesResponse, Device } from '../../../core/contract/api.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';
import { BulkBar } from '../selection/BulkBar.js';
import { ConfirmDialog } from '../selection/ConfirmDialog.js';
import type { Selection } from '../selection/use-selection.js';
import { ErrorMessage } from '../components/common.js';
import { bulkOutcomeText } from './bulk-wording.js';
import { BulkOperation } from './BulkOperation.js';

const plural = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

export function DeviceBulkActions({ selection, matching, devices, mayDelete, mayRunOperations, onDone, fallbackFocus }: {
  selection: Selection;
  matching: number;
  /** the devices listed, to offer the selection's tags for removal */
  devices: readonly Device[];
  mayDelete: boolean;
  mayRunOperations: boolean;
  /** after a change: the outcome in words, and what the server answered */
  onDone(text: string, result: BulkDevicesResponse): void;
  fallbackFocus(): HTMLElement | null;
}) {
  const [tag, setTag] = useState('');
  const [untag, setUntag] = useState('');
  // the uids the dialog names, fixed when it opens: exactly those are deleted
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [runOpen, setRunOpen] = useState(false);
  // a cleared selection closes the form: it must not come back with the next selection
  useEffect(() => { if (selection.count === 0) setRunOpen(false); }, [selection.count]);
  const action = useAction();
  const del = useAction();

  const selectedTags = useMemo(() => {
    const chosen = new Set(selection.keys);
    return [...new Set(devices.filter((d) => chosen.has(d.uid)).flatMap((d) => d.tags))].sort();
  }, [devices, selection.keys]);
  const untagValue = selectedTags.includes(untag) ? untag : selectedTags[0] ?? '';

  const retag = (kind: 'tag' | 'untag', value: string) => action.run(async () => {
    const r = await call('bulkDevices', { body: { action: kind, uids: selection.keys, tag: value } });
    onDone(bulkOutcomeText(r, value.trim()), r);
    if (kind === 'tag') setTag('');
  });

  const remove = () => void del.run(async () => {
    if (!confirming) return;
    const r = await call('bulkDevices', { body: { action: 'delete', uids: confirming } });
    setConfirming(null);
    selection.clear();
    onDone(bulkOutcomeText(r), r);
  });

  const count = confirming?.length ?? 0;
  return (
    <>
    <BulkBar selection={selection} matching={matching} noun={['device', 'devices']}>
      <form className="bulk-form" onSubmit={(e) => { e.preventDefault(); if (tag.trim()) void retag('tag', tag); }}>
        <label className="inline-label">Add tag
          <input value={tag} onChange={(e) => setTag(e.target.value)} maxLength={64} placeholder="e.g. north" data-testid="bulk-tag-input" />
        </label>
        <button type="submit" className="btn btn-small" disabled={action.busy || !tag.trim()} data-testid="bulk-tag-submit">Add</button>
      </form>
      {selectedTags.length > 0 && (
        <form className="bulk-form" onSubmit={(e) => { e.preventDefault(); void retag('untag', untagValue); }}>
          <label className="inline-label">Remove tag
            <select value={untagValue} onChange={(e) => setUntag(e.target.value)} data-testid="bulk-untag-select">
              {selectedTags.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
          <button type="submit" className="btn btn-small" disabled={action.busy} data-testid="bulk-untag-submit">Remove</button>
        </form>
      )}
      {mayRunOperations && (
        <button type="button" className="btn btn-small" onClick={() => setRunOpen(true)} aria-expanded={runOpen} data-testid="bulk-run-operation">
          Run operation…
        </button>
      )}
      {mayDelete && (
        <button type="button" className="btn btn-small btn-danger" onClick={() => { del.setError(null); setConfirming(selection.keys); }} data-testid="bulk-delete">
          Delete…
        </button>
      )}
      <ErrorMessage error={action.error} onDismiss={() => action.setError(null)} />
    </BulkBar>
    {mayRunOperations && (
      <BulkOperation open={runOpen && selection.count > 0} uids={selection.keys} onClose={() => setRunOpen(false)} fallbackFocus={fallbackFocus} />
    )}
    <ConfirmDialog open={confirming !== null} title={`Delete ${plural(count)}?`} confirmLabel={`Delete ${plural(count)}`}
      busy={del.busy} error={del.error} onConfirm={remove} onCancel={() => setConfirming(null)} fallbackFocus={fallbackFocus}
      testId="bulk-delete-dialog">
      <p data-testid="bulk-delete-summary">
        {plural(count)} and all their data (values, events, credentials) will be deleted. Connected devices are disconnected.
        This cannot be undone.
      </p>
      {count > 0 && count <= 5 && <p className="muted">{confirming!.join(', ')}</p>}
    </ConfirmDialog>
    </>
  );
}
