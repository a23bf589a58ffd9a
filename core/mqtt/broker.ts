import { Aedes, type Client, type AuthenticateError, type PublishPacket } from 'aedes';
import { createServer, type Server, type AddressInfo } from 'node:net';
import { parseTopic, isUnderDeviceRoot, rootUidOf, ownsClientId, uidsClaimedBy, deviceRoot, type ParsedTopic } from '../codecs/topics.js';
import { publishPacketBytes } from '../codecs/mqtt-frames.js';
import { decodeTelemetry } from '../codecs/telemetry-json.js';
import type { DeviceStore, DeviceRow } from '../devices/devices.js';
import type { Presence, ConnectionEnd } from '../devices/presence.js';
import { statusPayloadText } from '../codecs/status-payload.js';
import type { TelemetryWriter } from '../telemetry/writer.js';
import type { Logger } from '../log.js';
import { createRetainedQuota, DEFAULT_RETAINED_LIMITS, type RetainedLimits } from './retained-quota.js';
import { guardConnection, liftPacketLimit, refusalOf } from './packet-guard.js';
import type { Db } from '../db/open.js';
import { SqlitePersistence } from './persistence/sqlite-persistence.js';
import { publishOrphanedWills } from './persistence/orphaned-wills.js';
import { createMessageTap, toDeviceMessage, type DeviceMessages } from './message-tap.js';
import { DomainError } from '../errors.js';
import type { OperationReports, OperationTransport } from '../operations/transport.js';
import { createMqttOperations } from './operations-transport.js';
import type { InventoryStore } from '../devices/inventory.js';
import { decodeInventory } from '../codecs/inventory-payload.js';
import { createSeedDialect, DEFAULT_SEED_TIMINGS, type SeedTimings } from './dialects/seed.js';

export interface MqttDeps {
  devices: DeviceStore;
  presence: Presence;
  telemetry: TelemetryWriter;
  anonymousAllowed(): boolean;
  /** anonymous clients may subscribe under a device's root (read its data) */
  anonymousMayRead(): boolean;
  /** largest packet in bytes a client may send once authenticated (read when it authenticates) */
  maxPacketBytes(): number;
  log: Logger;
  /** holds the broker state (retained messages, persistent sessions, wills) */
  db: Db;
  /** default DEFAULT_RETAINED_LIMITS */
  retainedLimits?: RetainedLimits;
  inventory: InventoryStore;
  /** where devices' confirmations, progress and replies of operations go */
  operations: OperationReports;
  /** the seed dialect's heartbeat; default DEFAULT_SEED_TIMINGS */
  seedTimings?: Partial<SeedTimings>;
  /** A connection refused before it names a device (no credentials, unknown serial): for the audit log. */
  refusedUnknown?(clientId: string, address: string, reason: string): void;
}

export interface MqttBroker {
  port: number;
  /** Closes every connection of a device (after its deletion or a new token); `why` reaches its status. */
  disconnectDevice(uid: string, why?: string): void;
  /** Applies settings at once: anonymous clients that are no longer allowed are disconnected. */
  settingsChanged(): void;
  /** The device message explorer: watch a device's topic root, read its retained messages, publish there. */
  messages: DeviceMessages;
  /** Deliver operations to devices over MQTT: the native op/reply/progress topics, and the seed dialect. */
  operationTransports: OperationTransport[];
  /**
   * Stops the broker. The devices still connected are not blamed: no "connection lost", no last
   * wills (it is Outpost that goes); the next start marks them "Outpost restarted".
   */
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
  const endReasons = new WeakMap<Client, Omit<ConnectionEnd, 'willSent'>>();
  let closing = false;
  const willsSent = new WeakSet<Client>();
  const announced = new WeakSet<Client>();
  const tap = createMessageTap((e) => log.error(`mqtt: message explorer: ${e instanceof Error ? e.message : String(e)}`));
  const retained = createRetainedQuota(deps.retainedLimits ?? DEFAULT_RETAINED_LIMITS, (topic) => rootUidOf(topic) ?? '');
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
  const addressOf = (client: Client) => String((client.conn as { remoteAddress?: string } | undefined)?.remoteAddress ?? '?');
  const where = (client: Client) => `${client.id} (${addressOf(client)})`;
  const deviceClaimedBy = (clientId: string) => {
    for (const uid of uidsClaimedBy(clientId)) {
      const device = devices.get(uid);
      if (device) return device;
    }
    return undefined;
  };

