// The "Add device" form: uid, name and tags; the caller shows the credentials it returns.
import { useState } from 'react';
import type { CreateDeviceResponse } from '../../../core/contract/api.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';
import { FormCard, SubmitButton } from '../components/common.js';

export function AddDeviceForm({ onCreated }: { onCreated: (res: CreateDeviceResponse) => void }) {
  const [uid, setUid] = useState('');
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const { busy, error, submit } = useAction();

  const add = submit(async () => {
    const tagList = [...new Set(tags.split(',').map((t) => t.trim()).filter(Boolean))];
    onCreated(await call('createDevice', { body: { uid: uid.trim(), name: name.trim() || uid.trim(), tags: tagList } }));
  });

  return (
    <FormCard title="Add device" testId="add-device-form" onSubmit={add} error={error}
      actions={<SubmitButton busy={busy} busyLabel="Adding…" testId="add-device-submit">Add device</SubmitButton>}>
      <label>UID
        <input required value={uid} onChange={(e) => setUid(e.target.value)} placeholder="e.g. sensor-01"
          pattern="[A-Za-z0-9._:\-]+" title="letters, digits and . _ : - only" data-testid="device-uid" autoFocus />
      </label>
      <label>Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Greenhouse sensor" data-testid="device-name" />
      </label>
      <label>Tags <span className="hint">comma separated</span>
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="e.g. greenhouse, north" data-testid="device-tags" />
      </label>
    </FormCard>
  );
}
