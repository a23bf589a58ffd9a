// "Run operation…" for the selected devices: the shared New operation form, a confirmation naming
// how many devices, one bulk operation (createBatch with their uids), then its live summary with a
// link to its operations. The summary stays after the selection is cleared, until dismissed.
import { useRef, useState } from 'react';
import type { Batch } from '../../../core/contract/operations.js';
import { call } from '../api.js';
import { useAction } from '../use-action.js';
import { ConfirmDialog } from '../selection/ConfirmDialog.js';
import { NewOperationForm, type NewOperation } from '../operations/NewOperationForm.js';
import { BatchSummaryCard } from '../operations/BatchSummaryCard.js';
import { operationTitle } from '../operations/operation-words.js';

const plural = (n: number) => `${n} device${n === 1 ? '' : 's'}`;
// kinds that take a device away or remove something: the confirm button is red
const RISKY = new Set(['system.reboot', 'snap.remove', 'snap.revert', 'snap.disable']);

export function BulkOperation({ open, uids, onClose, fallbackFocus }: {
  /** the form is shown */
  open: boolean;
  /** the selected devices */
  uids: readonly string[];
  onClose(): void;
  fallbackFocus(): HTMLElement | null;
}) {
  // the uids the dialog names, fixed when it opens: exactly those get the operation
  const [pending, setPending] = useState<{ op: NewOperation; uids: string[] } | null>(null);
  const [batch, setBatch] = useState<Batch | null>(null);
  const run = useAction();
  const summaryHeading = useRef<HTMLHeadingElement>(null);

  const confirm = () => void run.run(async () => {
    if (!pending) return;
    const b = await call('createBatch', { body: { ...pending.op, target: { uids: pending.uids } } });
    setBatch(b);
    setPending(null);
    onClose();
  });

  const n = pending?.uids.length ?? 0;
  const title = pending ? operationTitle(pending.op) : '';
  return (
    <>
      {open && uids.length > 0 && (
        <NewOperationForm title={`Run an operation on ${plural(uids.length)}`} submitLabel="Continue…" busy={false} error={null}
          onSubmit={(op) => { run.setError(null); setPending({ op, uids: [...uids] }); }} onCancel={onClose}
          returnFocusTo='[data-testid="bulk-run-operation"]' testId="bulk-operation-form" />
      )}
      <ConfirmDialog open={pending !== null} title={`${title} on ${plural(n)}?`} confirmLabel={`Run on ${plural(n)}`}
        danger={pending !== null && RISKY.has(pending.op.kind)} busy={run.busy} error={run.error}
        onConfirm={confirm} onCancel={() => setPending(null)} testId="bulk-operation-dialog"
        fallbackFocus={() => summaryHeading.current ?? fallbackFocus()}>
        <p data-testid="bulk-operation-summary">
          Each of the {plural(n)} gets its own operation “{title}”. Devices that are away get it when they come back, within its time to live.
        </p>
        {n > 0 && n <= 5 && <p className="muted">{pending!.uids.join(', ')}</p>}
      </ConfirmDialog>
      {batch && (
        <div className="bulk-op-result">
          <BatchSummaryCard key={batch.id} id={batch.id} initial={batch} headingRef={summaryHeading} />
          <button type="button" className="link-button" onClick={() => setBatch(null)} data-testid="batch-dismiss">Dismiss this summary</button>
        </div>
      )}
    </>
  );
}
