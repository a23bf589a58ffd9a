// Which kinds of device events belong to which filter group, shared by the events query (core)
// and the events list (renderer). Pure: no Node code.
import type { EventGroup } from './api.js';

/** Kinds written today (grep addEvent): the device's own messages, its status, and what was refused. */
export const KINDS_OF_GROUP: Record<Exclude<EventGroup, 'other'>, readonly string[]> = {
  messages: ['device'],
  status: ['online', 'offline'],
  refusals: ['refused', 'auth-failed', 'rejected'],
};

export const KNOWN_KINDS: readonly string[] = Object.values(KINDS_OF_GROUP).flat();

/** A kind no group names (a later feature's) is 'other', so no event is unreachable by the filters. */
export function eventGroup(kind: string): EventGroup {
  for (const [group, kinds] of Object.entries(KINDS_OF_GROUP)) if (kinds.includes(kind)) return group as EventGroup;
  return 'other';
}

export const GROUP_LABEL: Record<EventGroup, string> = {
  messages: 'Device messages',
  status: 'Status changes',
  refusals: 'Refusals',
  other: 'Other',
};
