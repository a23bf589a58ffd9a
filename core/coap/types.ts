// The CoAP endpoint as the LwM2M adapter sees it (DESIGN.md, Protocols): one UDP socket per port
// that serves requests from devices (the registration interface, Send) and sends requests to
// them (device management, observe), so replies reach devices behind NAT. node-coap's message
// codec (coap-packet) sits underneath (endpoint.ts says why not its Server/Agent); its pitfalls are
// fixed once, in core/coap/, and nothing above sees node-coap types.

import type { DatagramTransport } from './datagram-transport.js';

export interface CoapPeer {
  address: string;
  port: number;
}

export type CoapMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'FETCH' | 'PATCH' | 'iPATCH';

/** e.g. '2.05', '4.04' */
export type CoapCode = `${2 | 4 | 5}.${number}${number}`;

/** A request from a peer, Block1 already reassembled. */
export interface CoapIncomingRequest {
  peer: CoapPeer;
  method: CoapMethod;
  /** Uri-Path segments, e.g. ['rd', '5a3f'] */
  path: string[];
  /** Uri-Query segments as sent, e.g. ['ep=node-1', 'lt=300'] */
  query: string[];
  contentFormat: number | undefined;
  accept: number | undefined;
  payload: Buffer;
}

/** The answer to a CoapIncomingRequest (sent to the peer it came from; Block2 when large). */
export interface CoapOutgoingResponse {
  code: CoapCode;
  contentFormat?: number;
  /** Location-Path segments, e.g. ['rd', '5a3f'] */
  locationPath?: string[];
  payload?: Buffer;
}

/**
 * Serves requests from peers. The response (the piggybacked ACK of a confirmable request) goes
 * out only when this resolves, so whatever it commits is durable before the device hears back.
 * A throw becomes 5.00 with a short text payload, sent to the real peer.
 */
export type CoapRequestHandler = (request: CoapIncomingRequest) => Promise<CoapOutgoingResponse> | CoapOutgoingResponse;

/** A request to a peer (a device), sent confirmable. */
export interface CoapOutgoingRequest {
  peer: CoapPeer;
  method: CoapMethod;
  path: string[];
  query?: string[];
  contentFormat?: number;
  accept?: number;
  payload?: Buffer;
  /** How long to wait for the answer, retransmissions included; default the endpoint's. */
  timeoutMs?: number;
}

/** A peer's answer, or one notification of an observation; Block2 already reassembled. */
export interface CoapIncomingResponse {
  peer: CoapPeer;
  code: CoapCode;
  contentFormat: number | undefined;
  payload: Buffer;
  /** the Observe option's value, on observe answers and notifications */
  observe: number | undefined;
  /** Location-Path segments (a 2.01 Created names the new resource); [] when absent */
  locationPath?: string[];
}

/** No answer from the peer in time. */
export class CoapTimeoutError extends Error {
  constructor(readonly peer: CoapPeer, readonly waitedMs: number) {
    super(`no answer from ${peer.address}:${peer.port} within ${waitedMs} ms`);
    this.name = 'CoapTimeoutError';
  }
}

export interface CoapObservation {
  /** The first answer (a 2.05 with Observe set, or the error that refused the observation). */
  response: CoapIncomingResponse;
  /** Stops it: a GET with Observe=1 to the device; later notifications are answered with RST. */
  cancel(): Promise<void>;
}

/**
 * Receives one notification. A confirmable notification is ACKed only when this resolves (the
 * value is committed first); a throw or rejection answers it with RST, which ends the observation.
 */
export type CoapNotificationHandler = (notification: CoapIncomingResponse) => Promise<void> | void;

export interface CoapEndpointOptions {
  /** 0: any free port */
  port: number;
  /** address to bind: '127.0.0.1', '0.0.0.0', '::' (both families where the OS allows) */
  host: string;
  handler: CoapRequestHandler;
  /** default timeout of requests to peers; a few seconds */
  requestTimeoutMs?: number;
  /** Additions (core/coap's own): the datagram layer underneath, e.g. DTLS later; default a UDP socket on host:port. */
  transport?: DatagramTransport;
  /** Rare events worth a line (a handler that threw, a refused notification); never per packet. */
  log?: (message: string) => void;
  /** Block size for Block1/Block2 we send: 16 ... 1024; default 1024. */
  blockSize?: number;
  /** Bound on one incoming Block1 body; default 64 KiB. */
  maxRequestBytes?: number;
  /** Incoming Block1 transfers held at once (the oldest is dropped); default 64. */
  maxBlock1Transfers?: number;
  /** Bound on a Block2 answer fetched from a peer; default 4 MiB (firmware-size reads). */
  maxResponseBytes?: number;
}

export interface CoapEndpoint {
  readonly port: number;
  readonly host: string;
  request(request: CoapOutgoingRequest): Promise<CoapIncomingResponse>;
  /** GET with Observe=0 (or FETCH for composite observations); `onNotify` gets each later notification. */
  observe(request: CoapOutgoingRequest, onNotify: CoapNotificationHandler): Promise<CoapObservation>;
  close(): Promise<void>;
}

/** The peer answered our confirmable request with a Reset (it rejected or did not understand it). */
export class CoapResetError extends Error {
  constructor(readonly peer: CoapPeer) {
    super(`reset by ${peer.address}:${peer.port}`);
    this.name = 'CoapResetError';
  }
}

/** A block-wise transfer from a peer broke off (a block refused, the resource changed, too large). */
export class CoapBlockwiseError extends Error {
  constructor(readonly peer: CoapPeer, reason: string) {
    super(`block-wise transfer with ${peer.address}:${peer.port} failed: ${reason}`);
    this.name = 'CoapBlockwiseError';
  }
}
