// The LwM2M tab of an LwM2M device: its registration, its objects as a tree named by the models
// with the last known values, per-path actions (each an operation whose state shows inline), and
// a chart per observed numeric resource. Values, observations and operations arrive live.
import { useMemo } from 'react';
import { mayCall } from '../../api.js';
import { Card, ErrorMessage, Loading } from '../../components/common.js';
import { useOperations } from '../../operations/use-operations.js';
import { useCreateOperation } from '../../operations/use-create-operation.js';
import type { DeviceTabProps } from '../tabs.js';
import { buildTree } from './lwm2m-tree.js';
import type { Act } from './lwm2m-ops.js';
import { ObjectTree } from './ObjectTree.js';
import { ObservedChart } from './ObservedChart.js';
import { RegistrationPanel } from './RegistrationPanel.js';
import { useLwm2mObjects } from './use-lwm2m-objects.js';
import './lwm2m.css';

const NUMERIC = new Set(['integer', 'unsignedInteger', 'float']);

export function Lwm2mTab({ uid, device, me, now }: DeviceTabProps) {
  const view = useLwm2mObjects(uid, device);
  const ops = useOperations({ device: uid });
  const canAct = mayCall(me.role, 'createOperation') && device !== null && !device.pending;
  const registration = view.data?.registration ?? null;
  // a queue-mode device sleeps between uplinks; an unregistered one is away until it registers
  const asleep = registration === null || registration.queueMode || device?.status !== 'online';

  const { create: act, error, clearError } = useCreateOperation(uid, ops.upsert);

  const tree = useMemo(() => (view.data ? buildTree(view.data) : []), [view.data]);
  const charted = useMemo(() => tree.flatMap((o) => o.instances.flatMap((i) => i.resources
    .filter((r) => r.observed !== null && r.model !== null && NUMERIC.has(r.model.type))
    .map((r) => ({ path: r.path, label: `${r.name} (${o.label})`, unit: r.model!.units ?? null })))), [tree]);

  return (
    <div className="lw-tab" data-testid="lwm2m-tab">
      {device?.pending && <p className="alert" data-testid="lw-pending-note">This device waits for approval (above): no operations until an operator approves it.</p>}
      <ErrorMessage error={error} onDismiss={clearError} />
      <ErrorMessage error={view.error} />
      {view.data === null && !view.error ? <Loading /> : (
        <RegistrationPanel registration={registration} device={device} now={now} />
      )}
      {charted.length > 0 && (
        <Card title="Observed" testId="lw-observed-charts" className="lw-charts">
          {charted.map((c) => <ObservedChart key={c.path} uid={uid} path={c.path} label={c.label} unit={c.unit} />)}
        </Card>
      )}
      {view.data && (
        <Card title="Objects" testId="lw-objects" className="lw-objects-card">
          {!canAct && device !== null && !device.pending && <p className="muted small">You can look; an operator can read, write, execute and observe.</p>}
          {tree.length === 0 ? <p className="empty small">The device has not announced any objects{registration ? '' : ' (it is not registered)'}.</p>
            : <ObjectTree objects={tree} ops={ops.operations ?? []} act={act} canAct={canAct} asleep={asleep} now={now} />}
        </Card>
      )}
    </div>
  );
}
