// One row of the Snaps table: the snap's facts, its latest operation's progress, and (for
// operators) its actions as visible buttons: Refresh, Switch channel, Revert, Enable/Disable, Remove.
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useFocusWhenClosed } from '../../focus.js';
import { isFinished } from '../../../../core/contract/operations.js';
import type { KnownOperationKind } from '../../../../core/contract/operation-kinds.js';
import { OperationProgress } from '../../operations/OperationProgress.js';
import { formatBytes, formatInstallDate } from '../inventory/inventory-format.js';
import { channelWords, confinementWords, toggleKind, type SnapRow } from './snap-rows.js';
import { SwitchChannelForm } from './SwitchChannelForm.js';

export type Act = (kind: KnownOperationKind, args: Record<string, unknown>) => Promise<boolean>;

export function SnapRowView({ row, canAct, act }: { row: SnapRow; canAct: boolean; act: Act }) {
  const [switching, setSwitching] = useState(false);
  const switchButton = useRef<HTMLButtonElement>(null);
  // Switch, Cancel or Escape closes the form: focus goes back to its button
  useFocusWhenClosed(switching, switchButton);
  const { snap, name, op } = row;
  const running = op !== null && !isFinished(op.state);
  const progress = op && <OperationProgress op={op} compact />;

  if (snap === null) {
    return (
      <tr data-testid={`snap-pending-${name}`} data-name={name} className="snap-pending">
        <td className="card-title"><strong>{name}</strong></td>
        <td colSpan={6} className="muted" data-label="Status">not installed</td>
        <td className="cell-actions snap-op-cell">{progress}</td>
      </tr>
    );
  }

  const toggle = toggleKind(snap);
  const remove = () => {
    if (!window.confirm(`Remove the snap ${name} from this device? Its data is kept in a snapshot by snapd.`)) return;
    void act('snap.remove', { name });
  };
  return (
    <tr data-testid={`snap-row-${name}`} data-name={name}>
      <td className="card-title">
        <strong>{name}</strong>
        {snap.publisher && <span className="muted snap-publisher"> · {snap.publisher}</span>}
        {row.services.length > 0 && (
          <ul className="snap-services" aria-label={`Services of ${name}`}>
            {row.services.map((s) => (
              <li key={s.name} data-testid={`snap-service-${name}-${s.name}`}>
                <code>{s.name}</code> <span className="muted">{s.active ? 'running' : 'stopped'}, {s.enabled ? 'enabled' : 'disabled'}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Version" data-testid={`snap-version-${name}`}>{snap.version} <span className="muted nowrap">rev {snap.revision}</span></td>
      <td data-label="Channel" data-testid={`snap-channel-${name}`}>{channelWords(snap)}</td>
      <td data-label="Confinement">{confinementWords(snap)}</td>
      <td data-label="Status" data-testid={`snap-status-${name}`}>{snap.status === 'installed' ? 'disabled' : (snap.status ?? '—')}</td>
      <td data-label="Installed" className="nowrap">{formatInstallDate(snap.installDate)}</td>
      <td data-label="Size" className="num nowrap">{formatBytes(snap.installedSize)}</td>
      <td className="cell-actions snap-op-cell">
        {canAct && (
          <div className="snap-actions" role="group" aria-label={`Actions for ${name}`}>
            <RowButton busy={running} testId={`snap-refresh-${name}`} label={`Refresh ${name}`} onClick={() => void act('snap.refresh', { name })}>Refresh</RowButton>
            <button type="button" ref={switchButton} className="btn btn-small" data-testid={`snap-switch-${name}`}
              aria-label={`Switch channel of ${name}`} aria-expanded={switching} onClick={() => setSwitching((s) => !s)}>Switch channel</button>
            <RowButton busy={running} testId={`snap-revert-${name}`} label={`Revert ${name} to its previous revision`}
              onClick={() => void act('snap.revert', { name })}>Revert</RowButton>
            <RowButton busy={running} testId={`snap-toggle-${name}`} label={`${toggle === 'snap.enable' ? 'Enable' : 'Disable'} ${name}`}
              onClick={() => void act(toggle, { name })}>{toggle === 'snap.enable' ? 'Enable' : 'Disable'}</RowButton>
            <RowButton busy={running} testId={`snap-remove-${name}`} label={`Remove ${name}`} danger onClick={remove}>Remove</RowButton>
          </div>
        )}
        {switching && canAct && (
          <SwitchChannelForm name={name} current={snap.trackingChannel ?? snap.channel} onClose={() => setSwitching(false)}
            onSwitch={(args) => act('snap.switch', args)} />
        )}
        {progress}
      </td>
    </tr>
  );
}

/**
 * A row action. While the snap's operation runs it is aria-disabled, not disabled: a keyboard user
 * who just pressed it keeps focus there instead of being dropped to the page's start.
 */
function RowButton({ busy, testId, label, danger = false, onClick, children }: {
  busy: boolean; testId: string; label: string; danger?: boolean; onClick: () => void; children: ReactNode;
}) {
  return (
    <button type="button" className={`btn btn-small ${danger ? 'btn-danger' : ''}`} data-testid={testId} aria-label={label}
      aria-disabled={busy || undefined} title={busy ? 'An operation on this snap is under way' : undefined}
      onClick={() => { if (!busy) onClick(); }}>{children}</button>
  );
}
