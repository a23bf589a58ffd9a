// Receives op messages, decides what to do with each (durably, before the PUBACK), and runs them:
// one at a time in arrival order, except kinds that are parallel-safe. Replies and progress go
// through the outbox.
import {
  decodeOperationRequest, encodeOperationMessage, OPERATION_MESSAGE_MAX_BYTES, type OperationReply,
} from '../../core/codecs/operation-messages.js';
import { isKnownKind, operationArgs, PARALLEL_SAFE_KINDS } from '../../core/contract/operation-kinds.js';
import type { Log } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import { errorBody } from './error-body.js';
import type { ExecutorContext, ExecutorRegistry } from './executor.js';
import { MAX_OP_ID_BYTES, type OpRecord, type OpRecords } from './op-records.js';

export interface RunnerOptions {
  executors: ExecutorRegistry;
  records: OpRecords;
  outbox: Outbox;
  log: Log;
  parallelSafeKinds?: readonly string[];
  now?: () => number;
}

const fail = (code: string, message: string): OperationReply => ({ ok: false, error: { code, message } });

export class OperationRunner {
  private readonly serialQueue: OpRecord[] = [];
  private serialBusy = false;
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly parallelSafe: ReadonlySet<string>;

  constructor(private readonly o: RunnerOptions) {
    this.now = o.now ?? Date.now;
    this.parallelSafe = new Set(o.parallelSafeKinds ?? PARALLEL_SAFE_KINDS);
  }

  /** Picks up what was queued or running when the agent last stopped, in arrival order. */
  start(): void {
    for (const record of this.o.records.unfinished()) this.schedule(record);
  }

  /**
   * Aborts running executors (their operations are resumed at the next start) and waits for them,
   * at most `graceMs`: an executor that ignores its signal must not keep the agent from stopping.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.serialQueue.length = 0;
    this.abort.abort(new Error('the agent is stopping'));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.running]), grace]);
    clearTimeout(timer);
  }

  /** How many operations are waiting or running (for tests and logs). */
  get busy(): number {
    return this.serialQueue.length + this.running.size;
  }

  /**
   * Handles one delivery of outpost/v1/{uid}/op/{opId}. Resolves once the decision is on disk
   * (then the link sends the PUBACK).
   */
  async receive(opId: string, payload: Buffer): Promise<void> {
    const { records, log } = this.o;
    if (Buffer.byteLength(opId) > MAX_OP_ID_BYTES) {
      log('warn', `operation id of ${Buffer.byteLength(opId)} bytes is longer than ${MAX_OP_ID_BYTES}: refused`);
      await this.sendReply(opId, fail('bad-request', `the operation id is longer than ${MAX_OP_ID_BYTES} bytes`));
      return;
    }
    const known = records.get(opId);
    if (known) {
      if (known.state === 'finished' && known.reply) {
        // its reply may still wait in the outbox (a redelivery after a lost PUBACK): once is enough
        if (this.o.outbox.has('reply', opId)) return;
        log('info', `operation ${opId} delivered again: sending its reply again`);
        await this.sendReply(opId, known.reply);
      } else {
        log('info', `operation ${opId} delivered again while ${known.state}: ignored`);
      }
      return;
    }
    const base = { opId, seq: records.takeSeq(), receivedAt: this.now(), kind: '', args: {}, expiresAt: null };
    const decoded = decodeOperationRequest(payload);
    if (!decoded.ok) {
      await this.finish({ ...base, state: 'queued' }, fail('bad-request', decoded.reason));
      return;
    }
    const request = decoded.value;
    const record: OpRecord = { ...base, kind: request.kind, args: request.args, expiresAt: request.expiresAt, state: 'queued' };
    const refusal = this.refusal(record);
    if (refusal) {
      await this.finish(record, refusal);
      return;
    }
    if (isKnownKind(request.kind)) {
      const parsed = operationArgs[request.kind].safeParse(request.args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        await this.finish(record, fail('bad-request', `args${issue.path.length ? '.' + issue.path.join('.') : ''}: ${issue.message}`));
        return;
      }
      record.args = parsed.data as Record<string, unknown>;
    }
    await records.put(record);
    this.schedule(record);
  }

  private refusal(record: OpRecord): OperationReply | undefined {
    if (record.expiresAt !== null && record.expiresAt < this.now()) {
      return fail('expired', `the operation expired at ${new Date(record.expiresAt).toISOString()} before the device could start it`);
    }
    if (!Object.hasOwn(this.o.executors, record.kind)) {
      return fail('unsupported-kind', `this agent does not run operations of kind ${record.kind}`);
    }
    return undefined;
  }

