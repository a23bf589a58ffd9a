// One resource in the tree: name, id, value with units, age and source, the model's operations,
// and for operators Read / Write / Execute / Observe or Cancel, each with its latest operation.
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Operation } from '../../../../core/contract/operations.js';
import { relativeTime } from '../../format.js';
import { useFocusWhenClosed } from '../../focus.js';
import { canExecute, canRead, canWrite, operationsWords, parseInput, parseInstances, showValue, type ResourceNode } from './lwm2m-tree.js';
import { latestFor, type Act } from './lwm2m-ops.js';
import { OpInline } from './OpInline.js';
import { ValueInput, initialText } from './ValueInput.js';

const SOURCE_WORDS = { read: 'read', write: 'written', notify: 'notification', send: 'sent by the device' } as const;

export function ResourceRow({ r, ops, act, canAct, asleep, now }: {
  r: ResourceNode; ops: readonly Operation[]; act: Act; canAct: boolean; asleep: boolean; now: number;
}) {
  const [form, setForm] = useState<'write' | 'execute' | null>(null);
  const writeButton = useRef<HTMLButtonElement>(null);
  const execButton = useRef<HTMLButtonElement>(null);
  useFocusWhenClosed(form === 'write', writeButton);
  useFocusWhenClosed(form === 'execute', execButton);
  const m = r.model;
  const units = m?.units;
  const op = latestFor(ops, r.path);
  const testId = `lw-res-${r.path.slice(1).replaceAll('/', '-')}`;
  const observed = r.observed !== null;

  return (
    <li className="lw-res" data-testid={testId} data-path={r.path}>
      <div className="lw-res-head">
        <span className="lw-res-name"><span className="lw-id">{r.id}</span> {r.name}{m?.multiple ? <span className="muted"> (multiple)</span> : null}</span>
        <span className="lw-res-ops" title={`Operations: ${operationsWords(m)}`} aria-label={`Operations: ${operationsWords(m)}`}>{m?.operations || '—'}</span>
        {observed && <span className="badge badge-on lw-observed" data-testid="lw-observed">observed{r.observed!.state === 'pending' ? ' (pending)' : ''}</span>}
      </div>
      <div className="lw-res-value">
        {r.value ? (
          <>
            <span className="lw-value" data-testid="lw-value">{showValue(r.value, units)}</span>
            <span className="muted lw-age" data-testid="lw-age"> {relativeTime(r.value.at, now)}, {SOURCE_WORDS[r.value.source]}</span>
          </>
        ) : r.instances.length === 0 ? <span className="muted">{m?.operations === 'E' ? 'executable' : 'not read yet'}</span> : null}
        {r.instances.length > 0 && (
          <ul className="lw-res-instances" aria-label={`Instances of ${r.name}`}>
            {r.instances.map((v) => <li key={v.path}><span className="lw-id">{v.path.split('/')[4]}</span> {showValue(v, units)}</li>)}
          </ul>
        )}
      </div>
      {canAct && (
        <div className="lw-actions" role="group" aria-label={`Actions for ${r.name} (${r.path})`}>
          {canRead(m) && <button type="button" className="btn btn-small" data-testid="lw-read" aria-label={`Read ${r.name}`} onClick={() => void act('lwm2m.read', { path: r.path })}>Read</button>}
          {canWrite(m) && (
            <button type="button" ref={writeButton} className="btn btn-small" data-testid="lw-write" aria-label={`Write ${r.name}`} aria-expanded={form === 'write'}
              onClick={() => setForm((f) => (f === 'write' ? null : 'write'))}>Write</button>
          )}
          {canExecute(m) && (
            <button type="button" ref={execButton} className="btn btn-small" data-testid="lw-execute" aria-label={`Execute ${r.name}`} aria-expanded={form === 'execute'}
              onClick={() => setForm((f) => (f === 'execute' ? null : 'execute'))}>Execute</button>
          )}
          {canRead(m) && (observed ? (
            <button type="button" className="btn btn-small" data-testid="lw-cancel-observe" aria-label={`Cancel observation of ${r.name}`}
              onClick={() => void act('lwm2m.cancel-observe', { path: r.path })}>Cancel observation</button>
          ) : (
            <button type="button" className="btn btn-small" data-testid="lw-observe" aria-label={`Observe ${r.name}`}
              onClick={() => void act('lwm2m.observe', { path: r.path })}>Observe</button>
          ))}
        </div>
      )}
      {canAct && form === 'write' && m && <WriteForm r={r} act={act} onClose={() => setForm(null)} />}
      {canAct && form === 'execute' && <ExecuteForm r={r} act={act} onClose={() => setForm(null)} />}
      <OpInline op={op} asleep={asleep} />
    </li>
  );
}

function WriteForm({ r, act, onClose }: { r: ResourceNode; act: Act; onClose(): void }) {
  const m = r.model!;
  const id = useId();
  // a multiple resource: its instances as "id = value" lines (replaces them all)
  const [text, setText] = useState(() => (m.multiple
    ? r.instances.map((v) => `${v.path.split('/')[4]} = ${v.value}`).join('\n')
    : initialText(m, r.value?.value)));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let value: unknown;
    if (m.multiple) {
      const parsed = parseInstances(m.type, text, m.range);
      if (typeof parsed === 'string') { setError(parsed); return; }
      value = parsed;
    } else {
      const parsed = parseInput(m.type, text, m.range);
      if (!parsed.ok) { setError(parsed.error); return; }
      value = parsed.value;
    }
    void act('lwm2m.write', { path: r.path, value }).then((ok) => { if (ok) onClose(); });
  };
  const errorId = error ? `${id}-err` : undefined;
  return (
    <form className="lw-form" onSubmit={submit} data-testid="lw-write-form" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <label htmlFor={id}>{m.multiple ? `Instances of ${r.name}, one a line as id = value` : `New value of ${r.name}`}{m.units ? ` (${m.units})` : ''}{m.range ? `, ${m.range}` : ''}</label>
      {m.multiple
        ? <textarea id={id} rows={3} value={text} data-testid="lw-write-value" aria-invalid={error !== null || undefined} aria-describedby={errorId}
            onChange={(e) => { setText(e.target.value); setError(null); }} />
        : <ValueInput model={m} id={id} value={text} onChange={(v) => { setText(v); setError(null); }} invalid={error !== null} describedBy={errorId} />}
      {error && <span id={`${id}-err`} className="field-error" role="alert" data-testid="lw-write-error">{error}</span>}
      <div className="lw-form-actions">
        <button type="submit" className="btn btn-small btn-primary" data-testid="lw-write-submit">Write</button>
        <button type="button" className="btn btn-small" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

function ExecuteForm({ r, act, onClose }: { r: ResourceNode; act: Act; onClose(): void }) {
  const id = useId();
  const [args, setArgs] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { path: r.path };
    if (args.trim()) body.args = args.trim();
    void act('lwm2m.execute', body).then((ok) => { if (ok) onClose(); });
  };
  return (
    <form className="lw-form" onSubmit={submit} data-testid="lw-execute-form" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <label htmlFor={id}>Arguments for {r.name} (optional, e.g. 0='on',1)</label>
      <input id={id} type="text" value={args} onChange={(e) => setArgs(e.target.value)} data-testid="lw-execute-args" maxLength={1024} />
      <div className="lw-form-actions">
        <button type="submit" className="btn btn-small btn-primary" data-testid="lw-execute-submit">Execute</button>
        <button type="button" className="btn btn-small" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
