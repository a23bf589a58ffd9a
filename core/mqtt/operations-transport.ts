// Native MQTT delivery of operations (README, Operations):
//   Outpost publishes outpost/v1/{uid}/op/{opId} (QoS 1); the device's PUBACK means delivered;
//   the device answers on reply/{opId} and may report on progress/{opId} before.
// A device is reachable while one of its connections subscribes to its op topics.
import type { Aedes, Client } from 'aedes';
import { filterMatches, operationIdOf, operationTopic, parseTopic } from '../codecs/topics.js';
import { decodeOperationProgress, decodeOperationReply, encodeOperationMessage } from '../codecs/operation-messages.js';
import type { DeviceRow } from '../devices/device-row.js';
import { isLwm2mKind } from '../contract/lwm2m-operations.js';
import type { DeviceStore } from '../devices/devices.js';
import type { OperationReports, OperationTransport } from '../operations/transport.js';

export interface MqttOperations {
  transport: OperationTransport;
  /** A reply or progress publish from a device; resolves once recorded (then the device gets its PUBACK). */
  incoming(device: DeviceRow, channel: 'reply' | 'progress', opId: string, payload: Buffer): Promise<void>;
  /** Call from aedes' connackSent, subscribe, unsubscribe, ack and clientDisconnect events. */
  connected(device: DeviceRow, client: Client, sessionPresent: boolean): void;
  subscribed(device: DeviceRow, client: Client): void;
  gone(device: DeviceRow, client: Client): void;
  acked(device: DeviceRow, topic: string): void;
}

const RAW_TEXT_MAX = 2000;

export function createMqttOperations(broker: Aedes, devices: DeviceStore, reports: OperationReports): MqttOperations {
  // connections of each device that receive its operations, with whether their session was kept
  const receivers = new Map<string, Map<Client, boolean>>();
  const sessionKept = new WeakMap<Client, boolean>();

  const receivesOps = (uid: string, client: Client) => {
    const probe = operationTopic(uid, 1);
    return Object.keys((client as Client & { subscriptions?: object }).subscriptions ?? {}).some((f) => filterMatches(f, probe));
  };

  const update = (device: DeviceRow, client: Client) => {
    const uid = device.uid;
    const before = receivers.get(uid)?.size ?? 0;
    let set = receivers.get(uid);
    if (!client.closed && receivesOps(uid, client)) {
      if (!set) receivers.set(uid, (set = new Map()));
      set.set(client, sessionKept.get(client) ?? false);
    } else {
      set?.delete(client);
      if (set?.size === 0) receivers.delete(uid);
    }
    const after = receivers.get(uid)?.size ?? 0;
    if (before === 0 && after > 0) reports.reachable(uid, { sessionKept: sessionKept.get(client) ?? false });
    if (before > 0 && after === 0) reports.unreachable(uid);
  };

  // PUBACKs of operations sent on clean sessions, whose acks aedes reports without the packet
  const inflight = new WeakMap<Client, Map<number, number>>();
  const watchAcks = (device: string, client: Client) => {
    const parser = (client as unknown as { _parser: { on(e: 'packet', l: (p: { cmd: string; messageId?: number }) => void): void } })._parser;
    parser.on('packet', (p) => {
      if (p.cmd !== 'puback' || p.messageId === undefined) return;
      const ids = inflight.get(client);
      const opId = ids?.get(p.messageId);
      if (opId === undefined) return;
      ids!.delete(p.messageId);
      void reports.delivered(device, opId);
    });
  };

  /**
   * Sends an op to one connection. aedes chooses packet ids itself and, on a clean session, tells
   * nobody which PUBACK acknowledged what; so the id is taken here from the client's own counter
   * (as aedes' QoSPacket does) and given to aedes' delivery, which keeps an id it is given. A
   * persistent session stores it first (as Client.publish does), so it is resent after a reconnect.
   */
  async function sendTo(client: Client, uid: string, opId: number, payload: Buffer): Promise<void> {
    const c = client as Client & { _nextId: number; clean: boolean; deliverQoS(p: object, cb: (e?: Error) => void): void };
    const b = broker as unknown as { id: string; counter: number; persistence: { outgoingEnqueue(sub: object, p: object): Promise<void> } };
    const messageId = c._nextId;
    c._nextId = messageId >= 65535 ? 1 : messageId + 1;
    const packet = { cmd: 'publish', topic: operationTopic(uid, opId), payload, qos: 1, retain: false, dup: false, messageId, brokerId: b.id, brokerCounter: ++b.counter };
    let ids = inflight.get(client);
    if (!ids) {
      inflight.set(client, (ids = new Map()));
      watchAcks(uid, client);
    }
    ids.set(messageId, opId);
    if (!c.clean) await b.persistence.outgoingEnqueue({ clientId: client.id }, packet);
    await new Promise<void>((resolve) => c.deliverQoS(packet, () => resolve()));
    if (client.closed) throw new Error('the connection closed while sending');
  }

  const note = async (device: DeviceRow, opId: string, outcome: Promise<string> | string) => {
    if ((await outcome) === 'unknown') {
      devices.addEvent(device, 'rejected', `message for operation ${opId}, which is not one of this device's`, { coalesceBy: 'unknown-operation' });
    }
  };

  return {
    transport: {
      name: 'mqtt',
      serves: (device) => device.dialect === 'native',
      // LwM2M operations need an LwM2M device: refused when created
      accepts: (kind) => !isLwm2mKind(kind),
      reachable: (uid) => (receivers.get(uid)?.size ?? 0) > 0,
      send: (op) => new Promise<void>((resolve, reject) => {
        const client = [...(receivers.get(op.deviceUid)?.keys() ?? [])].at(-1);
        if (!client) return reject(new Error('the device is not connected'));
        sendTo(client, op.deviceUid, op.id, encodeOperationMessage({ kind: op.kind, args: op.args, expiresAt: op.expiresAt }))
          .then(resolve, reject);
      }),
    },

    async incoming(device, channel, opIdText, payload) {
      const opId = operationIdOf(opIdText);
      if (opId === null) return note(device, opIdText, 'unknown');
      const decoded = channel === 'reply' ? decodeOperationReply(payload) : decodeOperationProgress(payload);
      if (!decoded.ok) {
        const raw = payload.subarray(0, RAW_TEXT_MAX * 4).toString('utf8').slice(0, RAW_TEXT_MAX);
        return note(device, opIdText, reports.malformed(device.uid, opId, channel, decoded.reason, raw));
      }
      const outcome = channel === 'reply'
        ? reports.reply(device.uid, opId, decoded.value as Parameters<OperationReports['reply']>[2])
        : reports.progress(device.uid, opId, decoded.value as Parameters<OperationReports['progress']>[2]);
      return note(device, opIdText, outcome);
    },

    connected(device, client, sessionPresent) {
      sessionKept.set(client, sessionPresent);
      update(device, client);
    },
    subscribed: update,
    gone(device, client) {
      receivers.get(device.uid)?.delete(client);
      if (receivers.get(device.uid)?.size === 0) {
        receivers.delete(device.uid);
        reports.unreachable(device.uid);
      }
    },
    acked(device, topic) {
      const parsed = parseTopic(topic);
      if (parsed?.channel !== 'op' || parsed.uid !== device.uid) return;
      const opId = operationIdOf(parsed.opId);
      if (opId !== null) void reports.delivered(device.uid, opId);
    },
  };
}
