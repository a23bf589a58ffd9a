// Outpost's native MQTT topic scheme, one root per device:
//   outpost/v1/{uid}/telemetry | events | status | inventory   (device -> Outpost)
//   outpost/v1/{uid}/reply/{opId} | progress/{opId}             (device -> Outpost)
//   outpost/v1/{uid}/op/{opId}                                  (Outpost -> device)
export const TOPIC_PREFIX = 'outpost/v1';

export const deviceChannels = ['telemetry', 'events', 'status', 'inventory'] as const;
export const operationChannels = ['reply', 'progress', 'op'] as const;
export type DeviceChannel = (typeof deviceChannels)[number];
export type OperationChannel = (typeof operationChannels)[number];

export type ParsedTopic =
  | { uid: string; channel: DeviceChannel }
  | { uid: string; channel: OperationChannel; opId: string };

export const deviceRoot = (uid: string): string => `${TOPIC_PREFIX}/${uid}`;
export const telemetryTopic = (uid: string): string => `${deviceRoot(uid)}/telemetry`;
export const statusTopic = (uid: string): string => `${deviceRoot(uid)}/status`;

/** Parses a concrete topic of the native scheme; null for anything else. */
export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length < 4 || `${parts[0]}/${parts[1]}` !== TOPIC_PREFIX) return null;
  const [, , uid, channel, opId, ...rest] = parts;
  if (!uid || rest.length > 0) return null;
  if ((deviceChannels as readonly string[]).includes(channel!)) {
    return opId === undefined ? { uid, channel: channel as DeviceChannel } : null;
  }
  if ((operationChannels as readonly string[]).includes(channel!) && opId) {
    return { uid, channel: channel as OperationChannel, opId };
  }
  return null;
}

/**
 * Whether a topic or subscription filter stays inside the device's own root.
 * Wildcards are allowed only below the root (outpost/v1/{uid}/#), never in place of it.
 */
export function isUnderDeviceRoot(uid: string, topicOrFilter: string): boolean {
  const root = `${deviceRoot(uid)}/`;
  if (!topicOrFilter.startsWith(root)) return false;
  return topicOrFilter.length > root.length;
}

/** The uid whose root a topic is under (`outpost/v1/{uid}/…`), or undefined. */
export function rootUidOf(topic: string): string | undefined {
  const parts = topic.split('/');
  return parts.length >= 4 && `${parts[0]}/${parts[1]}` === TOPIC_PREFIX && parts[2] ? parts[2] : undefined;
}

/** A device's client ids: `{uid}`, or `{uid}:{suffix}` for a second connection of the same device. */
export function ownsClientId(uid: string, clientId: string): boolean {
  return clientId === uid || (clientId.startsWith(`${uid}:`) && clientId.length > uid.length + 1);
}

/** Every uid whose client id this could be (uids may contain ':'): the whole id and each prefix before a ':'. */
export function uidsClaimedBy(clientId: string): string[] {
  const uids = [clientId];
  for (let i = clientId.indexOf(':'); i > 0; i = clientId.indexOf(':', i + 1)) uids.push(clientId.slice(0, i));
  return uids;
}

export const operationTopic = (uid: string, opId: number): string => `${deviceRoot(uid)}/op/${opId}`;

/** The operation id in a reply/progress/op topic: a positive integer, else null. */
export function operationIdOf(opId: string): number | null {
  if (!/^[1-9][0-9]{0,14}$/.test(opId)) return null;
  return Number(opId);
}

/** Whether an MQTT subscription filter (with + and #) matches a concrete topic. */
export function filterMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return i < t.length || i === t.length;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
