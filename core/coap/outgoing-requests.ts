// One request to a peer as the LwM2M layer sees it: a large payload goes out with Block1, a
// Block2 answer is fetched to the end, and the result is a CoapIncomingResponse. Each message
// exchange (each block) gets the request's timeout.
import { decodeBlock, encodeBlock } from './block-option.js';
import {
  METHOD_CODES, OPTION, decodeUint, encodeUint, optionValue, stringsToOptions, type CoapMessage, type CoapOption,
} from './coap-message.js';
import { newToken, type OutgoingExchanges } from './outgoing-exchanges.js';
import { CoapBlockwiseError, type CoapCode, type CoapPeer, type CoapIncomingResponse, type CoapOutgoingRequest } from './types.js';

export interface RequestSettings {
  blockSize: number;
  timeoutMs: number;
  /** bound on a Block2 answer reassembled from a peer */
  maxResponseBytes: number;
}

function baseOptions(request: CoapOutgoingRequest, observe: number | undefined): CoapOption[] {
  return [
    ...(observe === undefined ? [] : [{ number: OPTION.Observe, value: encodeUint(observe) }]),
    ...stringsToOptions(OPTION.UriPath, request.path),
    ...(request.contentFormat === undefined ? [] : [{ number: OPTION.ContentFormat, value: encodeUint(request.contentFormat) }]),
    ...stringsToOptions(OPTION.UriQuery, request.query),
    ...(request.accept === undefined ? [] : [{ number: OPTION.Accept, value: encodeUint(request.accept) }]),
  ];
}

/**
 * Sends `request` (with `observe` as the Observe option's value, if given) under `token`; returns
 * the final answer's message and its whole payload.
 */
export async function sendRequest(
  exchanges: OutgoingExchanges,
  request: CoapOutgoingRequest,
  settings: RequestSettings,
  token: Buffer,
  observe?: number,
): Promise<{ message: CoapMessage; payload: Buffer }> {
  const timeoutMs = request.timeoutMs ?? settings.timeoutMs;
  const code = METHOD_CODES[request.method];
  const options = baseOptions(request, observe);
  const body = request.payload ?? Buffer.alloc(0);

  let answer: CoapMessage;
  if (body.length <= settings.blockSize) {
    answer = await exchanges.exchange(request.peer, { code, token, options, payload: body }, timeoutMs);
  } else {
    // Block1 (RFC 7959 §2.5): the peer may ask for smaller blocks in its 2.31; we follow.
    let size = settings.blockSize;
    let offset = 0;
    for (;;) {
      const chunk = body.subarray(offset, offset + size);
      const more = offset + chunk.length < body.length;
      const block1 = { number: OPTION.Block1, value: encodeBlock({ num: offset / size, more, size }) };
      const size1 = offset === 0 ? [{ number: OPTION.Size1, value: encodeUint(body.length) }] : [];
      answer = await exchanges.exchange(request.peer, { code, token, options: [...options, block1, ...size1], payload: chunk }, timeoutMs);
      if (!more || answer.code !== '2.31') break;
      const echoed = optionValue(answer, OPTION.Block1);
      const agreed = echoed === undefined ? undefined : decodeBlock(echoed);
      offset += chunk.length;
      if (agreed !== undefined && agreed.size < size) size = agreed.size;
    }
  }
  return { message: answer, payload: await fetchRemainingBlocks(exchanges, request, settings, answer) };
}

/** The whole payload of `first`, later Block2 blocks fetched one by one. */
export async function fetchRemainingBlocks(
  exchanges: OutgoingExchanges,
  request: CoapOutgoingRequest,
  settings: RequestSettings,
  first: CoapMessage,
): Promise<Buffer> {
  const value = optionValue(first, OPTION.Block2);
  if (value === undefined) return first.payload;
  let block = decodeBlock(value);
  if (block === undefined) throw new CoapBlockwiseError(request.peer, 'bad Block2 option');
  const parts = [first.payload];
  let total = first.payload.length;
  const etag = optionValue(first, OPTION.ETag);
  const options = baseOptions({ ...request, contentFormat: undefined }, undefined);
  // RFC 7959 §3.3: later blocks are asked for with the same method and no body (FETCH keeps its
  // body, which is the query); the Observe option is left out (§3.4).
  const method = request.method;
  while (block.more) {
    const next = { number: OPTION.Block2, value: encodeBlock({ num: block.num + 1, more: false, size: block.size }) };
    const answer = await exchanges.exchange(
      request.peer,
      { code: METHOD_CODES[method], token: newToken(), options: [...options, next], payload: method === 'FETCH' ? (request.payload ?? Buffer.alloc(0)) : Buffer.alloc(0) },
      request.timeoutMs ?? settings.timeoutMs,
    );
    const answerValue = optionValue(answer, OPTION.Block2);
    const answerBlock = answerValue === undefined ? undefined : decodeBlock(answerValue);
    if (!answer.code.startsWith('2.') || answerBlock === undefined || answerBlock.num !== block.num + 1) {
      throw new CoapBlockwiseError(request.peer, `block ${block.num + 1} answered with ${answer.code}`);
    }
    const answerEtag = optionValue(answer, OPTION.ETag);
    if (etag !== undefined && answerEtag !== undefined && !etag.equals(answerEtag)) {
      throw new CoapBlockwiseError(request.peer, 'the resource changed during the transfer (ETag)');
    }
    total += answer.payload.length;
    if (total > settings.maxResponseBytes) throw new CoapBlockwiseError(request.peer, `answer larger than ${settings.maxResponseBytes} bytes`);
    parts.push(answer.payload);
    block = answerBlock;
  }
  return Buffer.concat(parts);
}

export function toIncomingResponse(peer: CoapPeer, message: CoapMessage, payload: Buffer): CoapIncomingResponse {
  // one walk over the options (a notification storm makes thousands a second); the first
  // Content-Format and Observe count, as uintOption reads them
  let contentFormat: Buffer | undefined;
  let observe: Buffer | undefined;
  const locationPath: string[] = [];
  for (const option of message.options) {
    if (option.number === OPTION.ContentFormat) contentFormat ??= option.value;
    else if (option.number === OPTION.Observe) observe ??= option.value;
    else if (option.number === OPTION.LocationPath) locationPath.push(option.value.toString('utf8'));
  }
  return {
    peer,
    code: message.code as CoapCode,
    contentFormat: smallUint(contentFormat),
    payload,
    observe: smallUint(observe),
    locationPath,
  };
}

/** An integer option's value; undefined when absent or longer than 4 bytes. */
function smallUint(value: Buffer | undefined): number | undefined {
  return value === undefined || value.length > 4 ? undefined : decodeUint(value);
}
