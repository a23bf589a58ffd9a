// The broker side of the device message explorer: who watches which device's topic root, and each
// message published there as the explorer shows it. Nobody watching costs one Map size check per
// publish: no topic parsing, no copy, no allocation.
import type { Client, PublishPacket } from 'aedes';
import { MAX_PAYLOAD_SHOWN, type DeviceMessage } from '../contract/device-messages.js';
import { ownsClientId, rootUidOf } from '../codecs/topics.js';
import { showPayload } from '../codecs/message-payload.js';

export type MessageSink = (message: DeviceMessage) => void;

/** What the broker offers the message explorer (the API's stream and publish route). */
export interface DeviceMessages {
  /** Calls `sink` with each message published under the device's root until the returned function is called. */
  watch(uid: string, sink: (message: DeviceMessage) => void): () => void;
  /** The device's retained messages from the broker's store. */
  retained(uid: string): AsyncIterable<DeviceMessage>;
  /** Publishes as Outpost; DomainError 'invalid' past the packet size or retained limits. */
  publish(topic: string, payload: Buffer, qos: 0 | 1, retain: boolean): Promise<void>;
  stats(): { watchedDevices: number; watchers: number; built: number };
}

export interface MessageTap {
  /** Called by the broker for every message it has published (aedes' `published` hook). */
  published(packet: PublishPacket, client: Client | null): void;
  /** Calls `sink` with each message under the device's root until the returned function is called. */
  watch(uid: string, sink: MessageSink): () => void;
  /** What watching costs: devices and watchers now, messages built since start (tests, diagnostics). */
  stats(): { watchedDevices: number; watchers: number; built: number };
}

type Packet = Pick<PublishPacket, 'topic' | 'payload' | 'qos' | 'retain'> & { clientId?: string };

/** A published or stored message of the device `uid`, as the explorer shows it. */
export function toDeviceMessage(uid: string, packet: Packet, publisherId: string | undefined, origin: DeviceMessage['origin'],
  ts: number | null): DeviceMessage {
  return {
    topic: packet.topic,
    ...showPayload(packet.payload ?? Buffer.alloc(0), MAX_PAYLOAD_SHOWN),
    qos: packet.qos ?? 0,
    retain: packet.retain === true,
    ts,
    // wills the broker sends for a client carry that client's id (aedes' packets and stored wills)
    direction: publisherId === undefined ? (origin === 'retained' ? null : 'to-device')
      : ownsClientId(uid, publisherId) ? 'from-device' : 'to-device',
    origin,
  };
}

/** `onError`: a watcher that throws must not break the broker's publish path, nor the other watchers. */
export function createMessageTap(onError: (e: unknown) => void = () => undefined): MessageTap {
  const watchers = new Map<string, Set<MessageSink>>();
  let built = 0;
  return {
    published(packet, client) {
      if (watchers.size === 0) return;
      const uid = rootUidOf(packet.topic);
      const sinks = uid === undefined ? undefined : watchers.get(uid);
      if (!sinks) return;
      built++;
      try {
        const message = toDeviceMessage(uid!, packet, client?.id ?? (packet as Packet).clientId, 'live', Date.now());
        for (const sink of sinks) {
          try { sink(message); } catch (e) { onError(e); }
        }
      } catch (e) {
        onError(e);
      }
    },
    watch(uid, sink) {
      let sinks = watchers.get(uid);
      if (!sinks) watchers.set(uid, (sinks = new Set()));
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
        if (sinks.size === 0 && watchers.get(uid) === sinks) watchers.delete(uid);
      };
    },
    stats() {
      let count = 0;
      for (const sinks of watchers.values()) count += sinks.size;
      return { watchedDevices: watchers.size, watchers: count, built };
    },
  };
}
