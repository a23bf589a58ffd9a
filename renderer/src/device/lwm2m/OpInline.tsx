// The latest operation about one path, inline in the tree: its state badge (or "waits for the
// device to wake up"), the value it read, or the error it failed with; live from the stream.
import type { Operation } from '../../../../core/contract/operations.js';
import { OperationStateBadge } from '../../operations/OperationProgress.js';
import { kindLabel } from '../../operations/operation-words.js';
import { href } from '../../router.js';
import { resultWords, waitWords } from './lwm2m-ops.js';

export function OpInline({ op, asleep }: { op: Operation | null; asleep: boolean }) {
  if (!op) return null;
  const waiting = waitWords(op, asleep);
  const result = op.state === 'succeeded' ? resultWords(op.result) : null;
  return (
    <div className="lw-op" data-testid="lw-op" data-state={op.state} data-kind={op.kind} role="status">
      <span className="visually-hidden">{kindLabel(op.kind)}: </span>
      {waiting ? <span className="op-state op-busy" data-testid="operation-state" data-state={op.state}>{waiting}</span> : <OperationStateBadge op={op} />}
      <span className="lw-op-kind muted">{kindLabel(op.kind).replace(/^LwM2M /, '')}</span>
      {result && <code className="lw-op-result" data-testid="lw-op-result">{result}</code>}
      {op.error && <span className="op-error" data-testid="operation-error"><strong>{op.error.code}</strong>: {op.error.message}</span>}
      <a className="lw-op-link" href={href({ name: 'device', uid: op.deviceUid, tab: 'operations' })} aria-label={`Operation ${op.id} in the Operations tab`}>#{op.id}</a>
    </div>
  );
}
