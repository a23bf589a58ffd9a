// A device's state in words, plain words first and the protocol detail second, one wording for
// every view (device page header, device list, dots' titles). Pure: no React, no DOM.
import type { Device } from '../../core/contract/api.js';
import { deviceHealth, isOverdue, type Health } from '../../core/contract/device-health.js';
import { formatWhen, relativeTime } from './format.js';

export interface StatusWords {
  health: Health;
  /** a word or two: "Online", "Disconnected", "Connection lost", "Unknown" */
  label: string;
  /** what follows the label: "the device did not say goodbye; its last will was sent", "last message 5 s ago" */
  explanation: string | null;
  /** the one line people read: "Connection lost — the device did not say goodbye; its last will was sent" */
  text: string;
  /** what the protocol said, for who wants to know: "MQTT: connection closed without DISCONNECT, last will sent" */
  detail: string | null;
}

/** One word for each level of health: the list's status chips, the dots' titles. */
export const HEALTH_LABEL: Record<Health, string> = {
  online: 'Online',
  idle: 'Offline',
  warning: 'Warning',
  unknown: 'Unknown',
  never: 'Never connected',
};

/** "45 s", "5 min", "3 h", "2 days" */
export function durationWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'}`;
}

const lastMessage = (d: Device, now: number) => `last message ${relativeTime(d.lastSeen, now)}`;
const will = (d: Device) => (d.willSent ? '; its last will was sent' : '');
// "disconnected by Outpost: a new token was issued" -> "a new token was issued"
const outpostsWhy = (reason: string | null) => reason?.replace(/^(disconnected|closed) by Outpost(: )?/, '') || null;

/**
 * `outpostUnreachable`: the page has lost its live stream, so nothing it shows is known to be
 * current: the status is unknown, with the last known one as the detail.
 */
export function statusWords(d: Device, now: number, { outpostUnreachable = false } = {}): StatusWords {
  if (outpostUnreachable) {
    return {
      health: 'unknown', label: 'Unknown', explanation: 'Outpost is not reachable',
      text: 'Unknown — Outpost is not reachable', detail: `last known: ${statusWords(d, now).text}`,
    };
  }
  const health = deviceHealth(d, now);
  // "Label · when" or "Label — why"
  const words = (label: string, text: string, detail: string | null = null): StatusWords => {
    const explanation = text.startsWith(label) ? text.slice(label.length).replace(/^ (·|—) /, '') || null : null;
    return { health, label, explanation, text, detail };
  };
  const protocol = d.statusReason ? `${d.dialect === 'lwm2m' ? 'LwM2M' : 'MQTT'}: ${d.statusReason}` : null;

  if (d.status === 'never') return words('Never connected', 'Never connected');
  if (isOverdue(d, now) && (d.status === 'online' || d.offlineCause === 'disconnected' || d.offlineCause === 'deregistered')) {
    return words('Overdue', `Overdue — expected every ${durationWords(d.expectedIntervalSec! * 1000)}, ${lastMessage(d, now)}`,
      d.status === 'online' ? 'still connected' : protocol);
  }
  if (d.status === 'online') return words('Online', d.lastSeen === null ? 'Online' : `Online · ${lastMessage(d, now)}`);

  switch (d.offlineCause) {
    case 'disconnected':
      return d.willSent
        ? words('Disconnected', `Disconnected — its last will was sent · ${lastMessage(d, now)}`, protocol)
        : words('Disconnected', `Disconnected · ${lastMessage(d, now)}`, 'MQTT: the device said goodbye (DISCONNECT)');
    case 'connection-lost':
      return words('Connection lost', `Connection lost — the device did not say goodbye${will(d)}`, protocol);
    case 'keepalive-timeout':
      return words('No keepalive', `No keepalive — the device stopped answering within its keepalive${will(d)}`, protocol);
    case 'silent': {
      const silentFor = d.lastSeen === null ? '' : ` for ${durationWords(now - d.lastSeen)}`;
      return words('Silent', `Silent${silentFor}`, 'connected, but no message for longer than the silence timeout in Settings');
    }
    case 'kicked': {
      const why = outpostsWhy(d.statusReason);
      return words('Disconnected by Outpost', `Disconnected by Outpost${why ? ` — ${why}` : ''}`, protocol);
    }
    case 'deregistered':
      return words('De-registered', `De-registered · ${lastMessage(d, now)}`, 'LwM2M: the device said goodbye (De-register)');
    case 'lifetime-expired':
      return words('Lifetime expired', 'Lifetime expired — the device did not update its LwM2M registration in time', protocol);
    case 'outpost-restarted': {
      const back = d.statusSince === null ? '' : ` to ${formatWhen(d.statusSince, now)}`;
      const stopped = d.outpostStoppedAt === null
        ? (d.statusSince === null ? null : `Outpost restarted at ${formatWhen(d.statusSince, now)}`)
        : `Outpost was stopped from ${formatWhen(d.outpostStoppedAt, now)}${back}`;
      return words('Unknown', 'Unknown — Outpost was stopped, waiting for the device to reconnect', stopped);
    }
    default:
      // offline from before causes were recorded
      return words('Offline', d.statusReason ? `Offline — ${d.statusReason}` : 'Offline');
  }
}

/** "since 21:03:01 (2 min ago)", for the time the status last changed (a restart's detail already says when) */
export function sinceWords(d: Device, now: number): string | null {
  if (d.statusSince === null || (d.status === 'offline' && d.offlineCause === 'outpost-restarted')) return null;
  return `since ${formatWhen(d.statusSince, now)} (${relativeTime(d.statusSince, now)})`;
}
