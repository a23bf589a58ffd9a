// Confirmable requests to peers, one message exchange each: retransmission with RFC 7252's
// backoff, our own deadline (not node-coap's ~247 s), and answers matched by the peer's address
// and port as well as by message id (ACK/RST) or token (separate responses). A timed out exchange
// leaves no timer and no map entry behind.
import { randomBytes } from 'node:crypto';
import { emptyMessage, encodeMessage, type CoapMessage } from './coap-message.js';
import { CoapResetError, CoapTimeoutError, type CoapPeer } from './types.js';

const ACK_TIMEOUT_MS = 2000;
const ACK_RANDOM_FACTOR = 1.5;
const MAX_RETRANSMIT = 4;
/**
 * Exchanges under way at once; more wait for a place (their deadline starts when they are sent).
 * A burst of thousands (observing a whole fleet) would have every answer arrive at once and
 * overflow our socket's receive buffer: the answers lost, the exchanges failed though peers answered.
 */
export const MAX_EXCHANGES_IN_FLIGHT = 256;

interface Exchange {
  peer: CoapPeer;
  midKey: string;
  tokenKey: string;
  messageId: number;
  token: Buffer;
  resolve(message: CoapMessage): void;
  reject(error: Error): void;
  timers: NodeJS.Timeout[];
}

export function peerKey(peer: CoapPeer): string {
  return `${peer.address}|${peer.port}`;
}

/** An exchange's or an observation's key: the peer (peerKey) and the token. */
export function tokenKey(from: string, token: Buffer): string {
  return `${from}|${token.toString('hex')}`;
}

export function newToken(): Buffer {
  return randomBytes(8);
}

export class OutgoingExchanges {
  private readonly byMessageId = new Map<string, Exchange>();
  private readonly byToken = new Map<string, Exchange>();
  /** exchanges waiting for a place (MAX_EXCHANGES_IN_FLIGHT), oldest first */
  private readonly waiting: Array<{ start(): void; fail(error: Error): void }> = [];
  private waitingFrom = 0;

  constructor(
    private readonly send: (data: Buffer, peer: CoapPeer) => void,
    private readonly nextMessageId: () => number,
    private readonly maxInFlight = MAX_EXCHANGES_IN_FLIGHT,
  ) {}

  get pending(): number {
    return this.byMessageId.size;
  }

  /** Sends `message` as a CON with a fresh message id; resolves with the peer's answer. */
  exchange(peer: CoapPeer, message: Omit<CoapMessage, 'type' | 'messageId'>, timeoutMs: number): Promise<CoapMessage> {
    if (this.byMessageId.size < this.maxInFlight && this.waiting.length === this.waitingFrom) return this.start(peer, message, timeoutMs);
    return new Promise<void>((start, fail) => this.waiting.push({ start, fail }))
      .then(() => this.start(peer, message, timeoutMs));
  }

  private start(peer: CoapPeer, message: Omit<CoapMessage, 'type' | 'messageId'>, timeoutMs: number): Promise<CoapMessage> {
    const messageId = this.nextMessageId();
    const data = encodeMessage({ ...message, type: 'CON', messageId });
    return new Promise<CoapMessage>((resolve, reject) => {
      const exchange: Exchange = {
        peer, messageId, token: message.token,
        midKey: `${peerKey(peer)}|${messageId}`,
        tokenKey: tokenKey(peerKey(peer), message.token),
        timers: [],
        resolve: (answer) => {
          this.forget(exchange);
          resolve(answer);
        },
        reject: (error) => {
          this.forget(exchange);
          reject(error);
        },
      };
      if (this.byToken.has(exchange.tokenKey)) {
        reject(new Error('token already in use for this peer'));
        return;
      }
      this.byMessageId.set(exchange.midKey, exchange);
      this.byToken.set(exchange.tokenKey, exchange);
      exchange.timers.push(setTimeout(() => exchange.reject(new CoapTimeoutError(peer, timeoutMs)), timeoutMs));
      const transmit = (attempt: number, waitMs: number): void => {
        this.send(data, peer);
        if (attempt < MAX_RETRANSMIT) {
          exchange.timers.push(setTimeout(() => transmit(attempt + 1, waitMs * 2), waitMs));
        }
      };
      transmit(0, ACK_TIMEOUT_MS * (1 + Math.random() * (ACK_RANDOM_FACTOR - 1)));
    });
  }

  /** An ACK or RST from a peer. True when it belonged to one of our exchanges. */
  handleAckOrReset(message: CoapMessage, peer: CoapPeer): boolean {
    const exchange = this.byMessageId.get(`${peerKey(peer)}|${message.messageId}`);
    if (exchange === undefined) return false;
    if (message.type === 'RST') {
      exchange.reject(new CoapResetError(peer));
    } else if (message.code === '0.00') {
      // Empty ACK: the answer comes later as a separate response; stop retransmitting.
      for (const timer of exchange.timers.splice(1)) clearTimeout(timer);
    } else if (message.token.equals(exchange.token)) {
      exchange.resolve(message);
    } else {
      return false;
    }
    return true;
  }

  /** A separate (CON or NON) response. True when it answered one of our exchanges (a CON is ACKed). */
  handleSeparateResponse(message: CoapMessage, peer: CoapPeer, reply: (data: Buffer) => void, key = tokenKey(peerKey(peer), message.token)): boolean {
    const exchange = this.byToken.get(key);
    if (exchange === undefined) return false;
    if (message.type === 'CON') reply(emptyMessage('ACK', message.messageId));
    exchange.resolve(message);
    return true;
  }

  close(): void {
    const waiting = this.waiting.splice(this.waitingFrom);
    this.waiting.length = this.waitingFrom = 0;
    for (const w of waiting) w.fail(new Error('CoAP endpoint closed'));
    for (const exchange of [...this.byMessageId.values()]) exchange.reject(new Error('CoAP endpoint closed'));
  }

  private forget(exchange: Exchange): void {
    for (const timer of exchange.timers) clearTimeout(timer);
    exchange.timers.length = 0;
    if (this.byMessageId.get(exchange.midKey) === exchange) this.byMessageId.delete(exchange.midKey);
    if (this.byToken.get(exchange.tokenKey) === exchange) this.byToken.delete(exchange.tokenKey);
    // a place is free: the oldest waiting exchange takes it (on its own turn: this one's caller goes first)
    if (this.waitingFrom < this.waiting.length && this.byMessageId.size < this.maxInFlight) {
      this.waiting[this.waitingFrom++]!.start();
      if (this.waitingFrom === this.waiting.length) this.waiting.length = this.waitingFrom = 0;
    }
  }
}
