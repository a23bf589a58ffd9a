// Headers added to a response after its handler ran (middleware after `await next()`).
import type { Ctx } from './context.js';

/**
 * Sets headers on the response as it is. Hono's c.header() at that point rebuilds the response
 * (and @hono/node-server then turns its cheap response into a full WHATWG one): once per header,
 * a measurable share of every API request's CPU. A response with immutable headers (one fetched
 * from elsewhere) still gets them through c.header().
 */
export function addResponseHeaders(c: Ctx, headers: ReadonlyArray<readonly [string, string]>): void {
  try {
    const target = c.res.headers;
    for (const [name, value] of headers) target.set(name, value);
  } catch {
    for (const [name, value] of headers) c.header(name, value);
  }
}
