// Small shared UI pieces.
import { useState } from 'react';
import type { FormEvent, ReactNode, Ref } from 'react';
import type { DeviceStatus } from '../../../core/contract/api.js';
import type { Health } from '../../../core/contract/device-health.js';
import { HEALTH_LABEL } from '../status-words.js';
import './status.css';

/** `health` (status-words.ts) colours it: a device that said goodbye is grey, not red. */
export function StatusDot({ status, health, testId }: { status: DeviceStatus; health: Health; testId?: string }) {
  return <span className={`dot dot-${status}`} data-status={status} data-health={health} data-testid={testId} title={HEALTH_LABEL[health]} aria-hidden="true" />;
}

export function ErrorMessage({ error, onDismiss }: { error: string | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="error-message">
      <span>{error}</span>
      {onDismiss && <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss">×</button>}
    </div>
  );
}

export function Notice({ children, testId }: { children: ReactNode; testId?: string }) {
  return <div className="alert alert-ok" role="status" data-testid={testId}>{children}</div>;
}

export function Card({ title, actions, children, className, testId }: {
  title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; testId?: string;
}) {
  return (
    <section className={`card ${className ?? ''}`} data-testid={testId}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** The primary submit button of a form: disabled and relabelled while the form's call runs. */
export function SubmitButton({ busy, busyLabel, testId, children }: {
  busy: boolean; busyLabel: string; testId: string; children: ReactNode;
}) {
  return (
    <button type="submit" className="btn btn-primary" disabled={busy} data-testid={testId}>
      {busy ? busyLabel : children}
    </button>
  );
}

/** A card holding one form in a grid: its fields, its actions below them, and its error under the form. */
export function FormCard({ title, testId, onSubmit, error, actions, children, formRef, onEscape }: {
  title: ReactNode; testId: string; onSubmit: (e: FormEvent) => void; error: string | null; actions: ReactNode; children: ReactNode;
  /** useFieldErrors' ref, to focus the first marked field */
  formRef?: Ref<HTMLFormElement>;
  /** closes the form when Escape is pressed in it */
  onEscape?: () => void;
}) {
  return (
    <Card title={title} testId={testId}>
      {/* noValidate: the contract's schema checks the fields and says what is wrong in words */}
      <form className="form form-grid" onSubmit={onSubmit} ref={formRef} noValidate
        onKeyDown={onEscape && ((e) => { if (e.key === 'Escape') { e.preventDefault(); onEscape(); } })}>
        {children}
        <div className="form-actions">{actions}</div>
      </form>
      <ErrorMessage error={error} />
    </Card>
  );
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // plain-http LAN access: the async clipboard API is unavailable
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  try {
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    ta.remove();
  }
}

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid={testId}
      onClick={() => {
        copyText(text).then(() => setState('copied'), () => setState('failed'));
        setTimeout(() => setState('idle'), 2000);
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy manually' : label}
    </button>
  );
}

export function Forbidden() {
  return (
    <div className="page">
      <div className="empty forbidden" data-testid="forbidden">
        <h1>Not allowed</h1>
        <p>Your role does not give access to this page. Ask an administrator if you need it.</p>
        <a className="btn" href="#/devices">Back to devices</a>
      </div>
    </div>
  );
}

export function Loading({ what = 'Loading…' }: { what?: string }) {
  return <div className="loading" data-testid="loading">{what}</div>;
}

export function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return <span className="muted">—</span>;
  return <span className="tags">{tags.map((t) => <span key={t} className="tag">{t}</span>)}</span>;
}
