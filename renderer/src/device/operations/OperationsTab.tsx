// A device's operations: newest first and live, each with its detail (history, payloads, Cancel
// and Retry), and a "New operation" form for operators. The list and detail are shared with the
// Operations page (renderer/src/operations).
import { useId, useState } from 'react';
import { call, mayCall } from '../../api.js';
import { useAction } from '../../use-action.js';
import { Card, Notice } from '../../components/common.js';
import type { DeviceTabProps } from '../tabs.js';
import { useOperations } from '../../operations/use-operations.js';
import { OperationList } from '../../operations/OperationList.js';
import { OperationDetailPanel } from '../../operations/OperationDetailPanel.js';
import { NewOperationForm, type NewOperation } from '../../operations/NewOperationForm.js';
import { operationTitle } from '../../operations/operation-words.js';

export function OperationsTab({ uid, me, now }: DeviceTabProps) {
  const view = useOperations({ device: uid });
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useAction();
  const panelId = useId();
  const canCreate = mayCall(me.role, 'createOperation');

  const submit = (op: NewOperation) => void create.run(async () => {
    const created = await call('createOperation', { params: { uid }, body: op });
    view.upsert(created);
    setNotice(`Operation #${created.id} (${operationTitle(created)}) is queued${created.state === 'queued' ? '; it goes out when the device is online' : ''}.`);
    setCreating(false);
  });

  return (
    <div className="op-tab" data-testid="operations-tab">
      {notice && <Notice testId="operation-notice">{notice} <button type="button" className="link-button" onClick={() => setNotice(null)}>Dismiss</button></Notice>}
      {creating && (
        <NewOperationForm title={`New operation for ${uid}`} submitLabel="Queue operation" busy={create.busy} error={create.error}
          onSubmit={submit} onCancel={() => { setCreating(false); create.setError(null); }} returnFocusTo='[data-testid="new-operation"]' />
      )}
      {selected !== null && (
        <OperationDetailPanel key={selected} id={selected} me={me} panelId={panelId} showDevice={false}
          onSelect={setSelected} onClose={() => setSelected(null)} onChanged={view.upsert} />
      )}
      <Card className="table-card" title="Operations" testId="operations-card"
        actions={canCreate && !creating ? (
          <button type="button" className="btn btn-small btn-primary" onClick={() => { setNotice(null); setCreating(true); }} data-testid="new-operation">New operation</button>
        ) : undefined}>
        {view.error && <p className="alert alert-error" role="alert">{view.error}</p>}
        <OperationList view={view} now={now} showDevice={false} selected={selected} onSelect={setSelected} detailId={panelId}
          empty={canCreate ? 'Nothing asked of this device yet. “New operation” asks it to do something.' : 'Nothing asked of this device yet.'} />
      </Card>
    </div>
  );
}
