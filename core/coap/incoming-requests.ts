// Requests from peers: Block1 reassembly, the handler, and the answer (piggybacked on the ACK of
// a CON, only once the handler has resolved), Block2 when the answer is large.
import { createHash } from 'node:crypto';
import { agreedBlockSize, decodeBlock, encodeBlock, type BlockOption } from './block-option.js';
import type { Block1Reassembly } from './block1-reassembly.js';
import { BoundedCache } from './bounded-cache.js';
import {
  METHOD_CODES, OPTION, encodeMessage, encodeUint, optionValue, stringOptions, stringsToOptions, uintOption,
  type CoapMessage, type CoapOption,
} from './coap-message.js';
import type { CoapIncomingRequest, CoapMethod, CoapOutgoingResponse, CoapPeer, CoapRequestHandler } from './types.js';

const METHODS = new Map<string, CoapMethod>(Object.entries(METHOD_CODES).map(([method, code]) => [code, method as CoapMethod]));

/** Critical options (odd numbers) this endpoint understands; any other one is answered with 4.02. */
const UNDERSTOOD_CRITICAL = new Set<number>([OPTION.UriHost, OPTION.UriPort, OPTION.UriPath, OPTION.UriQuery, OPTION.Accept, OPTION.Block2, OPTION.Block1]);

const CODE_PATTERN = /^[245]\.[0-9][0-9]$/;

interface StoredBody {
  response: CoapOutgoingResponse;
  payload: Buffer;
  etag: Buffer;
}

export interface IncomingRequestsDeps {
  handler: CoapRequestHandler;
  block1: Block1Reassembly;
  blockSize: number;
  block1MaxBytes: number;
  nextMessageId(): number;
  log(message: string): void;
}

export class IncomingRequests {
  /** Bodies of large answers, served block by block (RFC 7959 §2.4), bounded like everything a peer can make us hold. */
  private readonly bodies = new BoundedCache<StoredBody>(256, 60_000);

  constructor(private readonly deps: IncomingRequestsDeps) {}

  /** Handles one (deduplicated) request; `reply` sends the answer datagram to the peer it came from. */
  async handle(message: CoapMessage, peer: CoapPeer, reply: (data: Buffer) => void): Promise<void> {
    const answer = (response: CoapOutgoingResponse, extra: CoapOption[] = []): void => {
      reply(this.encodeAnswer(message, response, extra));
    };
    const method = METHODS.get(message.code);
    if (method === undefined) return answer(text('4.05', 'method not allowed'));
    const unknownCritical = message.options.find((option) => option.number % 2 === 1 && !UNDERSTOOD_CRITICAL.has(option.number));
    if (unknownCritical !== undefined) return answer(text('4.02', `unsupported critical option ${unknownCritical.number}`));

    const path = stringOptions(message, OPTION.UriPath);
    const query = stringOptions(message, OPTION.UriQuery);
    const bodyKey = JSON.stringify([peer.address, peer.port, method, path, query]);
    const block1Value = optionValue(message, OPTION.Block1);
    const block2Value = optionValue(message, OPTION.Block2);
    const block1 = block1Value === undefined ? undefined : decodeBlock(block1Value);
    const block2 = block2Value === undefined ? undefined : decodeBlock(block2Value);
    if ((block1Value !== undefined && block1 === undefined) || (block2Value !== undefined && block2 === undefined)) {
      return answer(text('4.00', 'bad block option'));
    }

    // A later block of an answer we already produced: served from the stored body.
    if (block2 !== undefined && block2.num > 0) {
      const stored = this.bodies.get(bodyKey);
      if (stored !== undefined) return answer(...this.blockOf(stored, block2, bodyKey));
      if (method !== 'GET') return answer(text('4.08', 'no answer in progress for this block'));
    }

    let payload = message.payload;
    const block1Echo: CoapOption[] = [];
    if (block1 !== undefined) {
      const outcome = this.deps.block1.accept(bodyKey, block1, message.payload, uintOption(message, OPTION.Size1));
      if (outcome.kind === 'error') {
        const size1 = outcome.code === '4.13' ? [{ number: OPTION.Size1, value: encodeUint(this.deps.block1MaxBytes) }] : [];
        return answer(text(outcome.code, outcome.reason), size1);
      }
      const echo = { number: OPTION.Block1, value: encodeBlock({ ...block1, more: outcome.kind === 'continue' }) };
      if (outcome.kind === 'continue') return answer({ code: '2.31' }, [echo]);
      payload = outcome.payload;
      block1Echo.push(echo);
    }

    const request: CoapIncomingRequest = {
      peer, method, path, query, payload,
      contentFormat: uintOption(message, OPTION.ContentFormat),
      accept: uintOption(message, OPTION.Accept),
    };
    let response: CoapOutgoingResponse;
    try {
      response = await this.deps.handler(request);
      if (!CODE_PATTERN.test(response.code)) throw new Error(`handler answered with invalid code ${String(response.code)}`);
    } catch (error) {
      this.deps.log(`CoAP handler failed for ${method} /${path.join('/')} from ${peer.address}:${peer.port}: ${errorText(error)}`);
      response = text('5.00', 'internal server error');
    }
    const body = response.payload ?? Buffer.alloc(0);
    const size = agreedBlockSize(block2?.size, this.deps.blockSize);
    if (body.length > size || block2 !== undefined) {
      const stored: StoredBody = { response, payload: body, etag: createHash('sha256').update(body).digest().subarray(0, 4) };
      if (body.length > size) this.bodies.set(bodyKey, stored);
      const [first, options] = this.blockOf(stored, block2 ?? { num: 0, more: false, size }, bodyKey);
      return answer(first, [...block1Echo, ...options]);
    }
    return answer(response, block1Echo);
  }

