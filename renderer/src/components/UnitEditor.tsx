// The unit of a series: a visible button (works by touch and keyboard, no hover reveal) that
// opens a small form in place. Its clicks and keys stay here, so editing never picks the row's series.
import { useRef, useState } from 'react';
import type { KeyboardEvent, SyntheticEvent } from 'react';
import { UpdateSeriesRequest } from '../../../core/contract/api.js';
import type { Series } from '../../../core/contract/api.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';
import type { FieldLabels } from '../form-errors.js';
import { useFieldErrors } from '../use-field-errors.js';
import { useFocusWhenClosed } from '../focus.js';

const labels: FieldLabels = { unit: { label: 'Unit' } };
const stop = (e: SyntheticEvent) => e.stopPropagation();

export function UnitEditor({ uid, series, canEdit, onSaved }: {
  uid: string; series: Series; canEdit: boolean; onSaved: (s: Series) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [unit, setUnit] = useState(series.unit ?? '');
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(labels);
  const opener = useRef<HTMLButtonElement>(null);
  useFocusWhenClosed(editing, opener);

  if (!canEdit) return <span className="unit">{series.unit ?? ''}</span>;

  if (!editing) {
    return (
      <span className="unit">
        <button type="button" ref={opener} className="btn btn-small btn-unit" data-testid={`edit-unit-${series.key}`}
          aria-label={series.unit ? `Change unit of ${series.key} (${series.unit})` : `Set unit of ${series.key}`}
          onClick={(e) => { e.stopPropagation(); setUnit(series.unit ?? ''); setEditing(true); }} onKeyDown={stop}>
          {series.unit ?? <span className="unit-empty">Set unit</span>}
        </button>
      </span>
    );
  }
  const cancel = () => setEditing(false);
  return (
    <form className="unit-form" ref={fields.formRef} noValidate onClick={stop}
      onKeyDown={(e: KeyboardEvent) => { e.stopPropagation(); if (e.key === 'Escape') cancel(); }}
      onSubmit={submit(async () => {
        // empty (or only spaces) clears the unit
        const raw = { unit: unit.trim() === '' ? null : unit };
        const body = fields.check(UpdateSeriesRequest, raw);
        onSaved(await fields.send(raw, () => call('updateSeries', { params: { uid, key: series.key }, body })));
        setEditing(false);
      })}>
      <input value={unit} onChange={(e) => setUnit(e.target.value)} size={8} autoFocus
        placeholder="°C, %, hPa" aria-label={`Unit of ${series.key}`} data-testid={`unit-input-${series.key}`} {...fields.field('unit')} />
      <button type="submit" className="btn btn-small" disabled={busy} data-testid={`unit-save-${series.key}`}>Save</button>
      <button type="button" className="btn btn-small btn-ghost" onClick={cancel}>Cancel</button>
      {fields.errorFor('unit')}
      {error && !fields.errors['unit'] && <span className="error-text" role="alert">{error}</span>}
    </form>
  );
}
