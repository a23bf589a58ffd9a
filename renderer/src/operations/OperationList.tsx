// A list of operations, newest first: what, state and progress, who asked, when, attempts; a
// button per row opens its detail. A table on wide screens, cards on a phone (.table-cards).
import type { Operation } from '../../../core/contract/operations.js';
import { href } from '../router.js';
import { formatDateTime, formatWhen } from '../format.js';
import { Loading } from '../components/common.js';
import { OperationProgress } from './OperationProgress.js';
import { operationTitle } from './operation-words.js';
import type { OperationsView } from './use-operations.js';
import './operations.css';

export function OperationList({ view, now, showDevice, selected, onSelect, empty, detailId }: {
  view: OperationsView;
  now: number;
  /** the global page names each row's device; the device tab does not */
  showDevice: boolean;
  selected: number | null;
  onSelect(id: number): void;
  /** what to say when nothing matches */
  empty: string;
  /** the id of the detail panel the row buttons control */
  detailId: string;
}) {
  const ops = view.operations;
  if (ops === null) return <Loading />;
  if (ops.length === 0) return <div className="empty" data-testid="operations-empty">{empty}</div>;
  return (
    <>
      <table className="table table-cards op-table" data-testid="operations-table">
        <thead>
          <tr>
            <th scope="col">Operation</th>
            {showDevice && <th scope="col">Device</th>}
            <th scope="col">State</th>
            <th scope="col">Asked by</th>
            <th scope="col">Created</th>
            <th scope="col">Finished</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {ops.map((op) => (
            <OperationRow key={op.id} op={op} now={now} showDevice={showDevice} selected={op.id === selected} onSelect={onSelect} detailId={detailId} />
          ))}
        </tbody>
      </table>
      <div className="op-more">
        <span className="muted" data-testid="operations-shown">{ops.length} operation{ops.length === 1 ? '' : 's'} shown{view.hasMore ? '' : ' (all)'}</span>
        {view.hasMore && (
          <button type="button" className="btn btn-small" onClick={view.loadMore} disabled={view.loadingMore} data-testid="operations-load-older">
            {view.loadingMore ? 'Loading…' : 'Load older'}
          </button>
        )}
      </div>
    </>
  );
}

function OperationRow({ op, now, showDevice, selected, onSelect, detailId }: {
  op: Operation; now: number; showDevice: boolean; selected: boolean; onSelect(id: number): void; detailId: string;
}) {
  return (
    <tr className={selected ? 'selected' : undefined} data-testid="operation-row" data-id={op.id} data-state={op.state} data-device={op.deviceUid}>
      <td className="card-title">
        <button type="button" className="link-button op-open" onClick={() => onSelect(op.id)} aria-expanded={selected} aria-controls={selected ? detailId : undefined}
          data-testid="operation-open">
          <span className="op-id">#{op.id}</span> {operationTitle(op)}
        </button>
        {op.retryOf !== null && (
          <span className="op-link-note"> retry of <button type="button" className="link-button" onClick={() => onSelect(op.retryOf!)} data-testid="operation-retry-of">#{op.retryOf}</button></span>
        )}
      </td>
      {showDevice && (
        <td data-label="Device"><a href={href({ name: 'device', uid: op.deviceUid, tab: 'operations' })} data-testid="operation-device">{op.deviceUid}</a></td>
      )}
      <td data-label="State"><OperationProgress op={op} compact /></td>
      <td data-label="Asked by">{op.createdBy ?? <span className="muted">—</span>}</td>
      <td data-label="Created" className="nowrap" title={formatDateTime(op.createdAt)}>{formatWhen(op.createdAt, now)}</td>
      <td data-label="Finished" className="nowrap">{op.finishedAt === null ? <span className="muted">—</span> : formatWhen(op.finishedAt, now)}</td>
      <td data-label="Attempts" className="num" data-testid="operation-attempts">{op.attempts}/{op.maxAttempts}</td>
    </tr>
  );
}