  function explainMqtt5(client: Client, username: string | undefined) {
    const advice = 'Outpost speaks MQTT 3.1.1: set the client to protocol version 3.1.1 (mosquitto_pub -V mqttv311, MQTT.js protocolVersion: 4)';
    log.warn(`mqtt: refused ${addressOf(client)}${username ? ` as ${username}` : ''}: MQTT 5 is not supported. ${advice}`);
    const device = username ? devices.get(username) : undefined;
    if (device) devices.addEvent(device, 'refused', `connection refused: the client used MQTT 5. ${advice}`, { coalesceBy: addressOf(client) });
  }

  const brokerState = new SqlitePersistence(deps.db);
  const broker = await Aedes.createBroker({
    persistence: brokerState,
    preConnect(client, packet, done) {
      // MQTT-3.1.3-8: a zero-length client id needs clean session; refused with 0x02 in authenticate
      if (packet.clientId === '' && packet.clean === false) persistentWithoutId.add(client);
      // aedes answers CONNACK 0x01; say why, where the user looks
      if (packet.protocolVersion === 5) explainMqtt5(client, packet.username);
      done(null, true);
    },
    authenticate(client, username, password, decided) {
      // an accepted client may send packets up to the configured size, not just the pre-CONNACK one
      const done: typeof decided = (error, ok) => {
        if (!error && ok) liftPacketLimit(client.conn, deps.maxPacketBytes());
        decided(error, ok);
      };
      if (persistentWithoutId.has(client)) {
        log.warn(`mqtt: refused ${where(client)}: empty client id with clean session off`);
        return done(refuse(2, 'identifier rejected'), false);
      }
      if (username === undefined || username === '') {
        // a device a user marked as speaking the seed dialect connects as its serial, without credentials
        const seedDevice = (password === undefined || password.length === 0) ? seed.mayConnect(client.id) : undefined;
        if (seedDevice) {
          identities.set(client, { device: seedDevice });
          return done(null, true);
        }
        if (deps.anonymousAllowed()) {
          // an anonymous client must not take over (end) a device's session
          const claimed = deviceClaimedBy(client.id);
          if (claimed) {
            log.warn(`mqtt: refused ${where(client)}: anonymous client uses the client id of device ${claimed.uid}`);
            devices.addEvent(claimed, 'refused', `anonymous connection with this device's client id ${client.id} refused`, { coalesceBy: addressOf(client) });
            return done(refuse(2, 'identifier rejected'), false);
          }
          identities.set(client, { anonymous: true });
          return done(null, true);
        }
        log.warn(`mqtt: refused ${where(client)}: no credentials and anonymous access is off`);
        deps.refusedUnknown?.(client.id, addressOf(client),
          `connection without credentials refused: client id "${client.id}" is not a device marked as a seed agent, and anonymous access is off`);
        return done(refuse(5, 'not authorized'), false);
      }
      const result = devices.authenticate(username, password?.toString('utf8') ?? '');
      if ('failure' in result) {
        log.warn(`mqtt: refused ${where(client)} as ${username}: ${result.failure}`);
        const known = devices.get(username);
        if (known) devices.addEvent(known, 'auth-failed', `MQTT login refused: ${result.failure}`, { coalesceBy: addressOf(client) });
        return done(refuse(4, 'bad user name or password'), false);
      }
      // a client id is the session's key: only `{uid}` or `{uid}:{suffix}`, so no device ends another's session
      if (!ownsClientId(result.device.uid, client.id)) {
        log.warn(`mqtt: refused ${where(client)} as ${username}: client id must be "${username}" or "${username}:<suffix>"`);
        devices.addEvent(result.device, 'refused', `connection refused: client id ${client.id} is not "${username}" or "${username}:<suffix>"`, { coalesceBy: addressOf(client) });
        return done(refuse(2, 'identifier rejected'), false);
      }
      identities.set(client, { device: result.device });
      done(null, true);
    },
    authorizeSubscribe(client, sub, done) {
      const device = deviceOf(client);
      const allowed = device?.dialect === 'seed' ? seed.maySubscribe(device, sub.topic)
        : device ? isUnderDeviceRoot(device.uid, sub.topic)
        : deps.anonymousMayRead() && anonymousTarget(sub.topic) !== undefined;
      if (allowed) return done(null, sub);
      log.warn(`mqtt: subscription to ${sub.topic} refused for ${where(client)}: ${device ? "outside the device's topic root" : 'anonymous clients may not read device data'}`);
      if (device) devices.addEvent(device, 'refused', `subscription to ${sub.topic} refused: ${device.dialect === 'seed' ? `a seed agent may subscribe only to django/iot/server/${device.uid}` : `outside outpost/v1/${device.uid}/`}`);
      done(null, null); // SUBACK 0x80
    },
    // every message the broker has sent on, its own included; nothing is done while nobody watches
    published(packet, client, done) {
      tap.published(packet, client);
      done(null);
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the broker's own messages
      const isWill = packet === (client as Client & { will?: unknown }).will;
      // Outpost stops, the device did nothing wrong: aedes then deletes the will unsent
      if (isWill && closing) return done(new Error('Outpost is stopping'));
      if (isWill) willsSent.add(client);
      const seedDevice = deviceOf(client);
      if (seedDevice?.dialect === 'seed') {
        if (!seed.mayPublish(seedDevice, packet.topic)) {
          log.warn(`mqtt: publish to ${packet.topic} refused for ${where(client)}: a seed agent publishes only to django/iot/client/${seedDevice.uid}`);
          devices.addEvent(seedDevice, 'refused', `publish to ${packet.topic} refused: a seed agent may publish only to django/iot/client/${seedDevice.uid}`);
          return done(new Error('publish outside the seed topics'));
        }
        if (!isWill) {
          announce(client);
          presence.seen(seedDevice.uid);
          seed.message(seedDevice, toBuffer(packet.payload));
        }
        return done(null);
      }
      const device = deviceOf(client) ?? anonymousTarget(packet.topic);
      // only Outpost sends operations: a device (or anyone) publishing one would be answered by the device as if Outpost asked
      if (device && parseTopic(packet.topic)?.channel === 'op') {
        log.warn(`mqtt: publish to ${packet.topic} refused for ${where(client)}: only Outpost publishes operations`);
        const own = deviceOf(client);
        if (own) devices.addEvent(own, 'refused', `publish to ${packet.topic} refused: only Outpost publishes on op/ topics`);
        return done(new Error('op topics are for Outpost'));
      }
      if (!device || !isUnderDeviceRoot(device.uid, packet.topic)) {
        log.warn(`mqtt: publish to ${packet.topic} refused for ${where(client)}: outside the device's topic root`);
        const own = deviceOf(client);
        if (own) devices.addEvent(own, 'refused', `publish to ${packet.topic} refused: outside outpost/v1/${own.uid}/`);
        return done(new Error('publish outside the device topic root'));
      }
      if (packet.retain) {
        const verdict = retained.admit(packet.topic, packet.payload.length);
        if (!verdict.ok) {
          log.warn(`mqtt: retained publish to ${packet.topic} refused for ${where(client)}: ${verdict.reason}`);
          devices.addEvent(device, 'refused', `retained message refused: ${verdict.reason}; clear old ones by publishing an empty retained payload`,
            { coalesceBy: addressOf(client), data: { topic: packet.topic } });
          return done(new Error('retained message limit exceeded'));
        }
      }
      const topic = parseTopic(packet.topic);
      // aedes sends a QoS 1 PUBACK before it retains or queues the message: do both first, so the
      // ack promises they survive a crash (telemetry is acked after its points are committed)
      if (packet.qos === 1 && !isWill && topic?.channel !== 'telemetry') {
        return storeBeforeAck(packet).then(() => authorized(client, packet, topic, device, isWill, done), (e: Error) => done(e));
      }
      authorized(client, packet, topic, device, isWill, done);
    },
  });

