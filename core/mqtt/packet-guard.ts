// Packet size limits enforced while a connection is read. aedes hands every byte to its MQTT
// parser, which buffers a packet whole before anyone looks at it: one CONNECT declaring 200 MB
// costs 200 MB. So each socket is wrapped in a Duplex whose readable side carries only bytes that
// passed the frame tracker, and a packet over the limit closes the connection as soon as its
// fixed header is read. Writes go straight through to the socket.
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { createFrameTracker } from '../codecs/mqtt-frames.js';
import type { Logger } from '../log.js';

/**
 * Largest packet before a client's CONNECT is accepted. A CONNECT with client id, will, user name
 * and token is a few hundred bytes; nobody needs more before we know who it is.
 */
export const PRE_AUTH_MAX_PACKET_BYTES = 64 * 1024;

/** A socket as aedes sees it once the packet size guard is in front of it. */
export class GuardedConnection extends Duplex {
  // what the broker (and aedes) read from a connection; fixed at accept, a closed socket forgets them
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;
  readonly remoteFamily: string | undefined;
  readonly localAddress: string | undefined;
  readonly localPort: number | undefined;

  private readonly frames = createFrameTracker(PRE_AUTH_MAX_PACKET_BYTES);
  private authenticated = false;
  /** the rest of a chunk after the header of a packet that waits for the authentication decision */
  private held: { rest: Buffer; size: number } | null = null;
  private full = false; // our readable buffer is above its high-water mark: the socket is paused
  private ended = false; // the socket's end was passed on
  private endAfterHeld = false;
  /** why the guard closed the connection; null while it has not */
  refusal: string | null = null;

  constructor(readonly socket: Socket, private readonly log: Logger) {
    // aedes destroys the connection on 'end'; no half-open state to keep
    super({ allowHalfOpen: false });
    this.remoteAddress = socket.remoteAddress;
    this.remotePort = socket.remotePort;
    this.remoteFamily = socket.remoteFamily;
    this.localAddress = socket.localAddress;
    this.localPort = socket.localPort;
    // aedes writes a few small buffers per packet (PUBACKs on the hot path): straight to the
    // socket, not through a second Writable first (that cost ~15% of ingest throughput)
    this.write = ((chunk: Buffer, encodingOrDone?: never, done?: never) => socket.write(chunk, encodingOrDone, done)) as typeof this.write;
    this.cork = () => socket.cork();
    this.uncork = () => socket.uncork();
    socket.on('drain', () => this.emit('drain'));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => {
      if (this.held) this.endAfterHeld = true;
      else this.endReadable();
    });
    socket.on('error', (err) => this.destroy(err));
    // after a clean end, bytes not yet read by aedes stay readable; it destroys us on 'end'
    socket.on('close', (hadError) => {
      if (hadError || !this.ended) this.destroy();
    });
  }

  /**
   * The client's CONNECT was accepted: from now on its packets may have up to `maxBytes`.
   * A packet that arrived right behind the CONNECT and waits for this decision is let through or refused.
   */
  authenticatedWithLimit(maxBytes: number): void {
    if (this.destroyed || this.authenticated) return;
    this.authenticated = true;
    this.frames.limit = maxBytes;
    // not from inside aedes' authenticate callback: it is parsing our earlier bytes right now
    if (this.held) process.nextTick(() => this.release());
  }

  private release(): void {
    const held = this.held;
    if (!held || this.destroyed) return;
    this.held = null;
    if (held.size > this.frames.limit) return this.refuse(this.tooLarge(held.size));
    this.receive(held.rest);
    if (this.held || this.destroyed) return;
    if (this.endAfterHeld) this.endReadable();
    else if (!this.full) this.socket.resume();
  }

  private receive(chunk: Buffer): void {
    if (this.destroyed) return;
    const verdict = this.frames.feed(chunk);
    if (verdict.kind === 'ok') return this.forward(chunk);
    if (verdict.kind === 'malformed') return this.refuse('malformed packet: remaining length longer than 4 bytes');
    if (!this.authenticated && verdict.index > 0) {
      // MQTT 3.1.1 §3.1.4 lets a client send packets right after CONNECT, before CONNACK: one over
      // the small limit waits, unread and with the socket paused, until authentication decides
      this.forward(chunk.subarray(0, verdict.at));
      this.held = { rest: chunk.subarray(verdict.at), size: verdict.size };
      this.socket.pause();
      return;
    }
    this.refuse(this.tooLarge(verdict.size));
  }

  private tooLarge(size: number): string {
    const limit = this.frames.limit;
    return `packet of ${size} bytes declared, over the limit of ${limit} bytes${this.authenticated ? '' : ' before authentication'}`;
  }

  private forward(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (!this.push(chunk)) {
      this.full = true;
      this.socket.pause();
    }
  }

  private endReadable(): void {
    this.ended = true;
    this.push(null);
  }

  private refuse(reason: string): void {
    // MQTT 3.1.1 has no reason code for this: the connection just ends
    const clientId = (this as { client?: { id?: unknown } }).client?.id;
    const who = typeof clientId === 'string' ? ` (client ${clientId})` : '';
    this.log.warn(`mqtt: closed the connection from ${this.remoteAddress ?? '?'}:${this.remotePort ?? '?'}${who}: ${reason}`);
    this.refusal = reason;
    // the error becomes the client's end reason in the broker
    this.destroy(new Error(reason));
  }

  override _read(): void {
    this.full = false;
    if (!this.held && !this.socket.destroyed) this.socket.resume();
  }

  // unused while write() goes straight to the socket (constructor); kept for Writable's contract
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.socket.write(chunk, () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    if (!this.socket.destroyed && !this.socket.writableEnded) this.socket.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.held = null;
    this.socket.destroy();
    done(error);
  }
}

/** Puts the packet size guard in front of a new connection; aedes gets the result. */
export function guardConnection(socket: Socket, log: Logger): GuardedConnection {
  return new GuardedConnection(socket, log);
}

/** Why the packet size guard closed the connection behind `conn`, or null. */
export function refusalOf(conn: unknown): string | null {
  return conn instanceof GuardedConnection ? conn.refusal : null;
}

/** From the broker's authenticate hook: the client behind `conn` may now send packets up to `maxBytes`. */
export function liftPacketLimit(conn: unknown, maxBytes: number): void {
  if (conn instanceof GuardedConnection) conn.authenticatedWithLimit(maxBytes);
}