  clear(): void {
    this.bodies.clear();
  }

  private blockOf(stored: StoredBody, wanted: BlockOption, bodyKey: string): [CoapOutgoingResponse, CoapOption[]] {
    const size = agreedBlockSize(wanted.size, this.deps.blockSize);
    const start = wanted.num * size;
    if (start >= stored.payload.length && !(start === 0 && stored.payload.length === 0)) {
      return [text('4.02', 'block number out of range'), []];
    }
    const chunk = stored.payload.subarray(start, start + size);
    const more = start + chunk.length < stored.payload.length;
    if (!more) this.bodies.delete(bodyKey);
    return [
      { ...stored.response, payload: chunk },
      [
        { number: OPTION.Block2, value: encodeBlock({ num: wanted.num, more, size }) },
        { number: OPTION.Size2, value: encodeUint(stored.payload.length) },
        { number: OPTION.ETag, value: stored.etag },
      ],
    ];
  }

  private encodeAnswer(request: CoapMessage, response: CoapOutgoingResponse, extra: CoapOption[]): Buffer {
    const options: CoapOption[] = [
      ...stringsToOptions(OPTION.LocationPath, response.locationPath),
      ...(response.contentFormat === undefined ? [] : [{ number: OPTION.ContentFormat, value: encodeUint(response.contentFormat) }]),
      ...extra,
    ];
    const base = {
      type: request.type === 'CON' ? ('ACK' as const) : ('NON' as const),
      messageId: request.type === 'CON' ? request.messageId : this.deps.nextMessageId(),
      token: request.token,
    };
    try {
      return encodeMessage({ ...base, code: response.code, options, payload: response.payload ?? Buffer.alloc(0) });
    } catch (error) {
      // e.g. a Location-Path too long for one datagram: the peer still gets an answer
      this.deps.log(`CoAP answer could not be encoded: ${errorText(error)}`);
      return encodeMessage({ ...base, code: '5.00', options: [], payload: Buffer.from('answer too large') });
    }
  }
}

function text(code: CoapOutgoingResponse['code'], message: string): CoapOutgoingResponse {
  return { code, contentFormat: 0, payload: Buffer.from(message) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
