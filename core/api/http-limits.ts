// How long the HTTP server waits for a client. node's own defaults (headers 60 s, request 300 s,
// checked every 30 s) let a few silent or trickling connections sit for minutes.
import type { ServerOptions } from 'node:http';

export interface HttpLimits {
  /** the request headers must be complete this long after the connection opens (or the request starts) */
  headersTimeoutMs: number;
  /**
   * the whole request, headers and body, must be received within this; the response is not
   * counted, so the event stream and CSV export may run for as long as they like
   */
  requestTimeoutMs: number;
  /** an idle keep-alive connection between requests is closed after this */
  keepAliveTimeoutMs: number;
  /** how often node looks for connections over the two request timeouts */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

export function httpServerOptions(overrides: Partial<HttpLimits> = {}): ServerOptions {
  const l = { ...DEFAULT_HTTP_LIMITS, ...overrides };
  return {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    connectionsCheckingInterval: l.checkIntervalMs,
  };
}
