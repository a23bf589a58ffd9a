// Request bodies are counted while they arrive, for every route and path: no client can make the
// server hold more than MAX_BODY_BYTES of one, with a Content-Length or without (chunked).
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** The largest request body accepted anywhere (all bodies are small JSON). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Reading the request body failed because the client hung up, reset or stalled: not a server error. */
export class ClientGone extends Error {
  override name = 'ClientGone';
}

const tooLargeMessage = (max: number) => `body larger than ${max} bytes`;

export function bodyLimit(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (!chunked && (length === undefined || length === '0')) return next();
    // node's parser has already refused a malformed or doubled Content-Length
    if (!chunked && Number(length) > maxBytes) return tooLarge(c, maxBytes);

    // Nothing of @hono/node-server's body is read until something pulls it, and never for GET/HEAD
    // (body null here); so a route that takes no body reads none. Whatever is read comes through here.
    const raw = c.req.raw;
    const source = raw.body;
    let complete = false;
    if (source) {
      const reader = source.getReader();
      let received = 0;
      const limited = new ReadableStream<Uint8Array>({
        async pull(controller) {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await reader.read();
          } catch (e) {
            controller.error(new ClientGone(`request body not received: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
            return;
          }
          if (chunk.done) {
            complete = true;
            controller.close();
            return;
          }
          received += chunk.value.byteLength;
          if (received > maxBytes) {
            // the reader (readJson) fails at once and the 413 goes out while the client still sends
            controller.error(new HTTPException(413, { message: tooLargeMessage(maxBytes) }));
            return;
          }
          controller.enqueue(chunk.value);
        },
        cancel: (reason) => reader.cancel(reason),
      }, { highWaterMark: 0 });
      c.req.raw = new Request(raw.url, {
        method: raw.method, headers: raw.headers, signal: raw.signal, body: limited, duplex: 'half',
      } as RequestInit & { duplex: 'half' });
    }
    await next();
    // The rest of the body is unread (too large, or the route takes none): close the connection
    // after the response instead of reading on; node destroys the socket once the response is out.
    if (!complete) c.header('Connection', 'close');
  };
}

function tooLarge(c: Context, maxBytes: number): Response {
  return c.json({ error: tooLargeMessage(maxBytes) }, 413, { Connection: 'close' });
}
