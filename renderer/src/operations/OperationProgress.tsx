// One operation's state as a badge and, while it runs, a progress bar driven by the device's reports.
import type { Operation } from '../../../core/contract/operations.js';
import { isFinished } from '../../../core/contract/operations.js';
import { STATE_LABEL, STATE_TONE, operationTitle, progressFraction } from './operation-words.js';
import './operations.css';

export function OperationStateBadge({ op }: { op: Pick<Operation, 'state'> }) {
  return <span className={`op-state op-${STATE_TONE[op.state]}`} data-testid="operation-state" data-state={op.state}>{STATE_LABEL[op.state]}</span>;
}

/** The bar is indeterminate until the device reports numbers; the error of a failed one is shown in words. */
export function OperationProgress({ op, compact = false }: { op: Operation; compact?: boolean }) {
  const fraction = progressFraction(op);
  const running = !isFinished(op.state);
  const label = `${operationTitle(op)}: ${op.progress?.summary ?? STATE_LABEL[op.state]}`;
  return (
    <div className={`op-progress ${compact ? 'op-progress-compact' : ''}`} data-testid="operation-progress" data-state={op.state} data-operation-id={op.id}>
      {running && (
        <div className="op-bar" role="progressbar" aria-label={label}
          aria-valuemin={0} aria-valuemax={100} aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}>
          <div className={`op-bar-fill ${fraction === null ? 'op-bar-indeterminate' : ''}`} style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
        </div>
      )}
      <div className="op-progress-text">
        <OperationStateBadge op={op} />
        {running && op.progress?.summary && <span className="op-summary">{op.progress.summary}</span>}
        {op.error && <span className="op-error" data-testid="operation-error"><strong>{op.error.code}</strong>: {op.error.message}</span>}
      </div>
    </div>
  );
}
