// A lean LwM2M client fleet for the benchmark: one UDP socket per client (the server tells clients
// apart by address and port), Register, an Observe answered with a value, and CON notifications at
// a fixed total rate whose ACK marks the server's commit.
//
// Why not agent/lwm2m's simulator: each of its clients runs node-coap's Server and Agent with their
// caches, timers and a full object store, and node-coap chooses when notifications go out (value
// changes, pmin/pmax). 10,000 of those in the load process would make the load generator the
// bottleneck, and the notification rate would not be ours to fix. Here a client is a socket and a
// few fields; the hot path (notify, ACK) builds and reads datagrams by hand.
import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { CT, encodeContent, parsePath, type Lwm2mPath } from '../core/codecs/lwm2m/index.js';
import { decodeMessage, encodeMessage, encodeUint, OPTION, optionValue, stringOptions, uintOption, type CoapMessage } from '../core/coap/coap-message.js';

/** RFC 7252 ACK_TIMEOUT (the ×1.5 random factor left out: a retransmission here is a loss to count, not to hide) */
const ACK_TIMEOUT_MS = 2000;
const MAX_RETRANSMIT = 4;
/** a temperature sensor's readings: 32 values cycled, encoded once per format */
const VALUES = Array.from({ length: 32 }, (_, i) => 20 + Math.round(Math.sin(i / 5) * 500) / 100);

export interface LeanFleetOptions {
  host: string;
  port: number;
  count: number;
  /** endpoint name of client i */
  endpoint(i: number): string;
  /** registration lifetime, long enough that no Update is due during the run */
  lifetimeSec?: number;
  /** the link-format payload of the Register */
  objectLinks?: string;
}

interface Pending {
  messageId: number;
  data: Buffer;
  firstSentAt: number;
  lastSentAt: number;
  tries: number;
  /** a notification's observation token: a RST to it ends that observation, not a newer one */
  token?: Buffer;
  done(ok: boolean, at: number): void;
}

interface Observation {
  token: Buffer;
  format: number;
  sequence: number;
}

class LeanClient {
  location: string[] | undefined;
  observation: Observation | undefined;
  pending: Pending | undefined;
  private messageId = Math.floor(Math.random() * 0x10000);
  /** requests from the server other than the observe we answer (reads, discover, …) */
  otherRequests = 0;
  /** the server's last CON request and our answer: a retransmission gets the same answer (RFC 7252 §4.5) */
  private lastRequest: { messageId: number; answer: Buffer } | undefined;

  constructor(readonly socket: Socket, readonly endpoint: string, private readonly fleet: LeanFleet) {
    socket.on('message', (data) => this.onDatagram(data));
    socket.on('error', () => {});
  }

  nextMessageId(): number {
    return (this.messageId = (this.messageId + 1) & 0xffff);
  }

  /** a CON with retransmission; resolves with whether it was acknowledged (or answered) */
  sendConfirmable(data: Buffer, messageId: number, token?: Buffer): Promise<{ ok: boolean; ms: number }> {
    return new Promise((resolve) => {
      const now = performance.now();
      this.pending = {
        messageId, data, firstSentAt: now, lastSentAt: now, tries: 0, ...(token ? { token } : {}),
        done: (ok, at) => {
          this.pending = undefined;
          resolve({ ok, ms: at - now });
        },
      };
      this.fleet.send(this, data);
    });
  }

  private onDatagram(data: Buffer): void {
    if (data.length < 4) return;
    const type = (data[0]! >> 4) & 0x3;
    const messageId = data.readUInt16BE(2);
    const p = this.pending;
    // ACK (2) or RST (3) of our CON: the hot path, read without decoding the whole message
    if (type >= 2) {
      if (!p || p.messageId !== messageId) return;
      if (type === 2 && data[1] === 0x00 && data.length === 4) return p.done(true, performance.now());
      const message = decodeMessage(data);
      if (type === 2 && message) this.onResponse(message);
      p.done(type === 2 && message !== undefined && message.code.startsWith('2.'), performance.now());
      // RFC 7641 §3.6: a RST to a notification ends its observation
      if (type === 3 && p.token && this.observation?.token === p.token) this.fleet.observationEnded(this);
      return;
    }
    if (type === 0 && this.lastRequest?.messageId === messageId) return this.fleet.send(this, this.lastRequest.answer);
    const message = decodeMessage(data);
    if (message && message.code.startsWith('0.')) this.onRequest(message);
  }

  /** the code of the last piggybacked answer (e.g. 4.03 to a Register) */
  lastCode: string | undefined;

  private onResponse(message: CoapMessage): void {
    this.lastCode = message.code;
    if (message.code === '2.01') this.location = stringOptions(message, OPTION.LocationPath);
  }

