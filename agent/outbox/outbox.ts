// The persistent outbox: every reply, progress and inventory message is written to disk before it
// is sent, sent in order, and removed only after the broker's PUBACK. It survives agent restarts and
// broker outages.
//
// One file per message (`{seq}.json`, written with writeFileDurably: temp file, fsync, rename, fsync
// of the directory). Why files and not an append-only journal: removal after PUBACK is a plain
// unlink, coalescing is an unlink, there is no compaction step to get wrong, and a crash can at
// worst leave a temp file (ignored) or a message that was acked but not yet unlinked (sent again;
// Outpost ignores duplicate replies, and progress/inventory are idempotent). A device sends few
// messages a second, so a file and an fsync each cost nothing that matters.
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { removeLeftoverTemporaries, writeFileDurably } from '../state/durable-file.js';

export type OutboxChannel = 'reply' | 'progress' | 'inventory';

export interface OutboxMessage {
  channel: OutboxChannel;
  /** for reply and progress */
  opId?: string;
  /** the MQTT payload (JSON text) */
  payload: string;
}

export interface OutboxEntry {
  seq: number;
  channel: OutboxChannel;
  opId?: string;
  bytes: number;
}

export interface OutboxOptions {
  /**
   * Above this many waiting messages, a new progress message replaces the older waiting progress of
   * the same operation, and a new inventory replaces older waiting inventories (only the latest
   * of each matters). Replies are never coalesced nor dropped.
   */
  coalesceAbove?: number;
  /** Above this many waiting bytes, new progress and inventory messages are dropped (replies are still kept). */
  maxBytes?: number;
}

export const DEFAULT_COALESCE_ABOVE = 100;
export const DEFAULT_OUTBOX_MAX_BYTES = 64 * 1024 * 1024;

const FILE = /^(\d{12})\.json$/;
const fileName = (seq: number): string => `${String(seq).padStart(12, '0')}.json`;

export class Outbox {
  private readonly entries: OutboxEntry[] = [];
  private totalBytes = 0;
  private nextSeq = 1;
  // appends are written one after the other, so a message is never visible before an older one
  private writing: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly coalesceAbove: number;
  private readonly maxBytes: number;

  private constructor(private readonly dir: string, options: OutboxOptions) {
    this.coalesceAbove = options.coalesceAbove ?? DEFAULT_COALESCE_ABOVE;
    this.maxBytes = options.maxBytes ?? DEFAULT_OUTBOX_MAX_BYTES;
  }

  static async open(dir: string, options: OutboxOptions = {}): Promise<Outbox> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await removeLeftoverTemporaries(dir);
    const box = new Outbox(dir, options);
    const seqs = (await readdir(dir)).map((n) => FILE.exec(n)?.[1]).filter((s) => s !== undefined).map(Number).sort((a, b) => a - b);
    for (const seq of seqs) {
      const message = await box.readEntryFile(seq);
      if (!message) continue;
      box.entries.push({ seq, channel: message.channel, opId: message.opId, bytes: Buffer.byteLength(message.payload) });
      box.totalBytes += Buffer.byteLength(message.payload);
    }
    box.nextSeq = (seqs.at(-1) ?? 0) + 1;
    return box;
  }

  get size(): number {
    return this.entries.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The waiting messages, oldest first. */
  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  /** Whether a message of this channel for this operation is still waiting. */
  has(channel: OutboxChannel, opId: string): boolean {
    return this.entries.some((e) => e.channel === channel && e.opId === opId);
  }

  peek(): OutboxEntry | undefined {
    return this.entries[0];
  }

  /** Called after each append (the sender listens to start draining). */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Writes the message durably and queues it. Resolves true once it is on disk, false when a
   * progress or inventory message was dropped because the outbox is over its byte bound.
   */
  append(message: OutboxMessage): Promise<boolean> {
    const job = this.writing.then(() => this.write(message));
    this.writing = job.catch(() => undefined);
    return job;
  }

  /** The stored message of an entry; undefined if it was coalesced away meanwhile. */
  async load(seq: number): Promise<OutboxMessage | undefined> {
    if (!this.entries.some((e) => e.seq === seq)) return undefined;
    return this.readEntryFile(seq);
  }

  /** Forgets a message once the broker has acknowledged it. */
  async remove(seq: number): Promise<void> {
    const i = this.entries.findIndex((e) => e.seq === seq);
    if (i < 0) return;
    const [entry] = this.entries.splice(i, 1);
    this.totalBytes -= entry!.bytes;
    // no directory fsync: if the unlink is lost in a crash the message is sent once more, which is harmless
    await unlink(join(this.dir, fileName(seq))).catch(() => undefined);
  }

  /** Replaces the payload of a waiting message in place (same position in the order). */
  replace(seq: number, payload: string): Promise<void> {
    const job = this.writing.then(async () => {
      const entry = this.entries.find((e) => e.seq === seq);
      const message = entry && (await this.readEntryFile(seq));
      if (!entry || !message) return;
      await writeFileDurably(join(this.dir, fileName(seq)), JSON.stringify({ ...message, payload }));
      this.totalBytes += Buffer.byteLength(payload) - entry.bytes;
      entry.bytes = Buffer.byteLength(payload);
    });
    this.writing = job.catch(() => undefined);
    return job;
  }

  private async write(message: OutboxMessage): Promise<boolean> {
    const bytes = Buffer.byteLength(message.payload);
    if (message.channel !== 'reply') {
      if (this.entries.length >= this.coalesceAbove) await this.dropSuperseded(message);
      if (this.totalBytes + bytes > this.maxBytes) return false;
    }
    const seq = this.nextSeq++;
    await writeFileDurably(join(this.dir, fileName(seq)), JSON.stringify(message));
    this.entries.push({ seq, channel: message.channel, opId: message.opId, bytes });
    this.totalBytes += bytes;
    for (const l of this.listeners) l();
    return true;
  }

  /** Removes waiting messages the new one makes pointless: older progress of its operation, older inventories. */
  private async dropSuperseded(message: OutboxMessage): Promise<void> {
    const old = this.entries.filter((e) =>
      e.channel === message.channel && (message.channel === 'inventory' || e.opId === message.opId));
    for (const e of old) await this.remove(e.seq);
  }

  private async readEntryFile(seq: number): Promise<OutboxMessage | undefined> {
    try {
      const value = JSON.parse(await readFile(join(this.dir, fileName(seq)), 'utf8')) as OutboxMessage;
      if (typeof value.payload !== 'string' || !['reply', 'progress', 'inventory'].includes(value.channel)) return undefined;
      return value;
    } catch {
      // written with rename, so a torn file cannot happen; a file someone edited by hand is skipped
      return undefined;
    }
  }
}
