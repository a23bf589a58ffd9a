// The status cell of a device row: dot, status word and reason (the status wording lives here only).
import type { Device } from '../../../core/contract/api.js';
import { statusLabel } from '../format.js';
import { StatusDot } from '../components/common.js';

export function DeviceStatusCell({ device: d }: { device: Device }) {
  return (
    <td className="nowrap device-status-cell">
      <StatusDot status={d.status} />
      <span className="status-text" data-testid="device-status">{statusLabel(d.status)}</span>
      {d.status !== 'never' && d.statusReason && <span className="status-reason" data-testid="device-status-reason">{d.statusReason}</span>}
    </td>
  );
}
