// The small forms of objects and instances: Write-Attributes (pmin, pmax, gt, lt, st) and Create
// (an object instance from "resource id = value" lines, typed by the model).
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Lwm2mObjectModel } from '../../../../core/contract/lwm2m-models.js';
import { parseInput } from './lwm2m-tree.js';
import type { Act } from './lwm2m-ops.js';

const ATTRS = [
  { key: 'pmin', label: 'pmin (s)', whole: true },
  { key: 'pmax', label: 'pmax (s)', whole: true },
  { key: 'gt', label: 'gt (greater than)', whole: false },
  { key: 'lt', label: 'lt (less than)', whole: false },
  { key: 'st', label: 'st (step)', whole: false },
] as const;

export function AttributesForm({ path, act, onClose }: { path: string; act: Act; onClose(): void }) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const args: Record<string, unknown> = { path };
    for (const a of ATTRS) {
      const t = (values[a.key] ?? '').trim();
      if (t === '') continue;
      const n = Number(t);
      if (!Number.isFinite(n) || (a.whole && (!Number.isInteger(n) || n < 0)) || (a.key === 'st' && n < 0)) {
        setError(`${a.key}: ${a.whole ? 'whole seconds, 0 or more' : a.key === 'st' ? 'a number, 0 or more' : 'a number'}`);
        return;
      }
      args[a.key] = n;
    }
    if (Object.keys(args).length === 1) { setError('give at least one attribute'); return; }
    void act('lwm2m.write-attributes', args).then((ok) => { if (ok) onClose(); });
  };
  return (
    <form className="lw-form lw-attrs" onSubmit={submit} data-testid="lw-attrs-form" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <fieldset>
        <legend>Notification attributes of {path}</legend>
        <div className="lw-attr-grid">
          {ATTRS.map((a) => (
            <label key={a.key} htmlFor={`${id}-${a.key}`}>{a.label}
              <input id={`${id}-${a.key}`} type="text" inputMode="decimal" value={values[a.key] ?? ''} data-testid={`lw-attr-${a.key}`}
                onChange={(e) => { setValues((v) => ({ ...v, [a.key]: e.target.value })); setError(null); }} />
            </label>
          ))}
        </div>
      </fieldset>
      {error && <span className="field-error" role="alert">{error}</span>}
      <div className="lw-form-actions">
        <button type="submit" className="btn btn-small btn-primary" data-testid="lw-attrs-submit">Write attributes</button>
        <button type="button" className="btn btn-small" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

export function CreateForm({ objectId, model, act, onClose }: { objectId: number; model: Lwm2mObjectModel | null; act: Act; onClose(): void }) {
  const id = useId();
  const [instance, setInstance] = useState('');
  const [lines, setLines] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values: Record<string, unknown> = {};
    for (const line of lines.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const m = /^(\d{1,5})\s*=\s*(.*)$/.exec(line);
      if (!m) { setError(`"${line}": write one resource a line, as id = value`); return; }
      const res = model?.resources.find((r) => r.id === Number(m[1]));
      const parsed = res ? parseInput(res.type, m[2]!, res.range) : { ok: true as const, value: m[2]! };
      if (!parsed.ok) { setError(`resource ${m[1]}: ${parsed.error}`); return; }
      values[m[1]!] = parsed.value;
    }
    if (Object.keys(values).length === 0) { setError('give at least one resource value'); return; }
    const args: Record<string, unknown> = { path: `/${objectId}`, values };
    if (instance.trim()) {
      const n = Number(instance);
      if (!Number.isInteger(n) || n < 0 || n > 65534) { setError('the instance id is a whole number 0..65534'); return; }
      args.instanceId = n;
    }
    void act('lwm2m.create', args).then((ok) => { if (ok) onClose(); });
  };
  return (
    <form className="lw-form" onSubmit={submit} data-testid="lw-create-form" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <label htmlFor={`${id}-i`}>Instance id (empty: the device chooses)</label>
      <input id={`${id}-i`} type="text" inputMode="numeric" value={instance} onChange={(e) => setInstance(e.target.value)} data-testid="lw-create-instance" />
      <label htmlFor={`${id}-v`}>Resource values, one a line as id = value</label>
      <textarea id={`${id}-v`} rows={3} value={lines} onChange={(e) => { setLines(e.target.value); setError(null); }} data-testid="lw-create-values" placeholder="5850 = true" />
      {error && <span className="field-error" role="alert">{error}</span>}
      <div className="lw-form-actions">
        <button type="submit" className="btn btn-small btn-primary" data-testid="lw-create-submit">Create</button>
        <button type="button" className="btn btn-small" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
