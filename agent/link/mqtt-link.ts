// The agent's MQTT connection to Outpost: client id = username = uid, password = token, MQTT 3.1.1,
// persistent session (clean: false) so operations queued in the broker while the device was away
// arrive after it returns, last will = retained `offline`, retained `online` after each connect,
// subscription to op/+ at QoS 1, and reconnects with capped, jittered backoff.
//
// Each connection attempt is a fresh MQTT.js client with its own reconnect turned off; when it
// closes it is thrown away and a new one is made after the backoff delay. So nothing is resent
// behind our back from MQTT.js's in-memory store: the outbox on disk is the only retry mechanism.
import { EventEmitter } from 'node:events';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { parseTopic, statusTopic, TOPIC_PREFIX } from '../../core/codecs/topics.js';
import type { Log } from '../log.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';

export interface LinkOptions {
  host: string;
  port: number;
  uid: string;
  token: string;
  backoff: BackoffOptions;
  /** a connection must stay up this long before the backoff starts again from its first step */
  stableAfterMs?: number;
  keepaliveSec?: number;
  connectTimeoutMs?: number;
  random?: () => number;
  log: Log;
  /**
   * An operation arrived on op/{opId}. The PUBACK is sent only when the returned promise resolves
   * (the runner has recorded it on disk); if it rejects, the connection is dropped without PUBACK
   * so the broker delivers it again.
   */
  onOperation(opId: string, payload: Buffer): Promise<void>;
}

export interface PublishOptions {
  qos: 0 | 1;
  retain?: boolean;
}

export interface LinkEvents {
  connected: [];
  disconnected: [];
}

export class MqttLink extends EventEmitter<LinkEvents> {
  private client: MqttClient | undefined;
  private isConnected = false;
  private attempt = 0;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LinkOptions) {
    super();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** How many reconnect attempts failed since the last stable connection (for logs and tests). */
  get failedAttempts(): number {
    return this.attempt;
  }

  start(): void {
    this.stopping = false;
    this.connectOnce();
  }

  /**
   * Publishes on the current connection; resolves at PUBACK (QoS 1) or when written (QoS 0).
   * Rejects when not connected or when the connection drops before the acknowledgement.
   */
  publish(topic: string, payload: string | Buffer, options: PublishOptions): Promise<void> {
    const client = this.client;
    if (!client || !this.isConnected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      const onClose = () => reject(new Error('connection closed before the broker acknowledged'));
      client.once('close', onClose);
      client.publish(topic, payload, { qos: options.qos, retain: options.retain ?? false }, (err) => {
        client.off('close', onClose);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  /** Says `offline` (the will is not sent on a clean disconnect) and disconnects; the broker keeps the session. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    const wasConnected = this.isConnected;
    if (wasConnected) {
      await this.publishOn(client, statusTopic(this.options.uid), 'offline', { qos: 1, retain: true }, 2000).catch(() => undefined);
    }
    this.setDisconnected();
    // connected: a DISCONNECT, so the broker keeps the session and sends no will; still connecting: just close
    await new Promise<void>((resolve) => client.end(!wasConnected, {}, () => resolve()));
  }

  private connectOnce(): void {
    const o = this.options;
    const client = mqtt.connect({
      host: o.host,
      port: o.port,
      protocol: 'mqtt',
      protocolVersion: 4,
      clientId: o.uid,
      username: o.uid,
      password: o.token,
      clean: false,
      reconnectPeriod: 0,
      keepalive: o.keepaliveSec ?? 30,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      resubscribe: false,
      will: { topic: statusTopic(o.uid), payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    client.handleMessage = (packet, done) => this.handleIncoming(client, packet, done);
    client.on('connect', () => this.onConnect(client));
    client.on('error', (err) => {
      o.log('warn', `MQTT ${o.host}:${o.port}: ${err.message}`);
      // a refused CONNACK or a socket error: this client is finished either way
      this.drop(client);
    });
    client.on('close', () => this.drop(client));
  }

  private onConnect(client: MqttClient): void {
    if (client !== this.client) return;
    const { uid, log } = this.options;
    this.isConnected = true;
    log('info', `connected to ${this.options.host}:${this.options.port} as ${uid}`);
    clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(() => (this.attempt = 0), this.options.stableAfterMs ?? 10_000);
    // subscribe first: the broker handles a connection's packets in order, so whoever sees
    // `online` knows operations sent from now on reach this agent, even on its very first session
    client.subscribe(`${TOPIC_PREFIX}/${uid}/op/+`, { qos: 1 }, (err, granted) => {
      if (err) log('warn', `subscribe to operations: ${err.message}`);
      else if (granted?.some((g) => g.qos === 128)) log('error', 'the server refused the subscription to operations (SUBACK 0x80)');
    });
    this.publishOn(client, statusTopic(uid), 'online', { qos: 1, retain: true }).catch((e: Error) => log('warn', `status online: ${e.message}`));
    this.emit('connected');
  }

  private handleIncoming(client: MqttClient, packet: IPublishPacket, done: (err?: Error) => void): void {
    const parsed = parseTopic(packet.topic);
    if (!parsed || parsed.channel !== 'op' || parsed.uid !== this.options.uid) {
      done();
      return;
    }
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    this.options.onOperation(parsed.opId, payload).then(
      () => done(),
      (err: Error) => {
        this.options.log('error', `operation ${parsed.opId} could not be recorded (${err.message}); not acknowledging it, so the broker sends it again`);
        this.drop(client);
      },
    );
  }

  private drop(client: MqttClient): void {
    if (client !== this.client) return;
    this.client = undefined;
    clearTimeout(this.stableTimer);
    this.setDisconnected();
    client.end(true);
    if (this.stopping) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff, this.options.random);
    this.retryTimer = setTimeout(() => {
      if (!this.stopping) this.connectOnce();
    }, delay);
  }

  private setDisconnected(): void {
    if (!this.isConnected) return;
    this.isConnected = false;
    this.emit('disconnected');
  }

  private publishOn(client: MqttClient, topic: string, payload: string, options: PublishOptions, timeoutMs = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = timeoutMs > 0 ? setTimeout(() => reject(new Error('timed out')), timeoutMs) : undefined;
      client.publish(topic, payload, { qos: options.qos, retain: options.retain ?? false }, (err) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    });
  }
}
