// A device that registered itself (an unknown LwM2M endpoint while Settings accept new ones) and
// waits for an operator: the "Waiting for approval" badge and the Approve / Reject buttons, shared
// by the device list and the device page. Reject deletes the device, so it asks first.
import type { Device, User } from '../../../core/contract/api.js';
import { call, mayCall } from '../api.js';
import { useAction } from '../use-action.js';
import { ErrorMessage } from './common.js';
import './pending.css';

export function PendingBadge() {
  return <span className="badge badge-pending" data-testid="pending-badge">Waiting for approval</span>;
}

export function ApprovalButtons({ device, me, onApproved, onRejected }: {
  device: Device; me: User; onApproved?(d: Device): void; onRejected?(): void;
}) {
  const { busy, error, setError, run } = useAction();
  if (!mayCall(me.role, 'approveDevice')) return null;
  const approve = () => void run(async () => {
    // not onApproved?.(await call(…)): an absent callback would skip the call itself
    const approved = await call('approveDevice', { params: { uid: device.uid } });
    onApproved?.(approved);
  });
  const reject = () => {
    if (!window.confirm(`Reject ${device.uid}? It is deleted with its registration; if it registers again it waits for approval again.`)) return;
    void run(async () => { await call('rejectDevice', { params: { uid: device.uid } }); onRejected?.(); });
  };
  return (
    <span className="approval" role="group" aria-label={`Approval of ${device.uid}`}>
      <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={approve} data-testid="approve-device"
        aria-label={`Approve ${device.uid}`}>Approve</button>
      <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={reject} data-testid="reject-device"
        aria-label={`Reject ${device.uid}`}>Reject</button>
      <ErrorMessage error={error} onDismiss={() => setError(null)} />
    </span>
  );
}
