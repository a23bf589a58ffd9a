import type { MiddlewareHandler } from 'hono';
import type { Env } from './context.js';
import { addResponseHeaders } from './response-headers.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const SECURITY_HEADERS = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY], ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'], ['Referrer-Policy', 'no-referrer'],
] as const;

/**
 * Refuses requests a foreign web page could make: a Host that is not ours (DNS rebinding)
 * and state-changing requests from another origin (CSRF). `loopbackOnly` when bound to 127.0.0.1.
 */
export function originGuard(loopbackOnly: () => boolean): MiddlewareHandler<Env> {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    const hostname = host.replace(/:\d+$/, '');
    if (loopbackOnly() && !LOOPBACK_NAMES.has(hostname)) {
      return c.json({ error: `Host ${host} is not allowed` }, 403);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`) {
        return c.json({ error: `cross-origin request from ${origin} refused` }, 403);
      }
      if (c.req.header('sec-fetch-site') === 'cross-site') {
        return c.json({ error: 'cross-site request refused' }, 403);
      }
    }
    await next();
    addResponseHeaders(c, SECURITY_HEADERS);
  };
}
