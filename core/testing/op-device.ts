// A native MQTT device for the operations tests: subscribes to its op topics and records what it gets.
import type mqtt from 'mqtt';
import { connectDevice } from './harness.js';

export interface OpDevice {
  client: mqtt.MqttClient;
  /** every op message received: [opId, decoded payload, dup flag] */
  received: Array<{ opId: number; body: { kind: string; args: Record<string, unknown>; expiresAt: number | null } }>;
  reply(opId: number, body: unknown): Promise<void>;
  progress(opId: number, body: unknown): Promise<void>;
  end(): Promise<void>;
}

export async function opDevice(port: number, uid: string, token: string, opts: mqtt.IClientOptions = {}): Promise<OpDevice> {
  const client = await connectDevice(port, uid, token, opts);
  const received: OpDevice['received'] = [];
  client.on('message', (topic, payload) => {
    const m = /\/op\/(\d+)$/.exec(topic);
    if (m) received.push({ opId: Number(m[1]), body: JSON.parse(payload.toString()) });
  });
  await client.subscribeAsync(`outpost/v1/${uid}/op/+`, { qos: 1 });
  const pub = (channel: string) => async (opId: number, body: unknown) => {
    await client.publishAsync(`outpost/v1/${uid}/${channel}/${opId}`, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 });
  };
  return { client, received, reply: pub('reply'), progress: pub('progress'), end: () => client.endAsync() };
}
