// The unit of a series, editable in place by those who may change it.
import { useState } from 'react';
import type { Series } from '../../../core/contract/api.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';

export function UnitEditor({ uid, series, canEdit, onSaved }: {
  uid: string; series: Series; canEdit: boolean; onSaved: (s: Series) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [unit, setUnit] = useState(series.unit ?? '');
  const { busy, error, submit } = useAction();

  if (!editing) {
    return (
      <span className="unit">
        {series.unit ?? ''}
        {canEdit && (
          <button type="button" className="btn btn-small btn-ghost" data-testid={`edit-unit-${series.key}`}
            onClick={(e) => { e.stopPropagation(); setUnit(series.unit ?? ''); setEditing(true); }}>
            {series.unit ? 'edit' : 'set unit'}
          </button>
        )}
      </span>
    );
  }
  return (
    <form className="unit-form" onClick={(e) => e.stopPropagation()} onSubmit={submit(async () => {
      onSaved(await call('updateSeries', { params: { uid, key: series.key }, body: { unit: unit.trim() || null } }));
      setEditing(false);
    })}>
      <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={32} size={6} autoFocus
        placeholder="°C" aria-label={`Unit of ${series.key}`} data-testid={`unit-input-${series.key}`} />
      <button type="submit" className="btn btn-small" disabled={busy}>Save</button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(false)}>Cancel</button>
      {error && <span className="error-text" role="alert">{error}</span>}
    </form>
  );
}
