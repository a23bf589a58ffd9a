// Reading a CoAP request's options from node-coap's raw packet: numbers as numbers (node-coap's
// headers turn known content formats into names), repeated options as lists.
import type { IncomingMessage } from 'coap';
import { parsePath, type Lwm2mPath } from '../../core/codecs/lwm2m/index.js';

interface RawOption { name: string | number; value: unknown }

function options(req: IncomingMessage): RawOption[] {
  return (req._packet.options ?? []) as RawOption[];
}

// node-coap rewrites Content-Format and Accept in the packet to media-type names it knows
const MEDIA_TYPES: Record<string, number> = {
  'text/plain': 0, 'application/link-format': 40, 'application/octet-stream': 42, 'application/json': 50, 'application/cbor': 60,
  'application/senml+json': 110, 'application/senml+cbor': 112, 'application/vnd.oma.lwm2m+tlv': 11542,
  'application/vnd.oma.lwm2m+json': 11543, 'application/vnd.oma.lwm2m+cbor': 11544,
};

/** An option value as a number: raw bytes, or the media-type name node-coap put there. */
export function uint(value: unknown): number {
  if (typeof value === 'number') return value;
  // a media type we do not know stays unsupported (4.06 / 4.15)
  if (typeof value === 'string') return MEDIA_TYPES[value] ?? MEDIA_TYPES[value.split(';')[0]!.trim()] ?? -1;
  const b = Buffer.isBuffer(value) ? value : Buffer.alloc(0);
  let n = 0;
  for (const byte of b) n = n * 256 + byte;
  return n;
}

export function optionStrings(req: IncomingMessage, name: string): string[] {
  return options(req).filter((o) => o.name === name).map((o) => (Buffer.isBuffer(o.value) ? o.value.toString('utf8') : String(o.value)));
}

export function optionNumber(req: IncomingMessage, name: string): number | undefined {
  const o = options(req).find((x) => x.name === name);
  return o ? uint(o.value) : undefined;
}

/** The request's Uri-Path as an LwM2M path; a Lwm2mCodecError when it is not one. */
export function requestPath(req: IncomingMessage): Lwm2mPath {
  const segments = optionStrings(req, 'Uri-Path').filter((s) => s !== '');
  return parsePath(`/${segments.join('/')}`, 'Uri-Path');
}

