// One HTTP request to snapd over its unix socket: a whole-request timeout (node's `timeout` option
// is only an idle timer) and a cap on the answer's size, so a stuck or runaway snapd cannot hang
// or exhaust the agent. Socket-level failures are thrown as node's errors (code ENOENT, ...) for
// the caller's retry policy to judge.
import { request } from 'node:http';
import { SNAPD_CLIENT_KINDS, SnapdError } from './errors.js';

export interface SnapdRequest {
  socketPath: string;
  method: 'GET' | 'POST';
  path: string;
  /** sent as JSON */
  body?: unknown;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface SnapdRawResponse {
  statusCode: number;
  body: Buffer;
}

export function sendSnapdRequest(req: SnapdRequest): Promise<SnapdRawResponse> {
  return new Promise((resolve, reject) => {
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body), 'utf8');
    const headers: Record<string, string | number> = { Accept: 'application/json' };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const http = request({ socketPath: req.socketPath, method: req.method, path: req.path, headers, host: 'localhost' }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          http.destroy();
          finish(() => reject(new SnapdError(SNAPD_CLIENT_KINDS.tooLarge, `snapd's answer to ${req.method} ${req.path} is larger than ${req.maxBytes} bytes`)));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks) })));
      res.on('error', (err) => finish(() => reject(err)));
      // snapd going away mid-answer: the same "gone" error as a reset, so it is retried
      res.on('close', () => {
        if (!res.complete) finish(() => reject(Object.assign(new Error(`snapd closed the connection during its answer to ${req.method} ${req.path}`), { code: 'ECONNRESET' })));
      });
    });
    const timer = setTimeout(() => {
      http.destroy();
      finish(() => reject(new SnapdError(SNAPD_CLIENT_KINDS.timeout, `snapd did not answer ${req.method} ${req.path} within ${req.timeoutMs} ms`)));
    }, req.timeoutMs);
    const onAbort = (): void => {
      http.destroy();
      finish(() => reject(req.signal?.reason ?? new Error('aborted')));
    };
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    http.on('error', (err) => finish(() => reject(err)));
    http.end(payload);
  });
}

/** Errors that mean "snapd is not there right now" (restarting): worth retrying. */
export function isSnapdGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}
