// A bulk operation's live summary: what was asked, a bar of how its devices stand, the counts,
// and a link to its operations. Shown on the Operations page and after "Run operation…".
import type { Ref } from 'react';
import type { Batch } from '../../../core/contract/operations.js';
import { href } from '../router.js';
import { formatDateTime } from '../format.js';
import { Card, ErrorMessage, Loading } from '../components/common.js';
import { batchCounts, batchCountsText, type BatchCounts } from './batch-counts.js';
import { operationTitle } from './operation-words.js';
import { useBatch } from './use-batch.js';
import './operations.css';

const PARTS: readonly { key: keyof Omit<BatchCounts, 'total' | 'finished'>; label: string }[] = [
  { key: 'queued', label: 'Waiting' },
  { key: 'running', label: 'Running' },
  { key: 'succeeded', label: 'Succeeded' },
  { key: 'failed', label: 'Failed' },
  { key: 'ended', label: 'Expired or cancelled' },
];

export function BatchSummaryCard({ id, initial = null, showLink = true, headingRef }: {
  id: number;
  /** the batch as the create call answered, shown before the first fetch */
  initial?: Batch | null;
  showLink?: boolean;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { batch, error } = useBatch(id, initial);
  const counts = batch ? batchCounts(batch.summary) : null;
  return (
    <Card className="batch-summary" testId="batch-summary">
      <header className="card-head">
        <h2 ref={headingRef} tabIndex={-1}>Bulk operation #{id}{batch ? `: ${operationTitle(batch)}` : ''}</h2>
        {showLink && <a className="btn btn-small" href={href({ name: 'operations', batch: id })} data-testid="batch-link">Show its operations</a>}
      </header>
      <ErrorMessage error={error} />
      {!batch || !counts ? (!error && <Loading />) : (
        <>
          <p className="muted">
            {'tag' in batch.target ? `Devices tagged “${batch.target.tag}”` : `${batch.target.uids.length} chosen device${batch.target.uids.length === 1 ? '' : 's'}`}
            {batch.createdBy ? `, asked by ${batch.createdBy}` : ''} at {formatDateTime(batch.createdAt)}.
          </p>
          <div className="batch-bar" role="img" aria-label={batchCountsText(counts)} data-testid="batch-bar">
            {counts.total > 0 && PARTS.map(({ key }) => counts[key] > 0 && (
              <span key={key} className={`batch-bar-part batch-${key}`} style={{ width: `${(counts[key] / counts.total) * 100}%` }} />
            ))}
          </div>
          <p role="status" data-testid="batch-status" data-finished={counts.finished}>{batchCountsText(counts)}</p>
          <dl className="batch-counts">
            <div><dt>Devices</dt><dd data-testid="batch-count-total">{counts.total}</dd></div>
            {PARTS.map(({ key, label }) => (
              <div key={key}><dt><span className={`batch-swatch batch-${key}`} aria-hidden="true" />{label}</dt><dd data-testid={`batch-count-${key}`}>{counts[key]}</dd></div>
            ))}
          </dl>
          {batch.unknown && batch.unknown.length > 0 && (
            <p className="warning-note" data-testid="batch-unknown">
              {batch.unknown.length} uid{batch.unknown.length === 1 ? ' names' : 's name'} no device and got no operation: {batch.unknown.slice(0, 5).join(', ')}{batch.unknown.length > 5 ? ', …' : ''}.
            </p>
          )}
        </>
      )}
    </Card>
  );
}
