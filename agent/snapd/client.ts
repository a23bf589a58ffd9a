// The agent's snapd client: REST over /run/snapd.socket (snapd's API, as the `snap` command uses it).
// Reads return Outpost's inventory shapes; writes return the async change id, which followChange
// polls to its end. snapd restarting (socket gone, `maintenance` in the envelope) and, for writes,
// 409 change conflicts are retried with capped backoff inside a total budget, not failed.
import {
  changeFromResult,
  decodeSnapdEnvelope,
  servicesFromResult,
  snapsFromResult,
  systemInfoFromResult,
  usersFromResult,
  type SnapdChange,
  type SnapdChangeProgress,
  type SnapdEnvelope,
  type SnapdOutcome,
} from '../../core/codecs/snapd-json.js';
import type { InventoryService, InventorySnap, InventoryUser, SnapdSystemInfo } from '../../core/contract/inventory.js';
import { SNAPD_CLIENT_KINDS, SnapdError } from './errors.js';
import { DEFAULT_RETRY, backoffDelay, realSleep, type RetryPolicy, type Sleep } from './retry-policy.js';
import { isSnapdGone, sendSnapdRequest } from './transport.js';

export const DEFAULT_SNAPD_SOCKET = '/run/snapd.socket';

export interface SnapdClientOptions {
  socketPath?: string;
  /** one request, connect to last byte (snapd asks the store before answering an install) */
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** how often followChange asks for the change */
  pollIntervalMs?: number;
  sleep?: Sleep;
  now?: () => number;
}

export interface InstallOptions {
  channel?: string;
  revision?: string;
  classic?: boolean;
}

export type ChangeProgressListener = (progress: SnapdChangeProgress, change: SnapdChange) => void;

type Body = Record<string, unknown>;

/** Leaves out undefined and false flags, as the snap command does. */
function action(name: string, fields: Record<string, string | boolean | undefined> = {}): Body {
  const body: Body = { action: name };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== false) body[k] = v;
  return body;
}

function unwrap<T>(outcome: SnapdOutcome<T>, what: string): T {
  if (outcome.ok) return outcome.value;
  throw new SnapdError(outcome.error.kind, `${outcome.error.message} (${what})`);
}

export class SnapdClient {
  readonly socketPath: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly retry: RetryPolicy;
  private readonly pollIntervalMs: number;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  constructor(options: SnapdClientOptions = {}) {
    this.socketPath = options.socketPath ?? DEFAULT_SNAPD_SOCKET;
    this.timeoutMs = options.requestTimeoutMs ?? 60_000;
    this.maxBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
  }

  // --- reads -------------------------------------------------------------------------------

  async snaps(signal?: AbortSignal): Promise<InventorySnap[]> {
    return unwrap(snapsFromResult(await this.read('/v2/snaps', signal)), 'GET /v2/snaps');
  }

  async services(signal?: AbortSignal): Promise<InventoryService[]> {
    return unwrap(servicesFromResult(await this.read('/v2/apps?select=service', signal)), 'GET /v2/apps?select=service');
  }

  /** snapd answers only root (403 login-required otherwise, thrown verbatim). */
  async users(signal?: AbortSignal): Promise<InventoryUser[]> {
    return unwrap(usersFromResult(await this.read('/v2/users', signal)), 'GET /v2/users');
  }

  async systemInfo(signal?: AbortSignal): Promise<SnapdSystemInfo> {
    return unwrap(systemInfoFromResult(await this.read('/v2/system-info', signal)), 'GET /v2/system-info');
  }

  async change(id: string, signal?: AbortSignal): Promise<SnapdChange> {
    const path = `/v2/changes/${encodeURIComponent(id)}`;
    return unwrap(changeFromResult(await this.read(path, signal)), `GET ${path}`);
  }

  /** snapd's whole answer as text (what the seed agent forwards), with the same retries as reads. */
  async rawGet(path: string, signal?: AbortSignal): Promise<string> {
    return (await this.call('GET', path, undefined, { write: false, signal, acceptErrors: true })).text;
  }

  // --- writes: each returns the id of the change to follow -----------------------------------

