// The "New operation" form of the device tab and the bulk action: a known kind, its arguments as
// JSON (checked against the contract's schema, problems in words next to the field) and an
// optional time to live. It hands the checked request to its owner, who sends it.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { KnownOperationKind } from '../../../core/contract/operation-kinds.js';
import { ErrorMessage } from '../components/common.js';
import { useDialogFocus } from '../focus.js';
import './operations.css';
import { KIND_CHOICES, argsHint, argsTemplate, parseArgs, parseTtlMinutes } from './operation-input.js';

export interface NewOperation { kind: KnownOperationKind; args: Record<string, unknown>; ttlSec?: number }

export function NewOperationForm({ title, submitLabel, busy, error, onSubmit, onCancel, returnFocusTo, testId = 'new-operation-form' }: {
  title: string;
  submitLabel: string;
  busy: boolean;
  /** the server's refusal, in words */
  error: string | null;
  onSubmit(op: NewOperation): void;
  onCancel(): void;
  /** where focus goes when the form closes and its opener is gone (a selector) */
  returnFocusTo?: string;
  testId?: string;
}) {
  const [kind, setKind] = useState<KnownOperationKind>('inventory.refresh');
  const [argsText, setArgsText] = useState(() => argsTemplate('inventory.refresh'));
  const [ttl, setTtl] = useState('');
  const [errors, setErrors] = useState<{ args?: string; ttl?: string }>({});
  const [shown, setShown] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  useDialogFocus(heading, returnFocusTo);

  // the first field with a problem gets focus, so keyboard and screen-reader users land on it
  useEffect(() => {
    if (shown) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [shown]);

  const chooseKind = (k: KnownOperationKind) => {
    // replace the arguments only while they are still the previous kind's untouched template
    if (argsText.trim() === argsTemplate(kind).trim() || argsText.trim() === '') setArgsText(argsTemplate(k));
    setKind(k);
    setErrors({});
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const args = parseArgs(kind, argsText);
    const ttlSec = parseTtlMinutes(ttl);
    const next = { args: args.ok ? undefined : args.message, ttl: ttlSec.ok ? undefined : ttlSec.message };
    setErrors(next);
    if (!args.ok || !ttlSec.ok) { setShown((n) => n + 1); return; }
    onSubmit({ kind, args: args.value, ...(ttlSec.value !== undefined ? { ttlSec: ttlSec.value } : {}) });
  };

  // the hint always describes the field; a problem is read first
  const field = (name: 'args' | 'ttl') => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': `${errors[name] ? `${id}-${name}-error ` : ''}${id}-${name}-hint`,
  });

  return (
    <section className="card new-op" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>{title}</h2>
      <form ref={form} className="form new-op-form" onSubmit={submit} noValidate
        onKeyDown={(e) => { if (e.key === 'Escape' && !busy) { e.preventDefault(); onCancel(); } }}>
        <label>What to do
          <select value={kind} onChange={(e) => chooseKind(e.target.value as KnownOperationKind)} data-testid="new-op-kind">
            {KIND_CHOICES.map((c) => <option key={c.kind} value={c.kind}>{c.label}</option>)}
          </select>
        </label>
        <div className="field">
          <label htmlFor={`${id}-args`}>Arguments (JSON)</label>
          <textarea id={`${id}-args`} className="new-op-args" rows={4} spellCheck={false} value={argsText}
            onChange={(e) => setArgsText(e.target.value)} {...field('args')} data-testid="new-op-args" />
          <span className="hint" id={`${id}-args-hint`}>{argsHint(kind)}</span>
          {errors.args && <span className="field-error" id={`${id}-args-error`} data-testid="field-error-args">{errors.args}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-ttl`}>Time to live (minutes, optional)</label>
          <input id={`${id}-ttl`} inputMode="numeric" value={ttl} placeholder="1440 (24 hours)" onChange={(e) => setTtl(e.target.value)}
            {...field('ttl')} data-testid="new-op-ttl" />
          <span className="hint" id={`${id}-ttl-hint`}>How long it may wait for a device that is away before it expires.</span>
          {errors.ttl && <span className="field-error" id={`${id}-ttl-error`} data-testid="field-error-ttl">{errors.ttl}</span>}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="new-op-submit">{busy ? 'Working…' : submitLabel}</button>
          <button type="button" className="btn" onClick={onCancel} disabled={busy} data-testid="new-op-cancel">Cancel</button>
        </div>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
