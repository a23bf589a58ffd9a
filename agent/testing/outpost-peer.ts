// MQTT.js playing Outpost for the agent's tests: sends op messages and records, in arrival order,
// everything the device publishes under its root (status, inventory, progress, reply).
// Persistent session, so what the device sends while this peer reconnects is kept for it.
import mqtt, { type MqttClient } from 'mqtt';
import { parseTopic } from '../../core/codecs/topics.js';
import { waitUntil } from './wait.js';

export interface SeenMessage {
  channel: string;
  opId?: string;
  payload: string;
  retain: boolean;
}

export class OutpostPeer {
  readonly seen: SeenMessage[] = [];

  private constructor(private readonly client: MqttClient, readonly uid: string) {}

  /** `name` tells apart several peers watching one device (each needs its own client id). */
  static async connect(port: number, uid: string, name = 'outpost'): Promise<OutpostPeer> {
    const client = mqtt.connect({
      host: '127.0.0.1', port, protocolVersion: 4, clientId: `${name}-peer-${uid}`, clean: false, reconnectPeriod: 100,
    });
    const peer = new OutpostPeer(client, uid);
    client.on('message', (topic, payload, packet) => {
      const parsed = parseTopic(topic);
      if (!parsed || parsed.channel === 'op') return;
      peer.seen.push({ channel: parsed.channel, opId: 'opId' in parsed ? parsed.opId : undefined, payload: payload.toString('utf8'), retain: packet.retain });
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync([`outpost/v1/${uid}/+`, `outpost/v1/${uid}/+/+`], { qos: 1 });
    return peer;
  }

  /** Publishes an op (QoS 1); `body` may be a raw string to send malformed payloads. */
  async sendOp(opId: string, body: object | string): Promise<void> {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    await this.client.publishAsync(`outpost/v1/${this.uid}/op/${opId}`, payload, { qos: 1 });
  }

  of(channel: string, opId?: string): SeenMessage[] {
    return this.seen.filter((m) => m.channel === channel && (opId === undefined || m.opId === opId));
  }

  /** The parsed replies seen for an operation. */
  replies(opId: string): unknown[] {
    return this.of('reply', opId).map((m) => JSON.parse(m.payload) as unknown);
  }

  waitForReply(opId: string, timeoutMs = 10_000): Promise<unknown> {
    return waitUntil(`a reply to ${opId}`, () => this.replies(opId)[0], timeoutMs);
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
