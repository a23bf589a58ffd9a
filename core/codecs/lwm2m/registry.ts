// Content formats by number (the CoAP Content-Format registry). Adding a format = a file and a
// line here. Link-format (40) is not a value format: decode it with decodeLinkFormat.
import { Lwm2mCodecError, type Lwm2mNode, type Lwm2mPath, type Lwm2mRecord, type TypeOf } from './model.js';
import { toRecords } from './records.js';
import { decodeTlv, encodeTlv } from './tlv.js';
import { decodeText, encodeText } from './text.js';
import { decodeOpaque, encodeOpaque } from './opaque.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import { decodeSenmlJson, decodeSenmlJsonRecords, encodeSenmlJson } from './senml-json.js';
import { decodeSenmlCbor, decodeSenmlCborRecords, encodeSenmlCbor } from './senml-cbor.js';
import { decodeLwm2mJson, decodeLwm2mJsonRecords, encodeLwm2mJson } from './lwm2m-json.js';

export const CT = { TEXT: 0, LINK_FORMAT: 40, OPAQUE: 42, CBOR: 60, SENML_JSON: 110, SENML_CBOR: 112, TLV: 11542, LWM2M_JSON: 11543 } as const;

export interface ContentFormat {
  id: number;
  name: string;
  /** the node at `path` (the request's path) */
  decode(bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode;
  /** `node` sits at `path` */
  encode(path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array;
  /** formats that name every value (SenML, LwM2M JSON) decode any paths and their times, with no request path */
  decodeRecords?(bytes: Uint8Array, typeOf: TypeOf): Lwm2mRecord[];
}

const FORMATS: readonly ContentFormat[] = [
  { id: CT.TEXT, name: 'text/plain', decode: decodeText, encode: encodeText },
  { id: CT.OPAQUE, name: 'application/octet-stream', decode: decodeOpaque, encode: encodeOpaque },
  { id: CT.CBOR, name: 'application/cbor', decode: decodeCbor, encode: encodeCbor },
  { id: CT.SENML_JSON, name: 'application/senml+json', decode: decodeSenmlJson, encode: encodeSenmlJson, decodeRecords: decodeSenmlJsonRecords },
  { id: CT.SENML_CBOR, name: 'application/senml+cbor', decode: decodeSenmlCbor, encode: encodeSenmlCbor, decodeRecords: decodeSenmlCborRecords },
  { id: CT.TLV, name: 'application/vnd.oma.lwm2m+tlv', decode: decodeTlv, encode: encodeTlv },
  { id: CT.LWM2M_JSON, name: 'application/vnd.oma.lwm2m+json', decode: decodeLwm2mJson, encode: encodeLwm2mJson, decodeRecords: decodeLwm2mJsonRecords },
];

export const CONTENT_FORMATS: ReadonlyMap<number, ContentFormat> = new Map(FORMATS.map((f) => [f.id, f]));

/** The value format `id`; a Lwm2mCodecError for one Outpost cannot read (answer 4.15). */
export function contentFormat(id: number): ContentFormat {
  const format = CONTENT_FORMATS.get(id);
  if (!format) throw new Lwm2mCodecError(`content format ${id} is not supported${id === CT.LINK_FORMAT ? ' for values (link-format: use decodeLinkFormat)' : ''}`);
  return format;
}

export function decodeContent(id: number, bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mNode {
  return contentFormat(id).decode(bytes, path, typeOf);
}

export function encodeContent(id: number, path: Lwm2mPath, node: Lwm2mNode, typeOf: TypeOf): Uint8Array {
  return contentFormat(id).encode(path, node, typeOf);
}

/** Every value of a payload with its full path (and time, where the format carries one): for telemetry. */
export function decodeRecords(id: number, bytes: Uint8Array, path: Lwm2mPath, typeOf: TypeOf): Lwm2mRecord[] {
  const format = contentFormat(id);
  return format.decodeRecords ? format.decodeRecords(bytes, typeOf) : toRecords(path, format.decode(bytes, path, typeOf));
}
