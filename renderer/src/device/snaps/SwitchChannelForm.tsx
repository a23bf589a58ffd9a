// The small in-row form that switches a snap to another channel (snap.switch).
import { useState } from 'react';
import type { OperationArgsOf } from '../../../../core/contract/operation-kinds.js';
import { useFieldErrors } from '../../use-field-errors.js';
import { checkSwitch, snapFieldLabels } from './snap-forms.js';

export function SwitchChannelForm({ name, current, onSwitch, onClose }: {
  name: string; current: string | undefined; onSwitch: (args: OperationArgsOf<'snap.switch'>) => Promise<boolean>; onClose: () => void;
}) {
  const [channel, setChannel] = useState(current ?? '');
  const [busy, setBusy] = useState(false);
  const fields = useFieldErrors(snapFieldLabels);
  return (
    <form className="snap-switch-form" ref={fields.formRef} noValidate data-testid={`snap-switch-form-${name}`}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}
      onSubmit={(e) => {
        e.preventDefault();
        const r = checkSwitch(name, channel);
        if (!r.ok) { try { fields.show(r.errors); } catch { /* the field shows it */ } return; }
        setBusy(true);
        void onSwitch(r.data).then((ok) => { setBusy(false); if (ok) onClose(); });
      }}>
      <label className="inline-label">Channel for {name}
        <input value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="e.g. latest/edge" autoComplete="off" autoFocus
          autoCapitalize="none" spellCheck={false} data-testid={`snap-switch-channel-${name}`} {...fields.field('channel')} />
      </label>
      <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid={`snap-switch-submit-${name}`}>Switch</button>
      <button type="button" className="btn btn-small" onClick={onClose}>Cancel</button>
      {fields.errorFor('channel')}
    </form>
  );
}