  /** the server's requests: Observe on a resource is answered with its value; the rest with 2.05 / 4.04 */
  private onRequest(req: CoapMessage): void {
    const path = stringOptions(req, OPTION.UriPath);
    const observe = uintOption(req, OPTION.Observe);
    const accept = uintOption(req, OPTION.Accept);
    const reply = (code: string, options: CoapMessage['options'] = [], payload: Buffer = Buffer.alloc(0)) => {
      const answer = encodeMessage({ type: req.type === 'CON' ? 'ACK' : 'NON', code, messageId: req.type === 'CON' ? req.messageId : this.nextMessageId(), token: req.token, options, payload });
      if (req.type === 'CON') this.lastRequest = { messageId: req.messageId, answer };
      this.fleet.send(this, answer);
    };
    let lwPath: Lwm2mPath;
    try {
      lwPath = parsePath('/' + path.join('/'));
    } catch {
      return reply('4.04');
    }
    if (req.code === '0.01' && lwPath.length === 3 && lwPath[0] === 3303 && lwPath[2] === 5700) {
      const format = accept ?? CT.SENML_CBOR;
      const payload = this.fleet.payload(format, lwPath, 0);
      if (!payload) return reply('4.06');
      const options: CoapMessage['options'] = [{ number: OPTION.ContentFormat, value: encodeUint(format) }];
      if (observe === 0) {
        // a new observation of the same resource replaces the old one (a re-observe after re-registration)
        const first = this.observation === undefined;
        // the sequence goes on (RFC 7641 §4.4: it only grows), also for a re-observe with a new token
        const sequence = ((this.observation?.sequence ?? 0) + 1) & 0xffffff;
        this.observation = { token: req.token, format, sequence };
        options.unshift({ number: OPTION.Observe, value: encodeUint(sequence) });
        if (first) this.fleet.observationStarted(this);
      } else if (observe === 1 && this.observation?.token.equals(req.token)) {
        this.fleet.observationEnded(this);
      }
      return reply('2.05', options, payload);
    }
    this.otherRequests++;
    reply(req.code === '0.01' ? '4.04' : '4.05');
  }

  /** the next notification as bytes: CON 2.05, the observe token, Observe, Content-Format, payload */
  notification(): { data: Buffer; messageId: number; token: Buffer } {
    const o = this.observation!;
    o.sequence = (o.sequence + 1) & 0xffffff;
    const messageId = this.nextMessageId();
    const payload = this.fleet.payload(o.format, [3303, 0, 5700], o.sequence % VALUES.length)!;
    const data = encodeMessage({
      type: 'CON', code: '2.05', messageId, token: o.token,
      options: [{ number: OPTION.Observe, value: encodeUint(o.sequence) }, { number: OPTION.ContentFormat, value: encodeUint(o.format) }],
      payload,
    });
    return { data, messageId, token: o.token };
  }
}

export interface RegisterFigures {
  ok: number;
  failed: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** first refusal or timeout, as an example */
  firstError?: string;
}

export interface NotifyFigures {
  sent: number;
  acked: number;
  /** notifications never acknowledged (after retransmissions) or answered with RST */
  failed: number;
  /** ticks where a client's previous notification was still unacknowledged (NSTART = 1) */
  skipped: number;
  retransmissions: number;
  /** from the first notification sent to the last ACK received */
  elapsedMs: number;
  latenciesMs: number[];
}

export class LeanFleet {
  readonly clients: LeanClient[] = [];
  private readonly payloads = new Map<number, (Buffer | undefined)[]>();
  private observed = 0;
  retransmissions = 0;
  observationsEnded = 0;
  private retransmitTimer: NodeJS.Timeout | undefined;

  private constructor(private readonly options: LeanFleetOptions) {}

