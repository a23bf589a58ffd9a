// Install a snap: name, channel or revision, classic confinement. Checked with the contract's
// snap.install schema before it is sent; each problem is shown next to its field.
import { useState } from 'react';
import type { Operation } from '../../../../core/contract/operations.js';
import { ApiError, call } from '../../api.js';
import { FormCard, SubmitButton } from '../../components/common.js';
import { useAction } from '../../use-action.js';
import { useFieldErrors } from '../../use-field-errors.js';
import { checkInstall, serverFieldErrors, snapFieldLabels } from './snap-forms.js';

export function InstallSnapForm({ uid, onCreated }: { uid: string; onCreated: (op: Operation) => void }) {
  const [name, setName] = useState('');
  const [channel, setChannel] = useState('');
  const [revision, setRevision] = useState('');
  const [classic, setClassic] = useState(false);
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(snapFieldLabels);

  const install = submit(async () => {
    const r = checkInstall({ name, channel, revision, classic });
    if (!r.ok) return fields.show(r.errors);
    fields.setErrors({});
    try {
      onCreated(await call('createOperation', { params: { uid }, body: { kind: 'snap.install', args: r.data } }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const fe = serverFieldErrors(e.details, r.data);
        if (Object.keys(fe).some((k) => k !== '')) fields.show(fe);
      }
      throw e;
    }
    setName(''); setChannel(''); setRevision(''); setClassic(false);
  });

  return (
    <FormCard title="Install a snap" testId="snap-install-form" onSubmit={install} error={error} formRef={fields.formRef}
      actions={<SubmitButton busy={busy} busyLabel="Asking…" testId="snap-install-submit">Install</SubmitButton>}>
      <div className="field">
        <label>Snap name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. hello-world" autoComplete="off"
            autoCapitalize="none" spellCheck={false} data-testid="snap-install-name" {...fields.field('name')} />
        </label>
        {fields.errorFor('name')}
      </div>
      <div className="field">
        <label>Channel <span className="hint">empty: stable</span>
          <input value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="e.g. latest/edge" autoComplete="off"
            autoCapitalize="none" spellCheck={false} data-testid="snap-install-channel" {...fields.field('channel')} />
        </label>
        {fields.errorFor('channel')}
      </div>
      <div className="field">
        <label>Revision <span className="hint">instead of a channel</span>
          <input value={revision} onChange={(e) => setRevision(e.target.value)} placeholder="e.g. 29" autoComplete="off" inputMode="text"
            data-testid="snap-install-revision" {...fields.field('revision')} />
        </label>
        {fields.errorFor('revision')}
      </div>
      <label className="check">
        <input type="checkbox" checked={classic} onChange={(e) => setClassic(e.target.checked)} data-testid="snap-install-classic" />
        <span>Classic confinement <span className="hint">the snap runs without a sandbox; needed by snaps published as classic</span></span>
      </label>
    </FormCard>
  );
}
