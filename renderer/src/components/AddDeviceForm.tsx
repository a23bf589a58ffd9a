// The "Add device" form of the device list: checked against the contract before it is sent,
// each field's problem in words next to it.
import { useState } from 'react';
import { CreateDeviceRequest } from '../../../core/contract/api.js';
import type { CreateDeviceResponse } from '../../../core/contract/api.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';
import { checkInput } from '../form-errors.js';
import type { FieldLabels } from '../form-errors.js';
import { useFieldErrors } from '../use-field-errors.js';
import { useReturnFocus } from '../focus.js';
import { FormCard, SubmitButton } from './common.js';

const addDeviceLabels: FieldLabels = { uid: { label: 'UID' }, name: { label: 'Name' }, tags: { label: 'Tags', item: 'tag' } };

/** `onCancel`: Escape closes the form; focus then goes back to the "Add device" button. */
export function AddDeviceForm({ onCreated, onCancel }: { onCreated: (res: CreateDeviceResponse) => void; onCancel?: () => void }) {
  const [uid, setUid] = useState('');
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(addDeviceLabels);
  useReturnFocus('[data-testid="add-device-toggle"]');

  const add = submit(async () => {
    const tagList = [...new Set(tags.split(',').map((t) => t.trim()).filter(Boolean))];
    // an empty name becomes the uid; a name of only spaces is refused by the schema ("Name cannot be empty.")
    const raw = { uid, name: name === '' ? uid.trim() : name, tags: tagList };
    const r = checkInput(CreateDeviceRequest, raw, addDeviceLabels);
    if (!r.ok) {
      // an empty name stands for the uid: with no uid either, only the UID field is at fault
      const { name: nameError, ...others } = r.errors;
      return fields.show(name === '' && nameError ? others : r.errors);
    }
    const body = r.data;
    onCreated(await fields.send(raw, () => call('createDevice', { body })));
  });

  return (
    <FormCard title="Add device" testId="add-device-form" onSubmit={add} error={error} formRef={fields.formRef} onEscape={onCancel}
      actions={<SubmitButton busy={busy} busyLabel="Adding…" testId="add-device-submit">Add device</SubmitButton>}>
      <div className="field">
        <label>UID <span className="hint">letters, digits and . _ : -</span>
          <input required value={uid} onChange={(e) => setUid(e.target.value)} placeholder="e.g. sensor-01" autoComplete="off"
            data-testid="device-uid" autoFocus {...fields.field('uid')} />
        </label>
        {fields.errorFor('uid')}
      </div>
      <div className="field">
        <label>Name <span className="hint">empty: same as the UID</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Greenhouse sensor" autoComplete="off"
            data-testid="device-name" {...fields.field('name')} />
        </label>
        {fields.errorFor('name')}
      </div>
      <div className="field">
        <label>Tags <span className="hint">comma separated</span>
          <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="e.g. greenhouse, north" autoComplete="off"
            data-testid="device-tags" {...fields.field('tags')} />
        </label>
        {fields.errorFor('tags')}
      </div>
    </FormCard>
  );
}
