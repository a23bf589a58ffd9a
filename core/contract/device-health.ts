// What a device's state means to the person watching: one of a few levels, the same in every view.
// Pure: shared by core (filters) and the renderer (dots, chips, wording).
import type { Device } from './api.js';

/**
 * - online: connected (and reporting as often as expected)
 * - idle: offline by design (it said goodbye: MQTT DISCONNECT, LwM2M De-register) and not overdue
 * - warning: lost, timed out, silent, kicked, LwM2M lifetime expired, or overdue against its expected interval
 * - unknown: Outpost itself was down; nothing is known until the device comes back
 * - never: never connected
 */
export type Health = 'online' | 'idle' | 'warning' | 'unknown' | 'never';

/** How much later than its expected interval a device may report before it counts as overdue. */
export const OVERDUE_FACTOR = 1.5;

export function isOverdue(d: Pick<Device, 'expectedIntervalSec' | 'lastSeen'>, now: number): boolean {
  if (d.expectedIntervalSec === null || d.lastSeen === null) return false;
  return now - d.lastSeen > d.expectedIntervalSec * 1000 * OVERDUE_FACTOR;
}

export function deviceHealth(d: Device, now: number): Health {
  if (d.status === 'never') return 'never';
  if (d.status === 'online') return isOverdue(d, now) ? 'warning' : 'online';
  if (d.offlineCause === 'outpost-restarted') return 'unknown';
  if ((d.offlineCause === 'disconnected' && !d.willSent) || d.offlineCause === 'deregistered') return isOverdue(d, now) ? 'warning' : 'idle';
  return 'warning';
}
