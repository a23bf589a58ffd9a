// The Snaps tab: the snaps installed on the device (from its inventory), each snap's latest
// operation with its progress, and for operators install, refresh, remove, revert, enable/disable
// and switch channel. Every action is an operation; its progress and the new inventory arrive on
// the live stream, so the table changes without a reload.
import { useEffect, useRef } from 'react';
import type { KnownOperationKind } from '../../../../core/contract/operation-kinds.js';
import { isFinished } from '../../../../core/contract/operations.js';
import { mayCall } from '../../api.js';
import { Card, ErrorMessage, Loading } from '../../components/common.js';
import { useLive } from '../../live.js';
import { OperationProgress } from '../../operations/OperationProgress.js';
import { useOperations } from '../../operations/use-operations.js';
import { useCreateOperation } from '../../operations/use-create-operation.js';
import type { DeviceTabProps } from '../tabs.js';
import { useInventory } from '../inventory/use-inventory.js';
import { InventoryStatus, NoInventory } from '../inventory/InventoryStatus.js';
import { InstallSnapForm } from './InstallSnapForm.js';
import { SnapRowView } from './SnapRowView.js';
import { snapTable } from './snap-rows.js';
import './snaps.css';

/** After a snap operation succeeds the agent sends new inventory by itself; if none came by then, ask. */
const INVENTORY_GRACE_MS = 4000;

export function SnapsTab({ uid, device, me, now }: DeviceTabProps) {
  const view = useInventory(uid);
  const ops = useOperations({ device: uid });
  const inv = view.data?.inventory ?? null;
  const seed = device?.dialect === 'seed';
  // not before the device is known: a seed device would show buttons it cannot use for a moment
  const canAct = mayCall(me.role, 'createOperation') && device !== null && !seed;

  const { create, error, clearError } = useCreateOperation(uid, ops.upsert);
  const act: (kind: KnownOperationKind, args: Record<string, unknown>) => Promise<boolean> = create;

  // the inventory that shows a snap operation's result normally follows it; ask when it does not
  const receivedAt = useRef<number | null>(null);
  receivedAt.current = view.data?.receivedAt ?? null;
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => () => { for (const t of timers.current) clearTimeout(t); }, []);
  useLive((msg) => {
    if (msg.type !== 'operation') return;
    const op = msg.operation;
    if (op.deviceUid !== uid || !op.kind.startsWith('snap.') || op.state !== 'succeeded') return;
    const finished = op.finishedAt ?? op.updatedAt;
    const t = setTimeout(() => {
      timers.current.delete(t);
      if ((receivedAt.current ?? 0) < finished) view.refreshQuietly();
    }, INVENTORY_GRACE_MS);
    timers.current.add(t);
  });

  const table = snapTable(inv?.snaps ?? [], inv?.services ?? [], ops.operations ?? [], now);
  const rows = [...table.pending, ...table.rows];

  return (
    <>
      <ErrorMessage error={error ?? ops.error} onDismiss={error ? clearError : undefined} />
      <Card title="Snaps" testId="snaps" className="table-card snaps-card"
        actions={canAct && inv?.snaps ? (
          <button type="button" className="btn btn-small" data-testid="snap-refresh-all"
            disabled={table.refreshAll !== null && !isFinished(table.refreshAll.state)}
            onClick={() => void act('snap.refresh', {})}>Refresh all snaps</button>
        ) : undefined}>
        <div className="snaps-head">
          <InventoryStatus view={view} device={device} now={now} />
          <ErrorMessage error={view.error} />
          {seed && <p className="muted" data-testid="snaps-seed-note">This device runs the seed agent: Outpost can read its snaps but
            cannot change them (the seed agent has no command for it). Install the Outpost agent to manage snaps from here.</p>}
          {table.refreshAll && <div data-testid="snap-refresh-all-progress"><OperationProgress op={table.refreshAll} /></div>}
        </div>
        {view.data === null && !view.error ? <Loading /> : inv === null ? (
          view.data !== null && <NoInventory device={device} what="snaps" />
        ) : !inv.snaps ? (
          <p className="empty small" data-testid="snaps-missing">The device did not report its snaps{inv.missing?.snaps ? `: ${inv.missing.snaps}` : '.'}</p>
        ) : (
          <table className="table compact table-cards snaps-table" data-testid="snaps-table">
            <thead>
              <tr><th>Snap</th><th>Version</th><th>Channel</th><th>Confinement</th><th>Status</th><th>Installed</th><th className="num">Size</th>
                <th>{canAct ? 'Actions' : 'Operation'}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => <SnapRowView key={r.snap ? `snap ${r.name}` : `pending ${r.name}`} row={r} canAct={canAct} act={act} />)}
            </tbody>
          </table>
        )}
      </Card>
      {canAct && inv !== null && <InstallSnapForm uid={uid} onCreated={ops.upsert} />}
    </>
  );
}
