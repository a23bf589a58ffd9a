// A device's status in words (status-words.ts) and colour, for the device page header and lists.
import type { Device } from '../../../core/contract/api.js';
import { sinceWords, statusWords } from '../status-words.js';
import { formatDateTime } from '../format.js';
import { useLiveGap } from '../use-live-gap.js';
import { StatusDot } from './common.js';
import './status.css';

/** The last payload on the device's status topic, e.g. "status: maintenance". */
function StatusPayload({ device, testId }: { device: Device; testId: string }) {
  if (device.statusPayload === null) return null;
  return (
    <span className="status-payload" data-testid={testId} title={`published on outpost/v1/${device.uid}/status at ${formatDateTime(device.statusPayloadTs)}`}>
      status: <code>{device.statusPayload}</code>
    </span>
  );
}

/**
 * Device page: the plain words, then the protocol detail and since when, then the device's own status.
 * While the live stream is away (Outpost stopped, network lost) it says the status is not known.
 */
export function DeviceStatusHeader({ device, now }: { device: Device; now: number }) {
  const outpostUnreachable = useLiveGap();
  const words = statusWords(device, now, { outpostUnreachable });
  const second = [words.detail, outpostUnreachable ? null : sinceWords(device, now)].filter(Boolean).join(' · ');
  return (
    <div className="status-block" data-testid="device-status" data-status={device.status} data-health={words.health}>
      <p className="status-line">
        <StatusDot status={device.status} health={words.health} />
        <span data-testid="device-status-text">{words.text}</span>
      </p>
      {second && <p className="status-detail" data-testid="device-status-detail">{second}</p>}
      <StatusPayload device={device} testId="device-status-payload" />
    </div>
  );
}

/** A list's status cell: the label, the rest of the words under it, and the device's own status. */
export function DeviceStatusSummary({ device, now }: { device: Device; now: number }) {
  const words = statusWords(device, now, { outpostUnreachable: useLiveGap() });
  return (
    <span className="status-summary" data-health={words.health}>
      <StatusDot status={device.status} health={words.health} />
      <span className="status-text" data-testid="device-status" data-health={words.health} title={words.detail ?? undefined}>{words.label}</span>
      {words.explanation && <span className="status-reason" data-testid="device-status-reason">{words.explanation}</span>}
      <StatusPayload device={device} testId="device-status-payload" />
    </span>
  );
}
