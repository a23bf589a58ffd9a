// The CoAP endpoint: one datagram socket serving requests from peers and carrying our requests to
// them (so devices behind NAT hear us from the port they registered with).
//
// Built on coap-packet, node-coap's own message codec, rather than on node-coap's Server and Agent
// sharing the socket (decided from reading node-coap 1.5's source): both would see every datagram;
// the Agent matches answers by message id or token without the peer and ACKs every CON response on
// arrival (a notification before it is committed); the Server hands pings to the handler, runs the
// handler again for a retransmission that arrives while it is still working (its duplicate cache is
// filled only when the answer goes out), holds Block1 bodies without a size bound and throws on
// out-of-order blocks, and sends its error answers to the peer's port without the address. Fixing
// that around node-coap would have meant filtering and re-implementing most of it beside it; the
// message layer here is small and owns those rules.
import { bindUdpTransport, type DatagramTransport } from './datagram-transport.js';
import { Block1Reassembly } from './block1-reassembly.js';
import { BoundedCache } from './bounded-cache.js';
import { OPTION, codeClass, decodeMessage, emptyMessage, optionValue, type CoapMessage } from './coap-message.js';
import { IncomingRequests } from './incoming-requests.js';
import { Observations } from './observations.js';
import { OutgoingExchanges, newToken, peerKey, tokenKey } from './outgoing-exchanges.js';
import { fetchRemainingBlocks, sendRequest, toIncomingResponse, type RequestSettings } from './outgoing-requests.js';
import type {
  CoapEndpoint, CoapEndpointOptions, CoapIncomingResponse, CoapNotificationHandler, CoapObservation,
  CoapOutgoingRequest, CoapPeer,
} from './types.js';

const DEFAULT_TIMEOUT_MS = 5000;
/** RFC 7252 EXCHANGE_LIFETIME: how long a peer may retransmit a message id */
const EXCHANGE_LIFETIME_MS = 247_000;
const DEDUP_ENTRIES = 4096;

type Seen = Buffer | 'pending';

