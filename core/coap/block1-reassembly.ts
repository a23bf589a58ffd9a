// Incoming Block1 transfers (RFC 7959 §2.5): a large request body arrives block by block. An
// unauthenticated peer can start transfers for free, so both the size of one transfer and the
// number held at once are bounded, and unfinished ones expire.
import type { BlockOption } from './block-option.js';
import { BoundedCache } from './bounded-cache.js';

export type Block1Outcome =
  | { kind: 'continue' }
  | { kind: 'complete'; payload: Buffer }
  | { kind: 'error'; code: '4.00' | '4.08' | '4.13'; reason: string };

interface Transfer {
  parts: Buffer[];
  received: number;
}

export interface Block1Limits {
  /** bytes in one reassembled body */
  maxBytes: number;
  /** transfers held at once (the oldest is dropped first) */
  maxTransfers: number;
  /** an unfinished transfer is forgotten after this long without a block */
  lifetimeMs: number;
}

export class Block1Reassembly {
  private readonly transfers: BoundedCache<Transfer>;

  constructor(private readonly limits: Block1Limits) {
    this.transfers = new BoundedCache(limits.maxTransfers, limits.lifetimeMs);
  }

  get inFlight(): number {
    return this.transfers.size;
  }

  /** `key` names the transfer: peer, method and URI (the token may change between blocks). */
  accept(key: string, block: BlockOption, payload: Buffer, announcedSize: number | undefined): Block1Outcome {
    if (block.more && payload.length !== block.size) {
      this.transfers.delete(key);
      return { kind: 'error', code: '4.00', reason: 'block size and payload length differ' };
    }
    const offset = block.num * block.size;
    if ((announcedSize ?? 0) > this.limits.maxBytes || offset + payload.length > this.limits.maxBytes) {
      this.transfers.delete(key);
      return { kind: 'error', code: '4.13', reason: `request body larger than ${this.limits.maxBytes} bytes` };
    }
    let transfer = block.num === 0 ? { parts: [], received: 0 } : this.transfers.get(key);
    if (transfer === undefined || transfer.received !== offset) {
      this.transfers.delete(key);
      return { kind: 'error', code: '4.08', reason: 'block out of order or transfer unknown' };
    }
    transfer = { parts: [...transfer.parts, payload], received: transfer.received + payload.length };
    if (!block.more) {
      this.transfers.delete(key);
      return { kind: 'complete', payload: Buffer.concat(transfer.parts) };
    }
    this.transfers.set(key, transfer);
    return { kind: 'continue' };
  }

  clear(): void {
    this.transfers.clear();
  }
}
