// RFC 7959 block option values (Block1/Block2): NUM, M and SZX packed in 0-3 bytes.
import { decodeUint, encodeUint } from './coap-message.js';

export interface BlockOption {
  num: number;
  more: boolean;
  /** block size in bytes: 16 ... 1024 */
  size: number;
}

/** undefined for a value that is too long or uses the reserved SZX 7 (both: 4.00 Bad Request). */
export function decodeBlock(value: Buffer): BlockOption | undefined {
  if (value.length > 3) return undefined;
  const raw = decodeUint(value);
  const szx = raw & 0x7;
  if (szx === 7) return undefined;
  return { num: Math.floor(raw / 16), more: (raw & 0x8) !== 0, size: 1 << (szx + 4) };
}

export function encodeBlock(block: BlockOption): Buffer {
  const szx = Math.log2(block.size) - 4;
  return encodeUint(block.num * 16 + (block.more ? 8 : 0) + szx);
}

/** The largest block size the peer's proposal and our own limit both allow. */
export function agreedBlockSize(proposed: number | undefined, ours: number): number {
  return proposed === undefined ? ours : Math.min(proposed, ours);
}
