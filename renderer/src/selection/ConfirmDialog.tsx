// A modal confirmation (native <dialog>: focus stays inside, Escape cancels). Focus moves to the
// safe choice when it opens and back to what opened it when it closes (or to `fallbackFocus`
// when that is gone, e.g. a bulk bar that disappears after its delete).
import { useEffect, useRef, type ReactNode } from 'react';
import { ErrorMessage } from '../components/common.js';
import './selection.css';

export function ConfirmDialog({ open, title, children, confirmLabel, busy, error, danger = true, onConfirm, onCancel, fallbackFocus, testId = 'confirm-dialog' }: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
  fallbackFocus?: () => HTMLElement | null;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const fallback = useRef(fallbackFocus);
  fallback.current = fallbackFocus;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      cancel.current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
    if (!open && opener.current) {
      const back = opener.current;
      opener.current = null;
      // after React has applied what closing changed (the opener may be gone by then)
      requestAnimationFrame(() => {
        const target = back instanceof HTMLElement && back.isConnected ? back : fallback.current?.();
        target?.focus();
      });
    }
  }, [open]);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${testId}-title`} data-testid={testId}
      onCancel={(e) => { e.preventDefault(); if (!busy) onCancel(); }}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <ErrorMessage error={error} />
      <div className="confirm-actions">
        <button ref={cancel} type="button" className="btn" onClick={onCancel} disabled={busy} data-testid={`${testId}-cancel`}>Cancel</button>
        <button type="button" className={`btn ${danger ? 'btn-danger-solid' : 'btn-primary'}`} onClick={onConfirm} disabled={busy}
          data-testid={`${testId}-confirm`}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
