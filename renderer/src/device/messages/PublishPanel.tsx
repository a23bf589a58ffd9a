// Publish a message under the device's root as an operator (POST /api/devices/:uid/messages).
import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api.js';
import { Card, Notice } from '../../components/common.js';
import { checkPublish, fieldOfServerError, type FieldErrors, type PublishFields } from './publish-form.js';

export function PublishPanel({ uid, root }: { uid: string; root: string }) {
  const [fields, setFields] = useState<PublishFields>({ topic: root, payload: '', qos: '0', retain: false, encoding: 'text' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const set = <K extends keyof PublishFields>(key: K, value: PublishFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
    setSent(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkPublish(fields, root);
    setErrors(found);
    setSent(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const r = await call('publishMessage', {
        params: { uid },
        body: { topic: fields.topic.trim(), payload: fields.payload, encoding: fields.encoding, qos: fields.qos === '1' ? 1 : 0, retain: fields.retain },
      });
      setSent(`Sent ${r.bytes} byte${r.bytes === 1 ? '' : 's'} to ${r.topic}${r.retain ? ' (retained)' : ''}.`);
    } catch (err) {
      const message = errorMessage(err);
      setErrors({ [fieldOfServerError(message)]: capitalise(message) });
    } finally {
      setBusy(false);
    }
  }

  const described = (key: keyof FieldErrors) => (errors[key] ? { 'aria-invalid': true, 'aria-describedby': `publish-${key}-error` } : {});
  const error = (key: keyof FieldErrors) => errors[key] && (
    <span className="mx-field-error" id={`publish-${key}-error`} data-testid={`publish-${key}-error`}>{errors[key]}</span>
  );

  return (
    <Card title="Publish a message" testId="publish-panel">
      <p className="hint">Sent by Outpost to the device&apos;s topics: the device receives it if it subscribes; it is not stored as the device&apos;s own data.</p>
      <form className="mx-publish" onSubmit={submit} noValidate data-testid="publish-form">
        <label className="mx-publish-topic">
          Topic
          <input value={fields.topic} onChange={(e) => set('topic', e.target.value)} spellCheck={false} autoComplete="off"
            data-testid="publish-topic" {...described('topic')} />
          {error('topic')}
        </label>
        <label className="mx-publish-payload">
          Payload
          <textarea value={fields.payload} onChange={(e) => set('payload', e.target.value)} rows={4} spellCheck={false}
            data-testid="publish-payload" {...described('payload')} />
          {error('payload')}
        </label>
        <label>
          Payload is
          <select value={fields.encoding} onChange={(e) => set('encoding', e.target.value as PublishFields['encoding'])} data-testid="publish-encoding">
            <option value="text">Text (UTF-8)</option>
            <option value="base64">Bytes as base64</option>
          </select>
        </label>
        <label>
          QoS
          <select value={fields.qos} onChange={(e) => set('qos', e.target.value)} data-testid="publish-qos" {...described('qos')}>
            <option value="0">0 — at most once</option>
            <option value="1">1 — at least once</option>
          </select>
          {error('qos')}
        </label>
        <label className="inline-label mx-publish-retain">
          <input type="checkbox" checked={fields.retain} onChange={(e) => set('retain', e.target.checked)} data-testid="publish-retain" />
          Retain (the broker keeps it for later subscribers; an empty payload clears it)
        </label>
        <div className="mx-publish-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="publish-submit">{busy ? 'Sending…' : 'Publish'}</button>
        </div>
      </form>
      {errors.form && <div className="alert alert-error" role="alert" data-testid="publish-form-error">{errors.form}</div>}
      {sent && <Notice testId="publish-sent">{sent}</Notice>}
    </Card>
  );
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