  /** Commits the retained copy and the copies queued for persistent sessions of a QoS 1 publish. */
  async function storeBeforeAck(packet: PublishPacket): Promise<void> {
    const { topic, payload, qos, retain } = packet;
    // aedes stores the retained copy again after the ack: the same row
    if (retain) await brokerState.storeRetained({ cmd: 'publish', topic, payload, qos, retain: true });
    const subs = await brokerState.subscriptionsByTopic(topic);
    if (subs.length === 0) return;
    // aedes' Packet keeps a brokerId/brokerCounter it is given: fix them now, so its later enqueue
    // of this message is recognised as done
    const ids = packet as PublishPacket & { brokerId?: string; brokerCounter?: number };
    const b = broker as unknown as { id: string; counter: number };
    ids.brokerId = b.id;
    ids.brokerCounter = ++b.counter;
    await brokerState.enqueueBeforeAck(subs, { cmd: 'publish', brokerId: b.id, brokerCounter: ids.brokerCounter, topic, payload, qos, retain, dup: false });
  }

  /** The rest of authorizePublish, once the publish is allowed: presence and domain calls. */
  function authorized(client: Client, packet: PublishPacket, topic: ParsedTopic | null, device: DeviceRow, isWill: boolean,
    done: (e?: Error | null) => void) {
    if (!isWill) {
      announce(client);
      presence.seen(device.uid);
    }
    if (topic?.channel === 'telemetry') {
      if (packet.qos !== 2) return ingestTelemetry(device, packet.payload, done);
      // a QoS 2 resend before PUBREL is already stored: aedes only answers it with PUBREC again
      return brokerState.incomingGetPacket(client, packet)
        .then(() => done(null), () => ingestTelemetry(device, packet.payload, done));
    }
    if (topic?.channel === 'events') {
      devices.addEvent(device, 'device', payloadText(packet.payload));
    } else if (topic?.channel === 'status') {
      devices.recordStatusPayload(device, statusPayloadText(packet.payload));
    } else if (topic?.channel === 'inventory' && !isWill) {
      const decoded = decodeInventory(toBuffer(packet.payload));
      if (decoded.ok) deps.inventory.record(device, decoded.inventory, 'agent');
      else {
        log.warn(`mqtt: inventory from ${device.uid} rejected: ${decoded.reason}`);
        devices.addEvent(device, 'rejected', `inventory rejected: ${decoded.reason}`);
      }
    } else if ((topic?.channel === 'reply' || topic?.channel === 'progress') && !isWill) {
      // acked once recorded: a reply the device was told we have is never lost
      return ops.incoming(device, topic.channel, topic.opId, toBuffer(packet.payload)).then(() => done(null), (e: Error) => {
        log.error(`mqtt: ${topic.channel} from ${device.uid} not recorded: ${e.message}`);
        done(e);
      });
    }
    done(null);
  }

