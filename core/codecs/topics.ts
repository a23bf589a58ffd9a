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
