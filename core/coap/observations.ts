// Observations we hold on peers (RFC 7641), matched by peer and token. Notifications of one
// observation are handled one after the other; a CON one is ACKed only after onNotify resolved
// (the value is committed), and answered with RST when onNotify fails, which ends the observation.
import { OPTION, emptyMessage, uintOption, type CoapMessage } from './coap-message.js';
import { peerKey } from './outgoing-exchanges.js';
import type { CoapIncomingResponse, CoapNotificationHandler, CoapPeer } from './types.js';

interface Observation {
  onNotify: CoapNotificationHandler;
  /** the payload of a notification, Block2 fetched to the end */
  complete(message: CoapMessage): Promise<CoapIncomingResponse>;
  queue: Promise<void>;
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
    this.active.set(key(peer, token), { onNotify, complete, queue: Promise.resolve(), newest: { sequence, at: Date.now() } });
  }

  remove(peer: CoapPeer, token: Buffer): void {
    this.active.delete(key(peer, token));
  }

  /** A CON or NON response that answered no exchange. Unknown tokens get a RST. */
  handle(message: CoapMessage, peer: CoapPeer, reply: (data: Buffer) => void): void {
    const observationKey = key(peer, message.token);
    const observation = this.active.get(observationKey);
    if (observation === undefined) {
      reply(emptyMessage('RST', message.messageId));
      return;
    }
    observation.queue = observation.queue.then(async () => {
      try {
        // cancelled while earlier notifications were being handled
        if (this.active.get(observationKey) !== observation) throw new Error('observation cancelled');
        const sequence = uintOption(message, OPTION.Observe);
        // a reordered, older notification is acknowledged but not delivered (it would overwrite a newer value)
        if (sequence === undefined || isFresher(observation.newest, sequence, Date.now())) {
          if (sequence !== undefined) observation.newest = { sequence, at: Date.now() };
          await observation.onNotify(await observation.complete(message));
        }
        // RFC 7641 §3.2: an error, or an answer without Observe, ends the observation
        if (sequence === undefined || !message.code.startsWith('2.')) this.active.delete(observationKey);
        if (message.type === 'CON') reply(emptyMessage('ACK', message.messageId));
      } catch (error) {
        this.active.delete(observationKey);
        this.log(`CoAP notification from ${peer.address}:${peer.port} refused: ${error instanceof Error ? error.message : String(error)}`);
        reply(emptyMessage('RST', message.messageId));
      }
    });
  }

  clear(): void {
    this.active.clear();
  }
}

function key(peer: CoapPeer, token: Buffer): string {
  return `${peerKey(peer)}|${token.toString('hex')}`;
}