export async function startCoapEndpoint(options: CoapEndpointOptions): Promise<CoapEndpoint> {
  const transport: DatagramTransport = options.transport ?? (await bindUdpTransport(options.host, options.port));
  const log = options.log ?? (() => {});
  const blockSize = options.blockSize ?? 1024;
  if (![16, 32, 64, 128, 256, 512, 1024].includes(blockSize)) throw new Error(`CoAP block size must be a power of two from 16 to 1024, not ${blockSize}`);
  const settings: RequestSettings = {
    blockSize,
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? 4 * 1024 * 1024,
  };
  const maxRequestBytes = options.maxRequestBytes ?? 64 * 1024;

  let lastMessageId = Math.floor(Math.random() * 0x10000);
  const nextMessageId = (): number => (lastMessageId = (lastMessageId + 1) & 0xffff);
  const send = (data: Buffer, peer: CoapPeer): void => transport.send(data, peer.port, peer.address);

  // RFC 7252 §4.5: a message id seen from a peer is answered from here, never processed twice.
  const seen = new BoundedCache<Seen>(DEDUP_ENTRIES, EXCHANGE_LIFETIME_MS);
  const block1 = new Block1Reassembly({ maxBytes: maxRequestBytes, maxTransfers: options.maxBlock1Transfers ?? 64, lifetimeMs: 60_000 });
  const incoming = new IncomingRequests({ handler: options.handler, block1, blockSize, block1MaxBytes: maxRequestBytes, nextMessageId, log });
  const exchanges = new OutgoingExchanges(send, nextMessageId);
  const observations = new Observations(log);
  let closed = false;

  /** Runs `process` once per (peer, message id); a duplicate gets the stored answer, if any yet. */
  const once = (message: CoapMessage, peer: CoapPeer, from: string, process: (reply: (data: Buffer) => void) => void): void => {
    const key = `${from}|${message.messageId}`;
    const previous = seen.get(key);
    if (previous === 'pending') return;
    if (previous !== undefined) return send(previous, peer);
    seen.set(key, 'pending');
    process((data) => {
      if (closed) return;
      // the answer takes the place of 'pending' (its age from the first datagram: a few ms apart)
      seen.replace(key, data);
      send(data, peer);
    });
  };

  const onDatagram = (data: Buffer, peer: CoapPeer): void => {
    if (closed) return;
    const message = decodeMessage(data);
    if (message === undefined || message.token.length > 8) {
      // RFC 7252 §4.2: a CON with a format error is rejected with RST; anything else is ignored.
      const isConfirmable = data.length >= 4 && data[0]! >> 4 === 0x4;
      if (isConfirmable) send(emptyMessage('RST', data.readUInt16BE(2)), peer);
      return;
    }
    if (message.type === 'ACK' || message.type === 'RST') {
      exchanges.handleAckOrReset(message, peer);
      return;
    }
    const kind = codeClass(message.code);
    if (message.code === '0.00' || (kind !== 0 && kind !== 2 && kind !== 4 && kind !== 5)) {
      // CoAP ping (empty CON) or a reserved code class: RST, and the handler never sees it
      if (message.type === 'CON') send(emptyMessage('RST', message.messageId), peer);
      return;
    }
    const from = peerKey(peer);
    once(message, peer, from, (reply) => {
      if (kind === 0) {
        incoming.handle(message, peer, reply).catch((error: unknown) => log(`CoAP request failed: ${String(error)}`));
        return;
      }
      // a response: to an exchange of ours, else a notification (both keyed by peer and token)
      const byToken = tokenKey(from, message.token);
      if (!exchanges.handleSeparateResponse(message, peer, reply, byToken)) observations.handle(message, peer, reply, byToken);
    });
  };
  transport.on('message', onDatagram);

  const request = async (outgoing: CoapOutgoingRequest): Promise<CoapIncomingResponse> => {
    if (closed) throw new Error('CoAP endpoint closed');
    const { message, payload } = await sendRequest(exchanges, outgoing, settings, newToken());
    return toIncomingResponse(outgoing.peer, message, payload);
  };

  const observe = async (outgoing: CoapOutgoingRequest, onNotify: CoapNotificationHandler): Promise<CoapObservation> => {
    if (closed) throw new Error('CoAP endpoint closed');
    const token = newToken();
    const { message, payload } = await sendRequest(exchanges, outgoing, settings, token, 0);
    const response = toIncomingResponse(outgoing.peer, message, payload);
    const established = response.code.startsWith('2.') && response.observe !== undefined;
    let cancelled = !established;
    if (established) {
      // a notification in one datagram (the usual case) becomes a response at once, without a promise
      observations.add(outgoing.peer, token, response.observe ?? 0, onNotify, (notification) =>
        optionValue(notification, OPTION.Block2) === undefined
          ? toIncomingResponse(outgoing.peer, notification, notification.payload)
          : fetchRemainingBlocks(exchanges, outgoing, settings, notification).then((payload) => toIncomingResponse(outgoing.peer, notification, payload)));
    }
    return {
      response,
      cancel: async () => {
        if (cancelled) return;
        cancelled = true;
        observations.remove(outgoing.peer, token);
        // Proactive cancel (RFC 7641 §3.6); a device that does not answer is cancelled all the same.
        try {
          await sendRequest(exchanges, { ...outgoing, payload: outgoing.method === 'FETCH' ? outgoing.payload : undefined }, settings, token, 1);
        } catch (error) {
          log(`CoAP cancel of an observation on ${outgoing.peer.address}:${outgoing.peer.port} got no answer: ${String(error)}`);
        }
      },
    };
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    transport.off('message', onDatagram);
    exchanges.close();
    observations.clear();
    block1.clear();
    incoming.clear();
    seen.clear();
    await transport.close();
  };

  return { port: transport.port, host: transport.host, request, observe, close };
}
