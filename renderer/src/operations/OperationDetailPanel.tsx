// One operation in full: its facts, error and result, the whole history (requests, replies,
// progress) with times and payloads, and Cancel / Retry for operators. Used by the device's
// Operations tab and the Operations page. Focus moves into it when it opens and back when it closes.
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Operation, OperationDetail } from '../../../core/contract/operations.js';
import { isFinished } from '../../../core/contract/operations.js';
import type { User } from '../../../core/contract/api.js';
import { call, mayCall } from '../api.js';
import { href } from '../router.js';
import { formatDateTime } from '../format.js';
import { useDialogFocus } from '../focus.js';
import { useAction } from '../use-action.js';
import { ErrorMessage, Loading } from '../components/common.js';
import { ConfirmDialog } from '../selection/ConfirmDialog.js';
import { OperationProgress } from './OperationProgress.js';
import { historyText, prettyJson } from './history-words.js';
import { operationTitle } from './operation-words.js';
import { useOperationDetail } from './use-operation-detail.js';
import './operations.css';

export function OperationDetailPanel({ id, me, panelId, showDevice, onSelect, onClose, onChanged }: {
  id: number;
  me: User;
  panelId: string;
  showDevice: boolean;
  /** opens another operation (a retry, or the one this retries) */
  onSelect(id: number): void;
  onClose(): void;
  /** an operation this panel created or changed, for the list to show before the stream says so */
  onChanged(op: Operation): void;
}) {
  const { detail, error, reload } = useOperationDetail(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const action = useAction();
  const cancelAction = useAction();
  useDialogFocus(heading, '#main h1');

  const cancel = () => void cancelAction.run(async () => {
    const op = await call('cancelOperation', { params: { id } });
    setConfirmCancel(false);
    onChanged(op);
    reload();
  });
  const retry = () => void action.run(async () => {
    const op = await call('retryOperation', { params: { id } });
    onChanged(op);
    onSelect(op.id);
  });

  const canCancel = detail && !isFinished(detail.state) && mayCall(me.role, 'cancelOperation');
  const canRetry = detail && isFinished(detail.state) && mayCall(me.role, 'retryOperation');

  return (
    <section className="card op-detail" id={panelId} aria-labelledby={`${panelId}-title`} data-testid="operation-detail" data-id={id} data-state={detail?.state}
      onKeyDown={(e) => { if (e.key === 'Escape' && !confirmCancel) { e.preventDefault(); onClose(); } }}>
      <header className="card-head">
        <h2 id={`${panelId}-title`} ref={heading} tabIndex={-1}>Operation #{id}{detail ? `: ${operationTitle(detail)}` : ''}</h2>
        <div className="card-actions">
          {canCancel && <button type="button" className="btn btn-small btn-danger" onClick={() => { cancelAction.setError(null); setConfirmCancel(true); }} data-testid="operation-cancel">Cancel operation…</button>}
          {canRetry && <button type="button" className="btn btn-small" onClick={retry} disabled={action.busy} data-testid="operation-retry">{action.busy ? 'Working…' : 'Retry'}</button>}
          <button type="button" className="btn btn-small" onClick={onClose} data-testid="operation-detail-close">Close</button>
        </div>
      </header>
      <ErrorMessage error={error ?? action.error} onDismiss={action.error ? () => action.setError(null) : undefined} />
      {!detail ? (!error && <Loading />) : <DetailBody op={detail} showDevice={showDevice} onSelect={onSelect} />}
      <ConfirmDialog open={confirmCancel} title={`Cancel operation #${id}?`} confirmLabel="Cancel operation" busy={cancelAction.busy} error={cancelAction.error}
        onConfirm={cancel} onCancel={() => setConfirmCancel(false)} testId="operation-cancel-dialog" fallbackFocus={() => heading.current}>
        <p>{detail ? operationTitle(detail) : 'This operation'} on {detail?.deviceUid ?? 'its device'} will not be sent (again).
          A device that already started it may still finish it; its answer is then kept in the history.</p>
      </ConfirmDialog>
    </section>
  );
}

function DetailBody({ op, showDevice, onSelect }: { op: OperationDetail; showDevice: boolean; onSelect(id: number): void }) {
  const retriedAs = op.history.map((h) => historyText(h).link).filter((l, i) => l && op.history[i]!.type === 'retried');
  return (
    <>
      <OperationProgress op={op} />
      <dl className="kv op-facts">
        {showDevice && <Fact label="Device"><a href={href({ name: 'device', uid: op.deviceUid, tab: 'operations' })}>{op.deviceUid}</a></Fact>}
        <Fact label="Kind"><code>{op.kind}</code></Fact>
        <Fact label="Asked by">{op.createdBy ?? '—'}</Fact>
        <Fact label="Created">{formatDateTime(op.createdAt)}</Fact>
        <Fact label="Sent">{formatDateTime(op.sentAt)}</Fact>
        <Fact label="Finished">{formatDateTime(op.finishedAt)}</Fact>
        <Fact label="Expires">{op.finishedAt === null ? formatDateTime(op.expiresAt) : '—'}</Fact>
        <Fact label="Attempts"><span data-testid="operation-detail-attempts">{op.attempts} of {op.maxAttempts}</span></Fact>
        {op.retryOf !== null && (
          <Fact label="Retry of"><button type="button" className="link-button" onClick={() => onSelect(op.retryOf!)} data-testid="detail-retry-of">#{op.retryOf}</button></Fact>
        )}
        {retriedAs.length > 0 && (
          <Fact label="Retried as">{retriedAs.map((l) => (
            <button key={l!.id} type="button" className="link-button" onClick={() => onSelect(l!.id)} data-testid="detail-retried-as">{l!.label}</button>
          ))}</Fact>
        )}
        {op.batchId !== null && <Fact label="Bulk"><a href={href({ name: 'operations', batch: op.batchId })}>Bulk operation #{op.batchId}</a></Fact>}
      </dl>
      {op.error && (
        <p className="alert alert-error op-detail-error" data-testid="operation-detail-error"><span><strong>{op.error.code}</strong>: {op.error.message}</span></p>
      )}
      {op.state === 'succeeded' && op.result !== null && op.result !== undefined && <Payload label="Result" value={op.result} testId="operation-result" />}
      <Payload label="Arguments" value={op.args} testId="operation-args" />
      <h3 className="op-history-title">History</h3>
      <ol className="op-history" data-testid="operation-history">
        {op.history.map((h) => {
          const t = historyText(h);
          return (
            <li key={h.id} className={`op-history-${t.tone}`} data-testid="history-entry" data-type={h.type}>
              <time dateTime={new Date(h.ts).toISOString()} className="op-history-time">{formatDateTime(h.ts)}</time>
              <div className="op-history-body">
                <span>{t.title}</span>
                {t.payload && <Payload label={t.payload.label} value={t.payload.value} />}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return <div className="kv-row"><dt>{label}</dt><dd>{children}</dd></div>;
}

/** A payload as indented JSON in a block that scrolls inside itself, never the page; it can be folded away. */
function Payload({ label, value, testId }: { label: string; value: unknown; testId?: string }) {
  return (
    <details className="op-payload" open data-testid={testId}>
      <summary>{label}</summary>
      <pre className="code" tabIndex={0}>{prettyJson(value)}</pre>
    </details>
  );
}