  install(name: string, opts: InstallOptions = {}, signal?: AbortSignal): Promise<string> {
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('install', { channel: opts.channel, revision: opts.revision, classic: opts.classic }), signal);
  }

  remove(name: string, opts: { purge?: boolean } = {}, signal?: AbortSignal): Promise<string> {
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('remove', { purge: opts.purge }), signal);
  }

  /** No name: refresh every snap (POST /v2/snaps). */
  refresh(name?: string, opts: { channel?: string } = {}, signal?: AbortSignal): Promise<string> {
    if (name === undefined) {
      if (opts.channel !== undefined) throw new TypeError('refreshing all snaps takes no channel');
      return this.write('/v2/snaps', action('refresh'), signal);
    }
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('refresh', { channel: opts.channel }), signal);
  }

  /** No revision: back to the previous one. */
  revert(name: string, opts: { revision?: string } = {}, signal?: AbortSignal): Promise<string> {
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('revert', { revision: opts.revision }), signal);
  }

  enable(name: string, signal?: AbortSignal): Promise<string> {
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('enable'), signal);
  }

  disable(name: string, signal?: AbortSignal): Promise<string> {
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('disable'), signal);
  }

  /** Track another channel; the snap itself changes on its next refresh. */
  switch(name: string, channel: string, signal?: AbortSignal): Promise<string> {
    return this.write(`/v2/snaps/${encodeURIComponent(name)}`, action('switch', { channel }), signal);
  }

  /**
   * Polls the change until snapd says it is ready, calling onProgress whenever tasks done/total or
   * the current task change. Resolves with the final change when it is Done; throws a SnapdError
   * with snapd's `err` as the message when it ends otherwise (Error, Undone, Hold).
   * Survives snapd restarting meanwhile (snapd refreshing itself restarts it).
   */
  async followChange(id: string, onProgress?: ChangeProgressListener, signal?: AbortSignal): Promise<SnapdChange> {
    let last = '';
    for (;;) {
      signal?.throwIfAborted();
      const change = await this.change(id, signal);
      const key = `${change.progress.done}/${change.progress.total}/${change.progress.summary}`;
      if (key !== last) {
        last = key;
        onProgress?.(change.progress, change);
      }
      if (change.ready) {
        if (change.status === 'Done') return change;
        const kind = change.status === 'Error' ? SNAPD_CLIENT_KINDS.changeError : `change-${change.status.toLowerCase()}`;
        throw new SnapdError(kind, change.error ?? `change ${id} (${change.summary}) ended with status ${change.status}`, { change });
      }
      await this.sleep(this.pollIntervalMs, signal);
    }
  }

  // --- plumbing ------------------------------------------------------------------------------

  private async read(path: string, signal?: AbortSignal): Promise<unknown> {
    const { envelope } = await this.call('GET', path, undefined, { write: false, signal });
    if (envelope.type !== 'sync') throw new SnapdError(SNAPD_CLIENT_KINDS.invalid, `expected a sync answer to GET ${path}, got ${envelope.type}`);
    return envelope.result;
  }

  private async write(path: string, body: Body, signal?: AbortSignal): Promise<string> {
    const { envelope } = await this.call('POST', path, body, { write: true, signal });
    if (envelope.type !== 'async') throw new SnapdError(SNAPD_CLIENT_KINDS.invalid, `expected an async answer (a change) to POST ${path}, got ${envelope.type}`);
    return envelope.change;
  }

  /**
   * One logical request with the retry policy. Retried: socket gone (ENOENT, ECONNREFUSED,
   * ECONNRESET), an error or a read answered during maintenance, and for writes 409
   * snap-change-conflict. An accepted write (async) is never retried, maintenance or not: the
   * change exists and retrying would start a second one. (A write cut by ECONNRESET after snapd
   * read it may have started a change; the retry then meets snapd's own 409 conflict or
   * already-installed error, which is reported as snapd says it.)
   */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: Body | undefined,
    opts: { write: boolean; signal?: AbortSignal | undefined; acceptErrors?: boolean },
  ): Promise<{ envelope: SnapdEnvelope; text: string }> {
    const started = this.now();
    const what = `${method} ${path}`;
    for (let attempt = 0; ; attempt++) {
      let waitingFor: string;
      let lastError: SnapdError | undefined;
      let readDuringMaintenance: { envelope: SnapdEnvelope; text: string } | undefined;
      try {
        const res = await sendSnapdRequest({
          socketPath: this.socketPath,
          method,
          path,
          body,
          timeoutMs: this.timeoutMs,
          maxBytes: this.maxBytes,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const text = res.body.toString('utf8');
        const decoded = decodeSnapdEnvelope(text);
        if (!decoded.ok) throw new SnapdError(decoded.error.kind, `${decoded.error.message} (HTTP ${res.statusCode} from ${what})`, { statusCode: res.statusCode });
        const envelope = decoded.value;
        if (envelope.type === 'error') {
          const e = envelope.error;
          const error = new SnapdError(e.kind, e.message, { statusCode: e.statusCode, value: e.value });
          if (opts.write && e.kind === 'snap-change-conflict') {
            waitingFor = `a conflicting change (${e.message})`;
            lastError = error;
          } else if (envelope.maintenance) {
            waitingFor = `snapd maintenance (${envelope.maintenance.kind}: ${envelope.maintenance.message})`;
          } else if (opts.acceptErrors) {
            return { envelope, text };
          } else {
            throw error;
          }
        } else if (envelope.maintenance && envelope.type === 'sync') {
          waitingFor = `snapd maintenance (${envelope.maintenance.kind}: ${envelope.maintenance.message})`;
          readDuringMaintenance = { envelope, text };
        } else {
          return { envelope, text };
        }
      } catch (err) {
        if (!isSnapdGone(err)) throw err;
        waitingFor = `snapd's socket ${this.socketPath} (${(err as NodeJS.ErrnoException).code})`;
      }
      const elapsed = this.now() - started;
      if (elapsed >= this.retry.giveUpAfterMs) {
        // a read's answer is valid during maintenance (e.g. a reboot is pending): use it after all
        if (readDuringMaintenance) return readDuringMaintenance;
        const message = `gave up on ${what} after ${Math.round(elapsed / 1000)} s (${attempt + 1} attempts) waiting for ${waitingFor}`;
        if (lastError) throw new SnapdError(lastError.kind, `${lastError.message}; ${message}`, { statusCode: lastError.statusCode, value: lastError.value });
        throw new SnapdError(SNAPD_CLIENT_KINDS.unavailable, message);
      }
      await this.sleep(Math.min(backoffDelay(this.retry, attempt), this.retry.giveUpAfterMs - elapsed), opts.signal);
    }
  }
}
