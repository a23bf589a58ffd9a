// The device's identity; operators rename it and change its tags and expected reporting interval in place.
import { useRef, useState } from 'react';
import { EXPECTED_INTERVAL_MAX_SEC, EXPECTED_INTERVAL_MIN_SEC, UpdateDeviceRequest } from '../../../core/contract/api.js';
import { durationWords } from '../status-words.js';
import type { Device } from '../../../core/contract/api.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';
import type { FieldLabels } from '../form-errors.js';
import { useFieldErrors } from '../use-field-errors.js';
import { useFocusWhenClosed } from '../focus.js';
import { formatDateTime, relativeTime } from '../format.js';
import { Card, ErrorMessage, SubmitButton, Tags } from './common.js';

const parseTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
// empty: no expectation; anything else is checked as typed, and the check words what is wrong
const parseInterval = (text: string) => (text.trim() === '' ? null : Number(text.trim()));
const labels: FieldLabels = {
  name: { label: 'Name' }, tags: { label: 'Tags', item: 'tag' }, expectedIntervalSec: { label: 'Expected reporting interval' },
};

export function DeviceInfoCard({ device, now, canEdit, onSaved }: {
  device: Device; now: number; canEdit: boolean; onSaved: (d: Device) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(device.name);
  const [tags, setTags] = useState(device.tags.join(', '));
  const [intervalText, setIntervalText] = useState(device.expectedIntervalSec?.toString() ?? '');
  const { busy, error, submit } = useAction();
  const fields = useFieldErrors(labels);
  const editButton = useRef<HTMLButtonElement>(null);
  // Save or Cancel closes the form: focus goes back to "Edit"
  useFocusWhenClosed(editing, editButton);
  const startEditing = () => {
    setName(device.name);
    setTags(device.tags.join(', '));
    setIntervalText(device.expectedIntervalSec?.toString() ?? '');
    fields.setErrors({});
    setEditing(true);
  };
  const edit = canEdit && !editing
    ? <button type="button" ref={editButton} className="btn btn-small" onClick={startEditing} data-testid="edit-device"
      aria-label={`Edit name, tags and reporting interval of ${device.uid}`}>Edit</button>
    : null;

  return (
    <Card title="Device" testId="device-info" actions={edit}>
      {editing ? (
        <form className="form" ref={fields.formRef} noValidate onKeyDown={(e) => { if (e.key === 'Escape') setEditing(false); }}
          onSubmit={submit(async () => {
            const raw = { name, tags: parseTags(tags), expectedIntervalSec: parseInterval(intervalText) };
            const body = fields.check(UpdateDeviceRequest, raw);
            onSaved(await fields.send(raw, () => call('updateDevice', { params: { uid: device.uid }, body })));
            setEditing(false);
          })}>
          <div className="field">
            <label>Name
              <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="edit-device-name" autoFocus
                {...fields.field('name')} />
            </label>
            {fields.errorFor('name')}
          </div>
          <div className="field">
            <label>Tags <span className="hint">comma separated</span>
              <input value={tags} onChange={(e) => setTags(e.target.value)} data-testid="edit-device-tags" {...fields.field('tags')} />
            </label>
            {fields.errorFor('tags')}
          </div>
          <div className="field">
            <label>Expected reporting interval <span className="hint">seconds; silence past 1.5 × this is a warning; empty: none</span>
              <input type="number" inputMode="numeric" min={EXPECTED_INTERVAL_MIN_SEC} max={EXPECTED_INTERVAL_MAX_SEC} step={1}
                value={intervalText} onChange={(e) => setIntervalText(e.target.value)} placeholder="e.g. 60" data-testid="edit-device-interval"
                {...fields.field('expectedIntervalSec')} />
            </label>
            {fields.errorFor('expectedIntervalSec')}
          </div>
          <ErrorMessage error={error} />
          <div className="form-actions">
            <SubmitButton busy={busy} busyLabel="Saving…" testId="save-device">Save</SubmitButton>
            <button type="button" className="btn" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <dl className="kv">
          <div className="kv-row"><dt>UID</dt><dd><code data-testid="device-uid">{device.uid}</code></dd></div>
          <div className="kv-row"><dt>Name</dt><dd>{device.name}</dd></div>
          <div className="kv-row"><dt>Tags</dt><dd><Tags tags={device.tags} /></dd></div>
          <div className="kv-row"><dt>Reports every</dt><dd data-testid="device-interval">
            {device.expectedIntervalSec === null ? <span className="muted">no expectation</span> : durationWords(device.expectedIntervalSec * 1000)}
          </dd></div>
          <div className="kv-row"><dt>Created</dt><dd>{formatDateTime(device.createdAt)}</dd></div>
          <div className="kv-row"><dt>Last seen</dt><dd data-testid="device-last-seen" title={formatDateTime(device.lastSeen)}>{relativeTime(device.lastSeen, now)}</dd></div>
        </dl>
      )}
    </Card>
  );
}
