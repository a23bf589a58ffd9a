// Observations we hold on peers (RFC 7641), matched by peer and token. Notifications of one
// observation are handled one after the other; a CON one is ACKed only after onNotify resolved
// (the value is committed), and answered with RST when onNotify fails, which ends the observation.
import { OPTION, emptyMessage, uintOption, type CoapMessage } from './coap-message.js';
import { peerKey, tokenKey } from './outgoing-exchanges.js';
import type { CoapIncomingResponse, CoapNotificationHandler, CoapPeer } from './types.js';

interface Observation {
  onNotify: CoapNotificationHandler;
  /** the notification as a response, Block2 fetched to the end (a promise only when there are more blocks) */
  complete(message: CoapMessage): CoapIncomingResponse | Promise<CoapIncomingResponse>;
  /** a notification is being delivered; the ones that came meanwhile wait here, oldest first */
  busy: boolean;
  waiting: Array<{ message: CoapMessage; peer: CoapPeer; reply: (data: Buffer) => void }>;
  /** Observe value and arrival time of the newest notification so far */
  newest: { sequence: number; at: number };
}

/** RFC 7641 §3.4: is the notification with `sequence` newer than the newest so far? */
export function isFresher(newest: { sequence: number; at: number }, sequence: number, now: number): boolean {
  const v1 = newest.sequence;
  const half = 1 << 23;
  return (v1 < sequence && sequence - v1 < half) || (v1 > sequence && v1 - sequence > half) || now > newest.at + 128_000;
}

export class Observations {
  private readonly active = new Map<string, Observation>();

  constructor(private readonly log: (message: string) => void) {}

  get size(): number {
    return this.active.size;
  }

  add(peer: CoapPeer, token: Buffer, sequence: number, onNotify: CoapNotificationHandler, complete: Observation['complete']): void {
    this.active.set(key(peer, token), { onNotify, complete, busy: false, waiting: [], newest: { sequence, at: Date.now() } });
  }

  remove(peer: CoapPeer, token: Buffer): void {
    this.active.delete(key(peer, token));
  }

  /** A CON or NON response that answered no exchange. Unknown tokens get a RST. */
  handle(message: CoapMessage, peer: CoapPeer, reply: (data: Buffer) => void, observationKey = key(peer, message.token)): void {
    const observation = this.active.get(observationKey);
    if (observation === undefined) {
      reply(emptyMessage('RST', message.messageId));
      return;
    }
    if (observation.busy) observation.waiting.push({ message, peer, reply });
    else this.deliver(observation, observationKey, message, peer, reply);
  }

  /**
   * One notification to onNotify, then its ACK (or RST); then the next one waiting. Plain callbacks,
   * not an async function and a promise chain per notification (thousands a second).
   */
  private deliver(observation: Observation, observationKey: string, message: CoapMessage, peer: CoapPeer, reply: (data: Buffer) => void): void {
    observation.busy = true;
    const refuse = (error: unknown) => {
      this.active.delete(observationKey);
      this.log(`CoAP notification from ${peer.address}:${peer.port} refused: ${error instanceof Error ? error.message : String(error)}`);
      reply(emptyMessage('RST', message.messageId));
      this.next(observation, observationKey);
    };
    const sequence = uintOption(message, OPTION.Observe);
    const done = () => {
      // RFC 7641 §3.2: an error, or an answer without Observe, ends the observation
      if (sequence === undefined || message.code[0] !== '2') this.active.delete(observationKey);
      if (message.type === 'CON') reply(emptyMessage('ACK', message.messageId));
      this.next(observation, observationKey);
    };
    try {
      // cancelled while earlier notifications were being handled
      if (this.active.get(observationKey) !== observation) throw new Error('observation cancelled');
      const now = Date.now();
      // a reordered, older notification is acknowledged but not delivered (it would overwrite a newer value)
      if (sequence !== undefined && !isFresher(observation.newest, sequence, now)) return done();
      if (sequence !== undefined) observation.newest = { sequence, at: now };
      const response = observation.complete(message);
      const delivered = response instanceof Promise ? response.then(observation.onNotify) : observation.onNotify(response);
      if (delivered instanceof Promise) delivered.then(done, refuse);
      else done();
    } catch (error) {
      refuse(error);
    }
  }

  private next(observation: Observation, observationKey: string): void {
    const waiting = observation.waiting.shift();
    if (waiting === undefined) observation.busy = false;
    else this.deliver(observation, observationKey, waiting.message, waiting.peer, waiting.reply);
  }

  clear(): void {
    this.active.clear();
  }
}

function key(peer: CoapPeer, token: Buffer): string {
  return tokenKey(peerKey(peer), token);
}
