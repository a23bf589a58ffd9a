// The agent's memory of operations, one durable file per opId in {stateDir}/ops/. It makes delivery
// idempotent (a duplicate of a running op is ignored, of a finished op gets the same reply again),
// keeps the arrival order across restarts, and holds what executors remember for resume.
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationReply } from '../../core/codecs/operation-messages.js';
import { removeLeftoverTemporaries, writeFileDurably } from '../state/durable-file.js';

export interface OpRecord {
  opId: string;
  /** arrival order */
  seq: number;
  receivedAt: number;
  kind: string;
  args: Record<string, unknown>;
  expiresAt: number | null;
  state: 'queued' | 'running' | 'finished';
  /** the executor's remembered state */
  saved?: unknown;
  reply?: OperationReply;
  finishedAt?: number;
}

export interface OpRecordsOptions {
  /** finished records are kept this long to answer duplicates (default 7 days) */
  keepFinishedMs?: number;
  /** and at most this many (default 1000, oldest go first) */
  keepFinishedCount?: number;
}

// opIds come from a topic level: any UTF-8 but '/', '+', '#'. base64url makes any of them a safe file name.
const fileName = (opId: string): string => `${Buffer.from(opId, 'utf8').toString('base64url')}.json`;
/** longest opId in UTF-8 bytes (its file name stays well under the usual 255-byte limit) */
export const MAX_OP_ID_BYTES = 128;

export class OpRecords {
  private readonly records = new Map<string, OpRecord>();
  private nextSeq = 1;
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dir: string, private readonly options: OpRecordsOptions) {}

  static async open(dir: string, options: OpRecordsOptions = {}, now = Date.now()): Promise<OpRecords> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await removeLeftoverTemporaries(dir);
    const store = new OpRecords(dir, options);
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const r = JSON.parse(await readFile(join(dir, name), 'utf8')) as OpRecord;
        if (typeof r.opId === 'string' && typeof r.seq === 'number') store.records.set(r.opId, r);
      } catch {
        /* renamed into place, so never torn; a hand-edited file is skipped */
      }
    }
    store.nextSeq = Math.max(0, ...[...store.records.values()].map((r) => r.seq)) + 1;
    await store.prune(now);
    return store;
  }

  get(opId: string): OpRecord | undefined {
    return this.records.get(opId);
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Operations not finished yet, in arrival order (to run or resume after a restart). */
  unfinished(): OpRecord[] {
    return [...this.records.values()].filter((r) => r.state !== 'finished').sort((a, b) => a.seq - b.seq);
  }

  /** Stores the record durably (writes are serialised: two writes of one file never interleave). */
  put(record: OpRecord): Promise<void> {
    this.records.set(record.opId, record);
    const snapshot = JSON.stringify(record);
    const job = this.writing.then(() => writeFileDurably(join(this.dir, fileName(record.opId)), snapshot));
    this.writing = job.catch(() => undefined);
    return job;
  }

  /** Forgets finished records past their retention. */
  async prune(now = Date.now()): Promise<void> {
    const keepMs = this.options.keepFinishedMs ?? 7 * 24 * 3600_000;
    const keepCount = this.options.keepFinishedCount ?? 1000;
    const finished = [...this.records.values()].filter((r) => r.state === 'finished').sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    const gone = finished.filter((r, i) => i >= keepCount || now - (r.finishedAt ?? 0) > keepMs);
    for (const r of gone) {
      this.records.delete(r.opId);
      await this.writing;
      await unlink(join(this.dir, fileName(r.opId))).catch(() => undefined);
    }
  }
}
