// MQTT packet boundaries from the fixed header alone, so a packet can be refused by its declared
// size before its body is read. Every MQTT control packet starts with one type byte and a
// "remaining length" of 1 to 4 bytes, 7 bits each, low bits first, bit 8 = another byte follows
// (MQTT 3.1.1 §2.2.3). The tracker counts bytes: it never keeps a packet's body.

/** The largest remaining length four length bytes can carry. */
export const MAX_REMAINING_LENGTH = 268_435_455;

/** Bytes of an MQTT 3.1.1 PUBLISH packet: fixed header, topic, packet id (QoS > 0) and payload. */
export function publishPacketBytes(topic: string, payloadBytes: number, qos: number): number {
  const remaining = 2 + new TextEncoder().encode(topic).length + (qos > 0 ? 2 : 0) + payloadBytes;
  const lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
  return 1 + lengthBytes + remaining;
}

export type FrameVerdict =
  /** every byte of the chunk belongs to packets within the limit */
  | { kind: 'ok'; packets: number }
  /**
   * The header of a packet larger than the limit ended at chunk index `at`: bytes before `at` were
   * counted, the rest were not. The tracker now stands inside that packet's body, so feeding the
   * rest continues correctly if the caller lets the packet through after all (e.g. a raised limit).
   */
  | { kind: 'too-large'; packets: number; at: number; size: number; index: number }
  /** a fifth remaining-length byte would be needed; the stream cannot be followed any further */
  | { kind: 'malformed'; packets: number; at: number };

export interface FrameTracker {
  /**
   * Counts a chunk of the stream. `packets`: packets that ended in this chunk. Stops at the first
   * header over the limit. `size` is the whole packet (header + remaining length); `index` its
   * position in the stream, 0 for the first packet (the CONNECT).
   */
  feed(chunk: Uint8Array): FrameVerdict;
  /** the largest packet accepted from now on, in bytes */
  limit: number;
  /** no packet is partly read */
  readonly atBoundary: boolean;
}

export function createFrameTracker(limit: number): FrameTracker {
  let max = checked(limit);
  let headerBytes = 0; // of the current packet's fixed header, read so far (0 = at a boundary)
  let remaining = 0; // its remaining length as decoded so far
  let multiplier = 1;
  let bodyLeft = 0;
  let index = 0; // packets completed so far
  let broken = false;

  return {
    get limit() {
      return max;
    },
    set limit(bytes: number) {
      max = checked(bytes);
    },
    get atBoundary() {
      return headerBytes === 0 && bodyLeft === 0;
    },
    feed(chunk) {
      let packets = 0;
      if (broken) return { kind: 'malformed', packets, at: 0 };
      let i = 0;
      while (i < chunk.length) {
        if (bodyLeft > 0) {
          const take = Math.min(bodyLeft, chunk.length - i);
          bodyLeft -= take;
          i += take;
          if (bodyLeft === 0) {
            packets++;
            index++;
          }
          continue;
        }
        const byte = chunk[i++]!;
        if (headerBytes === 0) {
          // the type byte: its meaning is the MQTT parser's business
          headerBytes = 1;
          remaining = 0;
          multiplier = 1;
          continue;
        }
        remaining += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        headerBytes++;
        if (byte & 0x80) {
          if (headerBytes === 5) {
            broken = true;
            return { kind: 'malformed', packets, at: i };
          }
          continue;
        }
        const size = headerBytes + remaining;
        const packetIndex = index;
        headerBytes = 0;
        if (remaining === 0) {
          packets++;
          index++;
        } else {
          bodyLeft = remaining;
        }
        if (size > max) return { kind: 'too-large', packets, at: i, size, index: packetIndex };
      }
      return { kind: 'ok', packets };
    },
  };
}

// the smallest packet (PINGREQ) has two bytes
function checked(limit: number): number {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`packet limit must be an integer of at least 2 bytes, got ${limit}`);
  return limit;
}