  const clientsOf = () => (broker as unknown as { clients: Record<string, Client> }).clients;

  // clients whose connection the last run lost in a crash: their wills go out before anyone connects
  await publishOrphanedWills(broker, brokerState, (will) => {
    const owner = deviceClaimedBy(will.clientId) ?? (deps.anonymousAllowed() ? anonymousTarget(will.topic) : undefined);
    const allowed = owner !== undefined && isUnderDeviceRoot(owner.uid, will.topic);
    // the status topic's last payload is the will, as when the will goes out with its connection
    if (allowed && parseTopic(will.topic)?.channel === 'status') devices.recordStatusPayload(owner, statusPayloadText(will.payload));
    return allowed;
  }, log);

  // messages retained before this start count against the limits too
  for (const { topic, bytes } of brokerState.retainedSizes()) retained.load(topic, bytes);

  // a publish from an anonymous client is attributed to the device whose root it uses
  function anonymousTarget(topic: string): DeviceRow | undefined {
    const uid = rootUidOf(topic);
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

  const ops = createMqttOperations(broker, devices, deps.operations);
  const seed = createSeedDialect(broker, {
    devices, inventory: deps.inventory, operations: deps.operations, log,
    timings: { ...DEFAULT_SEED_TIMINGS, ...deps.seedTimings },
    close(client, reason) {
      endReasons.set(client, { cause: 'silent', reason });
      client.close();
    },
  });
  broker.on('connackSent', (connack, client) => {
    const device = deviceOf(client);
    if (device && connack.returnCode === 0) ops.connected(device, client, connack.sessionPresent === true);
  });
  broker.on('subscribe', (_subs, client) => {
    const device = deviceOf(client);
    if (device?.dialect === 'seed') seed.subscribed(device, client);
    else if (device) ops.subscribed(device, client);
  });
  broker.on('unsubscribe', (_subs, client) => {
    const device = deviceOf(client);
    if (device) ops.subscribed(device, client);
  });
  broker.on('ack', (packet, client) => {
    const device = deviceOf(client);
    if (device && packet && 'topic' in packet) ops.acked(device, packet.topic);
  });

  broker.on('clientReady', announce);
  broker.on('ping', (_packet, client) => {
    const device = deviceOf(client);
    if (device) presence.seen(device.uid);
  });
  broker.on('keepaliveTimeout', (client) => endReasons.set(client, { cause: 'keepalive-timeout', reason: 'keepalive timeout' }));
  broker.on('clientError', (client, err) => {
    if (endReasons.has(client)) return;
    // the packet size guard ended it: Outpost's decision, not a network failure
    const refusal = refusalOf(client.conn);
    endReasons.set(client, refusal !== null
      ? { cause: 'kicked', reason: `closed by Outpost: ${refusal}` }
      : { cause: 'connection-lost', reason: `connection lost (${err.message})` });
  });
  broker.on('clientDisconnect', (client) => {
    const device = deviceOf(client);
    if (device) {
      ops.gone(device, client);
      seed.gone(device, client);
    }
    // while Outpost stops, its devices stay as they were; the next start marks them "Outpost restarted"
    if (!device || !announced.has(client) || closing) return;
    const clean = (client as Client & { _disconnected?: boolean })._disconnected === true;
    const end = endReasons.get(client)
      ?? (clean ? { cause: 'disconnected' as const, reason: 'disconnected' } : { cause: 'connection-lost' as const, reason: 'connection closed without DISCONNECT' });
    const willSent = willsSent.has(client);
    presence.disconnected(device.uid, { ...end, reason: willSent ? `${end.reason}, last will sent` : end.reason, willSent });
  });

  // packet sizes are checked while the bytes arrive, before aedes buffers them (packet-guard.ts)
  const server: Server = createServer((socket) => broker.handle(guardConnection(socket, log)));
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
    await brokerState.destroy();
    throw e;
  }
  const actualPort = (server.address() as AddressInfo).port;

