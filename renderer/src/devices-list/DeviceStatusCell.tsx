// The status cell of a device row; the words and colours come from components/DeviceStatus.tsx.
import type { Device } from '../../../core/contract/api.js';
import { DeviceStatusSummary } from '../components/DeviceStatus.js';

export function DeviceStatusCell({ device, now }: { device: Device; now: number }) {
  return (
    <td className="nowrap device-status-cell">
      <DeviceStatusSummary device={device} now={now} />
    </td>
  );
}