  private schedule(record: OpRecord): void {
    // stopping: it stays queued on disk and runs at the next start
    if (this.abort.signal.aborted) return;
    if (this.parallelSafe.has(record.kind)) {
      this.track(this.execute(record));
    } else {
      this.serialQueue.push(record);
      this.pump();
    }
  }

  private pump(): void {
    if (this.serialBusy || this.abort.signal.aborted) return;
    const next = this.serialQueue.shift();
    if (!next) return;
    this.serialBusy = true;
    this.track(this.execute(next).finally(() => {
      this.serialBusy = false;
      this.pump();
    }));
  }

  private track(job: Promise<void>): void {
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  private async execute(record: OpRecord): Promise<void> {
    const { log } = this.o;
    try {
      const resuming = record.state === 'running';
      if (!resuming) {
        // checked again here: it may have waited behind a long operation
        const refusal = this.refusal(record);
        if (refusal) return await this.finish(record, refusal);
      }
      const executor = this.o.executors[record.kind];
      if (!executor) return await this.finish(record, fail('unsupported-kind', `this agent does not run operations of kind ${record.kind}`));
      if (resuming && (record.saved === undefined || !executor.resume)) {
        return await this.finish(record, fail('interrupted', 'the agent restarted while this operation was running; it may or may not have taken effect'));
      }
      if (!resuming) {
        record.state = 'running';
        await this.o.records.put(record);
      }
      log('info', `operation ${record.opId} (${record.kind}) ${resuming ? 'resumed' : 'started'}`);
      const ctx = this.contextFor(record);
      let reply: OperationReply;
      try {
        const result = resuming ? await executor.resume!(record.saved, ctx) : await executor.run(record.args, ctx);
        reply = { ok: true, result };
      } catch (err) {
        if (this.abort.signal.aborted) {
          log('info', `operation ${record.opId} stopped with the agent; it continues at the next start`);
          return;
        }
        reply = { ok: false, error: errorBody(err) };
      }
      await this.finish(record, reply);
    } catch (err) {
      // the disk failed us: the record stays unfinished and is picked up at the next start
      log('error', `operation ${record.opId}: ${(err as Error).message}`);
    }
  }

  private contextFor(record: OpRecord): ExecutorContext {
    return {
      opId: record.opId,
      kind: record.kind,
      signal: this.abort.signal,
      progress: async (done, total, summary) => {
        const message = { done: finiteOrZero(done), total: finiteOrZero(total), ...(summary === undefined ? {} : { summary: summary.slice(0, 1000) }) };
        await this.o.outbox.append({ channel: 'progress', opId: record.opId, payload: encodeOperationMessage(message).toString('utf8') });
      },
      remember: async (state) => {
        record.saved = state;
        await this.o.records.put(record);
      },
    };
  }

  /** Queues the reply in the outbox first, then marks the record finished: a crash in between sends it twice, never zero times. */
  private async finish(record: OpRecord, reply: OperationReply): Promise<void> {
    const sent = await this.sendReply(record.opId, reply);
    record.state = 'finished';
    record.reply = sent;
    record.finishedAt = this.now();
    await this.o.records.put(record);
    this.o.log('info', `operation ${record.opId} (${record.kind || 'malformed'}) ${sent.ok ? 'succeeded' : `failed: ${sent.error.code}: ${sent.error.message}`}`);
    await this.o.records.prune(this.now());
  }

  private async sendReply(opId: string, reply: OperationReply): Promise<OperationReply> {
    let payload: string;
    try {
      payload = JSON.stringify(reply);
    } catch (err) {
      reply = fail('internal', `the result cannot be sent as JSON: ${(err as Error).message}`);
      payload = JSON.stringify(reply);
    }
    if (Buffer.byteLength(payload) > OPERATION_MESSAGE_MAX_BYTES) {
      reply = fail('result-too-large', `the result is ${Buffer.byteLength(payload)} bytes, more than ${OPERATION_MESSAGE_MAX_BYTES}`);
      payload = JSON.stringify(reply);
    }
    await this.o.outbox.append({ channel: 'reply', opId, payload });
    return reply;
  }
}

const finiteOrZero = (n: number): number => (Number.isFinite(n) && n >= 0 ? n : 0);
