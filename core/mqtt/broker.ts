import { Aedes, type Client, type AuthenticateError } from 'aedes';
import { createServer, type Server, type AddressInfo } from 'node:net';
import { parseTopic, isUnderDeviceRoot } from '../codecs/topics.js';
import { decodeTelemetry } from '../codecs/telemetry-json.js';
import type { DeviceStore, DeviceRow } from '../devices/devices.js';
import type { Presence } from '../devices/presence.js';
import type { TelemetryWriter } from '../telemetry/writer.js';
import type { Logger } from '../log.js';

export interface MqttDeps {
  devices: DeviceStore;
  presence: Presence;
  telemetry: TelemetryWriter;
  anonymousAllowed(): boolean;
  log: Logger;
}

export interface MqttBroker {
  port: number;
  /** Closes every connection of a device (after its deletion or a new token). */
  disconnectDevice(uid: string): void;
  close(): Promise<void>;
}

type Identity = { device: DeviceRow } | { anonymous: true };

const refuse = (returnCode: number, message: string): AuthenticateError =>
  Object.assign(new Error(message), { returnCode });

/** The embedded MQTT broker: authenticates devices and turns their messages into domain calls. */
export async function startMqttBroker(deps: MqttDeps, port: number, host: string): Promise<MqttBroker> {
  const { devices, presence, telemetry, log } = deps;
  const identities = new WeakMap<Client, Identity>();
  const persistentWithoutId = new WeakSet<Client>();
  const endReasons = new WeakMap<Client, string>();
  const willsSent = new WeakSet<Client>();
  const announced = new WeakSet<Client>();
  // CONNECT and a first PUBLISH can arrive in one read, before aedes says 'clientReady'
  const announce = (client: Client | null) => {
    const device = deviceOf(client);
    if (!device || !client || announced.has(client)) return;
    announced.add(client);
    presence.connected(device.uid);
  };

  const deviceOf = (client: Client | null): DeviceRow | undefined => {
    const id = client ? identities.get(client) : undefined;
    return id && 'device' in id ? id.device : undefined;
  };
  const where = (client: Client) => `${client.id} (${client.conn && 'remoteAddress' in client.conn ? client.conn.remoteAddress : '?'})`;

  const broker = await Aedes.createBroker({
    preConnect(client, packet, done) {
      // MQTT-3.1.3-8: a zero-length client id needs clean session; refused with 0x02 in authenticate
      if (packet.clientId === '' && packet.clean === false) persistentWithoutId.add(client);
      done(null, true);
    },
    authenticate(client, username, password, done) {
      if (persistentWithoutId.has(client)) {
        log.warn(`mqtt: refused ${where(client)}: empty client id with clean session off`);
        return done(refuse(2, 'identifier rejected'), false);
      }
      if (username === undefined || username === '') {
        if (deps.anonymousAllowed()) {
          identities.set(client, { anonymous: true });
          return done(null, true);
        }
        log.warn(`mqtt: refused ${where(client)}: no credentials and anonymous access is off`);
        return done(refuse(5, 'not authorized'), false);
      }
      const result = devices.authenticate(username, password?.toString('utf8') ?? '');
      if ('failure' in result) {
        log.warn(`mqtt: refused ${where(client)} as ${username}: ${result.failure}`);
        const known = devices.get(username);
        if (known) devices.addEvent(known, 'auth-failed', `MQTT login refused: ${result.failure}`);
        return done(refuse(4, 'bad user name or password'), false);
      }
      identities.set(client, { device: result.device });
      done(null, true);
    },
    authorizeSubscribe(client, sub, done) {
      const device = deviceOf(client);
      const allowed = device ? isUnderDeviceRoot(device.uid, sub.topic) : anonymousTarget(sub.topic) !== undefined;
      if (allowed) return done(null, sub);
      log.warn(`mqtt: subscription to ${sub.topic} refused for ${where(client)}: outside the device's topic root`);
      if (device) devices.addEvent(device, 'refused', `subscription to ${sub.topic} refused: outside outpost/v1/${device.uid}/`);
      done(null, null); // SUBACK 0x80
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the broker's own messages
      const isWill = packet === (client as Client & { will?: unknown }).will;
      if (isWill) willsSent.add(client);
      const device = deviceOf(client) ?? anonymousTarget(packet.topic);
      if (!device || !isUnderDeviceRoot(device.uid, packet.topic)) {
        log.warn(`mqtt: publish to ${packet.topic} refused for ${where(client)}: outside the device's topic root`);
        const own = deviceOf(client);
        if (own) devices.addEvent(own, 'refused', `publish to ${packet.topic} refused: outside outpost/v1/${own.uid}/`);
        return done(new Error('publish outside the device topic root'));
      }
      if (!isWill) {
        announce(client);
        presence.seen(device.uid);
      }
      const topic = parseTopic(packet.topic);
      if (topic?.channel === 'telemetry') {
        if (packet.qos !== 2) return ingestTelemetry(device, packet.payload, done);
        // a QoS 2 resend before PUBREL is already stored: aedes only answers it with PUBREC again
        return persistence().incomingGetPacket(client, packet)
          .then(() => done(null), () => ingestTelemetry(device, packet.payload, done));
      }
      if (topic?.channel === 'events') {
        devices.addEvent(device, 'device', payloadText(packet.payload));
      }
      done(null);
    },
  });

  const persistence = () => (broker as unknown as { persistence: { incomingGetPacket(c: Client, p: { messageId?: number }): Promise<unknown> } }).persistence;

  // a publish from an anonymous client is attributed to the device whose root it uses
  function anonymousTarget(topic: string): DeviceRow | undefined {
    const uid = parseTopic(topic)?.uid ?? topic.split('/')[2];
    return uid ? devices.get(uid) : undefined;
  }

  function ingestTelemetry(device: DeviceRow, payload: Buffer | string, done: (e?: Error | null) => void) {
    const decoded = decodeTelemetry(payload);
    if (!decoded.ok) {
      // acknowledged but not stored: resending the same bytes would not help
      log.warn(`mqtt: telemetry from ${device.uid} rejected: ${decoded.error}`);
      devices.addEvent(device, 'rejected', `telemetry rejected: ${decoded.error}`);
      return done(null);
    }
    const { ts, values } = decoded.telemetry;
    telemetry.write({ deviceId: device.id, uid: device.uid, ts: ts ?? Date.now(), values })
      .then(() => done(null), (e: Error) => {
        log.error(`mqtt: telemetry from ${device.uid} not stored: ${e.message}`);
        done(e); // no ack: the device keeps the message and resends it
      });
  }

  broker.on('clientReady', announce);
  broker.on('ping', (_packet, client) => {
    const device = deviceOf(client);
    if (device) presence.seen(device.uid);
  });
  broker.on('keepaliveTimeout', (client) => endReasons.set(client, 'keepalive timeout'));
  broker.on('clientError', (client, err) => {
    if (!endReasons.has(client)) endReasons.set(client, `connection lost (${err.message})`);
  });
  broker.on('clientDisconnect', (client) => {
    const device = deviceOf(client);
    if (!device || !announced.has(client)) return;
    const clean = (client as Client & { _disconnected?: boolean })._disconnected === true;
    let reason = endReasons.get(client) ?? (clean ? 'disconnected' : 'connection closed without DISCONNECT');
    if (willsSent.has(client)) reason += ', last will sent';
    presence.disconnected(device.uid, reason);
  });

  const server: Server = createServer(broker.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw e;
  }
  const actualPort = (server.address() as AddressInfo).port;

  return {
    port: actualPort,
    disconnectDevice(uid) {
      const clients = (broker as unknown as { clients: Record<string, Client> }).clients;
      for (const client of Object.values(clients)) {
        if (deviceOf(client)?.uid === uid) {
          endReasons.set(client, 'disconnected by Outpost');
          client.close();
        }
      }
    },
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function payloadText(payload: Buffer | string): string {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
