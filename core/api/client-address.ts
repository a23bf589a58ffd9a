import { getConnInfo } from '@hono/node-server/conninfo';
import type { Ctx } from './context.js';

/**
 * The peer address of the request's connection. X-Forwarded-For is not read: Outpost is reached
 * directly (no reverse proxy is supported), and a client could write anything there.
 */
export function clientAddress(c: Ctx): string {
  try {
    const address = getConnInfo(c).remote.address;
    // a dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d
    return address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') : 'unknown';
  } catch {
    return 'unknown'; // no Node socket behind the request (app.request() in tests)
  }
}
