// Every operation, newest first and live: filters (device, state, kind, time range), older pages
// on demand, each row linked to its device's Operations tab and able to show its detail. With a
// bulk operation in the address (#/operations/batch/N) its live summary is shown above its list.
import { useEffect, useId, useState } from 'react';
import type { User } from '../../../core/contract/api.js';
import { useNow } from '../format.js';
import { Card } from '../components/common.js';
import { href } from '../router.js';
import { useOperations } from '../operations/use-operations.js';
import { OperationList } from '../operations/OperationList.js';
import { OperationDetailPanel } from '../operations/OperationDetailPanel.js';
import { BatchSummaryCard } from '../operations/BatchSummaryCard.js';
import { OperationFilters } from '../operations/OperationFilters.js';
import { NO_OPERATION_FILTER, toOperationFilter, type OperationFilterValues } from '../operations/operation-filter-values.js';

export function OperationsPage({ me, batch }: { me: User; batch?: number }) {
  const [values, setValues] = useState<OperationFilterValues>(NO_OPERATION_FILTER);
  // typing a uid asks the server once the typing pauses
  const [device, setDevice] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDevice(values.device), 250);
    return () => clearTimeout(t);
  }, [values.device]);
  const view = useOperations(toOperationFilter({ ...values, device }, batch));
  const [selected, setSelected] = useState<number | null>(null);
  const now = useNow(5000);
  const panelId = useId();
  const filtered = values !== NO_OPERATION_FILTER || batch !== undefined;

  return (
    <div className="page" data-testid="operations-page">
      <header className="page-head">
        <div>
          <h1>{batch === undefined ? 'Operations' : `Operations of bulk operation #${batch}`}</h1>
          <p className="muted">What Outpost asked devices to do, newest first, updated live.</p>
        </div>
        {batch !== undefined && <div className="page-actions"><a className="btn" href={href({ name: 'operations' })} data-testid="operations-all">All operations</a></div>}
      </header>
      {batch !== undefined && <BatchSummaryCard key={batch} id={batch} showLink={false} />}
      <OperationFilters value={values} onChange={setValues} />
      {selected !== null && (
        <OperationDetailPanel key={selected} id={selected} me={me} panelId={panelId} showDevice
          onSelect={setSelected} onClose={() => setSelected(null)} onChanged={view.upsert} />
      )}
      <Card className="table-card">
        <h2 className="visually-hidden">Operation list</h2>
        {view.error && <p className="alert alert-error" role="alert">{view.error}</p>}
        <OperationList view={view} now={now} showDevice selected={selected} onSelect={setSelected} detailId={panelId}
          empty={filtered ? 'No operation matches these filters.' : 'No operations yet. Open a device and use “New operation” in its Operations tab, or select devices in the list and use “Run operation…”.'} />
      </Card>
    </div>
  );
}
