// CoAP messages on the wire through coap-packet (node-coap's own packet codec): parsing that never
// throws, option access by number, and the small integer/string option encodings.
import { generate, parse, type ParsedPacket } from 'coap-packet';

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

const NAME_TO_NUMBER: Record<string, number> = {
  'If-Match': 1, 'Uri-Host': 3, ETag: 4, 'If-None-Match': 5, Observe: 6, 'Uri-Port': 7,
  'Location-Path': 8, OSCORE: 9, 'Uri-Path': 11, 'Content-Format': 12, 'Max-Age': 14,
  'Uri-Query': 15, 'Hop-Limit': 16, Accept: 17, 'Q-Block1': 19, 'Location-Query': 20, Block2: 23,
  Block1: 27, Size2: 28, 'Q-Block2': 31, 'Proxy-Uri': 35, 'Proxy-Scheme': 39, Size1: 60,
  'No-Response': 258, 'OCF-Accept-Content-Format-Version': 2049, 'OCF-Content-Format-Version': 2053,
};

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

/** undefined for anything that is not a well-formed CoAP version 1 message. */
export function decodeMessage(data: Buffer): CoapMessage | undefined {
  if (data.length < 4 || data[0]! >> 6 !== 1) return undefined;
  let packet: ParsedPacket;
  try {
    packet = parse(data);
  } catch {
    return undefined;
  }
  // coap-packet does not notice option values cut off by the datagram's end: re-encoding must
  // reproduce the input, or the datagram was truncated.
  const options: CoapOption[] = [];
  for (const option of packet.options) {
    const number = typeof option.name === 'number' ? option.name : (NAME_TO_NUMBER[option.name] ?? Number.parseInt(option.name, 10));
    if (!Number.isInteger(number)) return undefined;
    options.push({ number, value: Buffer.from(option.value) });
  }
  const message: CoapMessage = {
    type: packet.ack ? 'ACK' : packet.reset ? 'RST' : packet.confirmable ? 'CON' : 'NON',
    code: packet.code,
    messageId: packet.messageId,
    token: Buffer.from(packet.token),
    options,
    payload: Buffer.from(packet.payload),
  };
  if (message.code !== '0.00' && !optionsFit(data)) return undefined;
  return message;
}

/**
 * Whether the token, every option's header and value lie within the datagram and a payload marker is
 * followed by a payload (RFC 7252 §3.1). coap-packet does not notice values cut off by the
 * datagram's end; this walk reads only the headers (it once re-encoded every message to compare).
 */
function optionsFit(data: Buffer): boolean {
  const end = data.length;
  let i = 4 + (data[0]! & 0x0f); // the token's length as the header says (coap-packet takes what is there)
  if (i > end) return false;
  while (i < end) {
    const first = data[i]!;
    if (first === 0xff) return i + 1 < end;
    i++;
    const delta = first >> 4;
    let length = first & 0x0f;
    if (delta === 15 || length === 15) return false;
    i += delta === 13 ? 1 : delta === 14 ? 2 : 0;
    if (length === 13) {
      if (i >= end) return false;
      length = data[i]! + 13;
      i += 1;
    } else if (length === 14) {
      if (i + 1 >= end) return false;
      length = data.readUInt16BE(i) + 269;
      i += 2;
    }
    i += length;
    if (i > end) return false;
  }
  return i === end;
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
