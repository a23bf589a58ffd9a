// CoAP messages on the wire: decoding by hand (it never throws), encoding through coap-packet
// (node-coap's own packet codec), option access by number, and the small integer/string option encodings.
import { generate } from 'coap-packet';

export const OPTION = {
  IfMatch: 1,
  UriHost: 3,
  ETag: 4,
  IfNoneMatch: 5,
  Observe: 6,
  UriPort: 7,
  LocationPath: 8,
  UriPath: 11,
  ContentFormat: 12,
  MaxAge: 14,
  UriQuery: 15,
  Accept: 17,
  LocationQuery: 20,
  Block2: 23,
  Block1: 27,
  Size2: 28,
  ProxyUri: 35,
  ProxyScheme: 39,
  Size1: 60,
} as const;

export interface CoapOption {
  number: number;
  value: Buffer;
}

export type MessageType = 'CON' | 'NON' | 'ACK' | 'RST';

export interface CoapMessage {
  type: MessageType;
  /** '0.01' ... '5.05'; '0.00' for an empty message */
  code: string;
  messageId: number;
  token: Buffer;
  options: CoapOption[];
  payload: Buffer;
}

const MAX_DATAGRAM = 1400;

const TYPES: readonly MessageType[] = ['CON', 'NON', 'ACK', 'RST'];
/** '0.00' ... '7.31' by code byte, built once (a notification storm decodes thousands a second) */
const CODES: readonly string[] = Array.from({ length: 256 }, (_, byte) => `${byte >> 5}.${String(byte & 0x1f).padStart(2, '0')}`);
const NO_BYTES = Buffer.alloc(0);
/** bytes that follow an option header for its delta or length nibble: 13 → one, 14 → two (RFC 7252 §3.1) */
const EXTENDED_BYTES: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0];

/** An option's delta or length from its nibble and the extended bytes at `at` (already bounds-checked). */
function extendedValue(data: Buffer, at: number, nibble: number): number {
  if (nibble === 13) return data[at]! + 13;
  if (nibble === 14) return ((data[at]! << 8) | data[at + 1]!) + 269;
  return nibble;
}

/**
 * undefined for anything that is not a well-formed CoAP version 1 message: a token, an option or a
 * payload marker cut off by the datagram's end included (RFC 7252 §3.1). Read by hand in one walk
 * over the header and options (coap-packet's parse, used before, missed cut-off values and copied
 * every option); the token, options and payload are views of `data`, which a datagram owns.
 */
export function decodeMessage(data: Buffer): CoapMessage | undefined {
  const end = data.length;
  if (end < 4) return undefined;
  const first = data[0]!;
  if (first >> 6 !== 1) return undefined;
  const type = TYPES[(first >> 4) & 0x03]!;
  const code = CODES[data[1]!]!;
  const messageId = (data[2]! << 8) | data[3]!;
  const tokenLength = first & 0x0f;
  // 9..15 are reserved (RFC 7252 §3: a message format error; RFC 8974's extended tokens are not spoken here)
  if (tokenLength > 8) return undefined;
  // an empty message is the four header bytes alone
  if (code === '0.00') return end === 4 ? { type, code, messageId, token: NO_BYTES, options: [], payload: NO_BYTES } : undefined;
  let i = 4 + tokenLength;
  if (i > end) return undefined;
  const token = data.subarray(4, i);
  const options: CoapOption[] = [];
  let number = 0;
  let payload: Buffer = NO_BYTES;
  while (i < end) {
    const head = data[i]!;
    if (head === 0xff) {
      // a marker must be followed by a payload
      if (i + 1 >= end) return undefined;
      payload = data.subarray(i + 1);
      break;
    }
    i++;
    const deltaNibble = head >> 4;
    const lengthNibble = head & 0x0f;
    if (deltaNibble === 15 || lengthNibble === 15) return undefined;
    const deltaBytes = EXTENDED_BYTES[deltaNibble]!;
    const lengthBytes = EXTENDED_BYTES[lengthNibble]!;
    if (i + deltaBytes + lengthBytes > end) return undefined;
    const delta = extendedValue(data, i, deltaNibble);
    i += deltaBytes;
    const length = extendedValue(data, i, lengthNibble);
    i += lengthBytes;
    if (i + length > end) return undefined;
    number += delta;
    options.push({ number, value: data.subarray(i, i + length) });
    i += length;
  }
  return { type, code, messageId, token, options, payload };
}

export function encodeMessage(message: CoapMessage, maxLength = MAX_DATAGRAM): Buffer {
  // coap-packet sorts options stably by number, so repeated options keep their order
  return generate(
    {
      code: message.code,
      confirmable: message.type === 'CON',
      ack: message.type === 'ACK',
      reset: message.type === 'RST',
      messageId: message.messageId,
      token: message.token,
      options: message.options.map((option) => ({ name: String(option.number), value: option.value })),
      payload: message.payload,
    },
    maxLength,
  );
}

/** The reply to a CON with nothing in it: an empty ACK or RST carrying its message id. */
/** An empty ACK or RST (RFC 7252 §3): four bytes, written here (one for every notification). */
export function emptyMessage(type: 'ACK' | 'RST', messageId: number): Buffer {
  const data = Buffer.allocUnsafe(4);
  data[0] = type === 'ACK' ? 0x60 : 0x70; // version 1, type 2 (ACK) or 3 (RST), no token
  data[1] = 0; // code 0.00
  data.writeUInt16BE(messageId & 0xffff, 2);
  return data;
}

export function optionValues(message: CoapMessage, number: number): Buffer[] {
  return message.options.filter((option) => option.number === number).map((option) => option.value);
}

export function optionValue(message: CoapMessage, number: number): Buffer | undefined {
  return message.options.find((option) => option.number === number)?.value;
}

export function decodeUint(value: Buffer): number {
  let result = 0;
  for (const byte of value) result = result * 256 + byte;
  return result;
}

/** Minimal-length unsigned integer, as CoAP wants (0 is the empty value). */
export function encodeUint(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from(bytes);
}

export function uintOption(message: CoapMessage, number: number): number | undefined {
  const value = optionValue(message, number);
  return value === undefined || value.length > 4 ? undefined : decodeUint(value);
}

export function stringOptions(message: CoapMessage, number: number): string[] {
  return optionValues(message, number).map((value) => value.toString('utf8'));
}

export function stringsToOptions(number: number, values: readonly string[] | undefined): CoapOption[] {
  return (values ?? []).map((value) => ({ number, value: Buffer.from(value, 'utf8') }));
}

export const METHOD_CODES = {
  GET: '0.01', POST: '0.02', PUT: '0.03', DELETE: '0.04', FETCH: '0.05', PATCH: '0.06', iPATCH: '0.07',
} as const;

export function codeClass(code: string): number {
  return Number(code[0]);
}