  const messages: DeviceMessages = {
    watch: tap.watch,
    stats: tap.stats,
    async *retained(uid) {
      for await (const packet of brokerState.createRetainedStreamCombi([`${deviceRoot(uid)}/#`]) as AsyncIterable<PublishPacket & { clientId?: string }>) {
        yield toDeviceMessage(uid, packet, packet.clientId, 'retained', null);
      }
    },
    async publish(topic, payload, qos, retain) {
      const size = publishPacketBytes(topic, payload.length, qos);
      const max = deps.maxPacketBytes();
      if (size > max) {
        throw new DomainError('invalid', `the message would be a ${size}-byte MQTT packet; the broker's limit is ${max} bytes (Settings, largest MQTT packet)`);
      }
      if (retain) {
        const verdict = retained.admit(topic, payload.length);
        if (!verdict.ok) throw new DomainError('invalid', `retained message refused: ${verdict.reason}`);
      }
      // sent as Outpost, not as the device: subscribers and the retained store get it, ingest does not
      await new Promise<void>((resolve, reject) => broker.publish({ cmd: 'publish', topic, payload, qos, retain, dup: false },
        (e) => (e ? reject(e) : resolve())));
    },
  };

  return {
    port: actualPort,
    messages,
    operationTransports: [ops.transport, seed.transport],
    settingsChanged() {
      const anonymousOk = deps.anonymousAllowed();
      const readOk = deps.anonymousMayRead();
      for (const client of Object.values(clientsOf())) {
        const id = identities.get(client);
        if (!id || !('anonymous' in id)) continue;
        const subscribed = Object.keys((client as Client & { subscriptions?: object }).subscriptions ?? {}).length > 0;
        if (!anonymousOk || (!readOk && subscribed)) {
          log.info(`mqtt: disconnected anonymous client ${where(client)}: ${anonymousOk ? 'anonymous reading was turned off' : 'anonymous access was turned off'}`);
          client.close();
        }
      }
    },
    disconnectDevice(uid, why = 'disconnected by Outpost') {
      for (const client of Object.values(clientsOf())) {
        if (deviceOf(client)?.uid === uid) {
          endReasons.set(client, { cause: 'kicked', reason: why });
          client.close();
        }
      }
    },
    async close() {
      closing = true;
      seed.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await brokerState.destroy();
    },
  };
}

const toBuffer = (payload: Buffer | string): Buffer => (typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload);

function payloadText(payload: Buffer | string): string {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