  /** Binds `count` sockets on 127.0.0.1 (nothing is sent yet). */
  static async open(options: LeanFleetOptions): Promise<LeanFleet> {
    const fleet = new LeanFleet(options);
    for (let i = 0; i < options.count; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, options.count - i) }, (_, k) => new Promise<void>((resolve, reject) => {
        const socket = createSocket('udp4');
        socket.once('error', reject);
        socket.bind(0, '127.0.0.1', () => {
          socket.off('error', reject);
          fleet.clients[i + k] = new LeanClient(socket, options.endpoint(i + k), fleet);
          resolve();
        });
      })));
    }
    fleet.retransmitTimer = setInterval(() => fleet.retransmit(), 100);
    return fleet;
  }

  get observing(): number {
    return this.observed;
  }

  get otherRequests(): number {
    return this.clients.reduce((n, c) => n + c.otherRequests, 0);
  }

  send(client: LeanClient, data: Buffer): void {
    client.socket.send(data, this.options.port, this.options.host);
  }

  observationStarted(_: LeanClient): void {
    this.observed++;
  }

  observationEnded(client: LeanClient): void {
    if (!client.observation) return;
    client.observation = undefined;
    this.observed--;
    this.observationsEnded++;
  }

  /** the payload of reading /3303/0/5700 in `format` (undefined: a format we do not speak) */
  payload(format: number, path: Lwm2mPath, index: number): Buffer | undefined {
    let list = this.payloads.get(format);
    if (!list) {
      list = VALUES.map((v) => {
        try {
          return Buffer.from(encodeContent(format, path, { kind: 'resource', id: path[2]!, value: v }, () => 'float'));
        } catch {
          return undefined;
        }
      });
      this.payloads.set(format, list);
    }
    return list[index];
  }

  /** CON retransmission with exponential back-off (RFC 7252 §4.2); a CON unanswered after the last one fails */
  private retransmit(): void {
    const now = performance.now();
    for (const c of this.clients) {
      const p = c.pending;
      if (!p || now - p.lastSentAt < ACK_TIMEOUT_MS * 2 ** p.tries) continue;
      if (p.tries >= MAX_RETRANSMIT) {
        p.done(false, now);
        continue;
      }
      p.tries++;
      p.lastSentAt = now;
      this.retransmissions++;
      this.send(c, p.data);
    }
  }

  /** Every client registers once, `concurrency` Register requests in flight at a time. */
  async registerAll(concurrency: number, onProgress?: (done: number) => void): Promise<RegisterFigures> {
    const lifetime = this.options.lifetimeSec ?? 86_400;
    const links = Buffer.from(this.options.objectLinks ?? '</>;rt="oma.lwm2m";ct=112,</1/0>,</3/0>,</3303/0>');
    const latenciesMs: number[] = [];
    let ok = 0;
    let failed = 0;
    let firstError: string | undefined;
    let next = 0;
    const start = performance.now();
    const worker = async () => {
      while (next < this.clients.length) {
        const c = this.clients[next++]!;
        const messageId = c.nextMessageId();
        c.lastCode = undefined;
        const data = encodeMessage({
          type: 'CON', code: '0.02', messageId, token: Buffer.from([messageId >> 8, messageId & 0xff, 0x4c, 0x57]),
          options: [
            { number: OPTION.UriPath, value: Buffer.from('rd') },
            { number: OPTION.ContentFormat, value: encodeUint(CT.LINK_FORMAT) },
            ...[`ep=${c.endpoint}`, `lt=${lifetime}`, 'lwm2m=1.1', 'b=U'].map((q) => ({ number: OPTION.UriQuery, value: Buffer.from(q) })),
          ],
          payload: links,
        });
        const r = await c.sendConfirmable(data, messageId);
        if (r.ok && c.location) {
          ok++;
          latenciesMs.push(r.ms);
        } else {
          failed++;
          firstError ??= `${c.endpoint}: ` + (r.ok ? 'answer without Location-Path'
            : c.lastCode ? `answered ${c.lastCode}` : `no answer after ${MAX_RETRANSMIT} retransmissions`);
        }
        if ((ok + failed) % 1000 === 0) onProgress?.(ok + failed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, this.clients.length) }, worker));
    return { ok, failed, elapsedMs: performance.now() - start, latenciesMs, ...(firstError ? { firstError } : {}) };
  }

  /**
   * Notifications at `ratePerSecond` in total for `seconds`, round robin over the observed clients.
   * A client whose previous notification is not acknowledged yet skips its turn (NSTART = 1), so
   * an overloaded server shows as skipped turns and a lower acked rate, not as an unbounded queue.
   */
  async notify(ratePerSecond: number, seconds: number): Promise<NotifyFigures> {
    const observed = this.clients.filter((c) => c.observation);
    const latenciesMs: number[] = [];
    let sent = 0;
    let acked = 0;
    let failed = 0;
    let skipped = 0;
    let turns = 0;
    let cursor = 0;
    let lastAckAt = 0;
    const retransmissionsBefore = this.retransmissions;
    const start = performance.now();
    const end = start + seconds * 1000;
    const inFlight = new Set<Promise<unknown>>();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const due = Math.floor(((Math.min(now, end) - start) / 1000) * ratePerSecond);
        for (; turns < due && observed.length > 0; turns++) {
          const c = observed[cursor]!;
          cursor = (cursor + 1) % observed.length;
          if (c.pending || !c.observation) {
            skipped++;
            continue;
          }
          const { data, messageId, token } = c.notification();
          sent++;
          const p = c.sendConfirmable(data, messageId, token).then((r) => {
            if (r.ok) {
              acked++;
              lastAckAt = performance.now();
              latenciesMs.push(r.ms);
            } else failed++;
            inFlight.delete(p);
          });
          inFlight.add(p);
        }
        if (now >= end) return resolve();
        setTimeout(tick, 2);
      };
      tick();
    });
    // the last notifications' ACKs (bounded by the retransmission schedule)
    await Promise.all(inFlight);
    return { sent, acked, failed, skipped, retransmissions: this.retransmissions - retransmissionsBefore, elapsedMs: Math.max(0, lastAckAt - start), latenciesMs };
  }

  async close(): Promise<void> {
    clearInterval(this.retransmitTimer);
    await Promise.all(this.clients.map((c) => new Promise<void>((r) => c.socket.close(() => r()))));
  }
}

export { VALUES as NOTIFIED_VALUES };
