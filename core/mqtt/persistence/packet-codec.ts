// How broker-state rows hold a packet: `fields` is JSON of every field but a Buffer payload, and
// `payload` that Buffer as a BLOB. aedes and the conformance suite compare packets field by field,
// so a packet must read back exactly as it was stored: with its Buffers (MQTT 5 correlation data)
// and its fields that are present but undefined (a queued message's unassigned messageId).

export type PacketFields = Record<string, unknown>;

export interface PacketRow {
  fields: string;
  payload: Buffer | null;
}

// A tag is an object with this key. MQTT strings cannot contain U+0000 [MQTT-1.5.3-2], so no
// key that came from the wire is mistaken for one.
const TAG = '\u0000';
// JSON.stringify writes U+0000 as this escape: text without it has no tags to undo
const TAG_IN_JSON = '\\u0000';

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const asBuffer = (v: Uint8Array): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

function tagging(this: unknown, key: string, value: unknown): unknown {
  // `value` is what toJSON made of it (a Buffer becomes {type, data}); the holder has the original
  const original = (this as Record<string, unknown>)[key];
  if (isBytes(original)) return { [TAG]: 'b', v: asBuffer(original).toString('base64') };
  if (value === undefined && original === undefined) return { [TAG]: 'u' };
  return value;
}

export function encodeFields(fields: object): string {
  return JSON.stringify(fields, tagging);
}

export function decodeFields(text: string): PacketFields {
  const parsed = JSON.parse(text) as PacketFields;
  return text.includes(TAG_IN_JSON) ? (untag(parsed) as PacketFields) : parsed;
}

function untag(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = untag(value[i]);
    return value;
  }
  const obj = value as Record<string, unknown>;
  const tag = obj[TAG];
  if (tag === 'b') return Buffer.from(String(obj.v), 'base64');
  if (tag === 'u') return undefined;
  for (const key of Object.keys(obj)) {
    const before = obj[key];
    const after = untag(before);
    // defineProperty: a key named __proto__ stays a plain field
    if (after !== before) Object.defineProperty(obj, key, { value: after, writable: true, enumerable: true, configurable: true });
  }
  return obj;
}

/** Splits a packet into its row form; a string payload (the broker's own publishes) stays in `fields`. */
export function toRow(packet: object): PacketRow {
  const { payload, ...rest } = packet as PacketFields;
  if (isBytes(payload)) return { fields: encodeFields(rest), payload: asBuffer(payload) };
  return { fields: encodeFields(packet), payload: null };
}

export function fromRow(fields: string, payload: Buffer | null): PacketFields {
  const packet = decodeFields(fields);
  if (payload !== null) packet.payload = payload;
  return packet;
}

/**
 * What a queued or received packet keeps, as aedes' own Packet wrapper would: no wire-only fields
 * (length), defaults filled in, and the packet identifier unassigned until the message is sent.
 */
export function sessionPacket(p: PacketFields): PacketFields {
  const out: PacketFields = {};
  for (const key of ['clientId', 'nl', 'properties', 'messageExpiry']) {
    if (Object.hasOwn(p, key)) out[key] = p[key];
  }
  out.cmd = p.cmd || 'publish';
  out.brokerId = p.brokerId || undefined;
  out.brokerCounter = p.brokerCounter || 0;
  out.topic = p.topic;
  out.payload = p.payload || Buffer.alloc(0);
  out.qos = p.qos || 0;
  out.retain = p.retain || false;
  out.dup = p.dup || false;
  // [MQTT-2.3.1-5]: only QoS > 0 publishes (and acks) carry one
  if ((out.qos as number) > 0 || out.cmd !== 'publish') out.messageId = undefined;
  return out;
}
