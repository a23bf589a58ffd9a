// The datagram seam under the CoAP endpoint: plain UDP today, a DTLS session layer later (port
// 5684) can provide the same small surface (send + 'message' events) without the endpoint changing.
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { lookup as dnsLookup, type LookupOneOptions } from 'node:dns';
import { isIP, isIPv4 } from 'node:net';

/** where a datagram came from (the same shape as DatagramSource; kept here so this seam depends on nothing) */
export interface DatagramSource {
  address: string;
  port: number;
}

export interface DatagramTransport {
  readonly port: number;
  readonly host: string;
  /** Fire and forget, like UDP: send errors (unreachable peer, ...) are dropped, never thrown. */
  send(data: Buffer, port: number, address: string): void;
  on(event: 'message', listener: (data: Buffer, from: DatagramSource) => void): this;
  off(event: 'message', listener: (data: Buffer, from: DatagramSource) => void): this;
  close(): Promise<void>;
}

/** '::ffff:1.2.3.4' (an IPv4 peer on a dual-stack socket) is reported as '1.2.3.4'. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

class UdpTransport extends EventEmitter implements DatagramTransport {
  constructor(private readonly socket: Socket, readonly host: string, readonly port: number, private readonly ipv6: boolean) {
    super();
    socket.on('message', (data, rinfo) => this.emit('message', data, { address: plainAddress(rinfo.address), port: rinfo.port }));
    // An ICMP error surfacing on the socket must not take the process down.
    socket.on('error', () => {});
  }

  send(data: Buffer, port: number, address: string): void {
    // A udp6 socket reaches IPv4 peers only through their mapped address.
    const to = this.ipv6 && isIPv4(address) ? `::ffff:${address}` : address;
    try {
      // no callback: the send is tried at once, and an error is the socket's (ignored above)
      this.socket.send(data, port, to);
    } catch {
      // closed socket or bad address: as lost as any datagram
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/**
 * Peers are addresses datagrams came from: an IP literal needs no resolver, and Node's default
 * lookup still costs a deferred callback per datagram sent (an ACK for every notification).
 */
function literalLookup(hostname: string, options: number | LookupOneOptions, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const family = isIP(hostname);
  if (family !== 0) return callback(null, hostname, family);
  dnsLookup(hostname, typeof options === 'number' ? { family: options } : options, callback);
}

const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Binds one UDP socket; '::' is dual-stack (IPv4 peers too) where the OS allows. */
export function bindUdpTransport(host: string, port: number): Promise<DatagramTransport> {
  const ipv6 = !isIPv4(host);
  const socket = createSocket({ type: ipv6 ? 'udp6' : 'udp4', ipv6Only: false, lookup: literalLookup });
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      // a burst from many devices while a commit runs waits in the kernel instead of being dropped
      // (then resent by each device seconds later); the kernel caps it at net.core.rmem_max
      try {
        socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
      } catch {
        // not allowed here: the system's default stays
      }
      resolve(new UdpTransport(socket, host, socket.address().port, ipv6));
    });
  });
}
