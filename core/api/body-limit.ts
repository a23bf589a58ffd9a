// Request bodies are counted while they arrive, for every route and path: no client can make the
// server hold more than MAX_BODY_BYTES of one, with a Content-Length or without (chunked).
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { IncomingMessage } from 'node:http';

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

    // Read from node's request stream itself when there is one: no web Request and stream are
    // built around it (most of what a small POST cost). Nothing is read until a route asks (readJson).
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    let complete = false;
    if (incoming) {
      c.set('readBody', () => readLimited(incoming, maxBytes).then((text) => {
        complete = true;
        return text;
      }));
    } else if (c.req.raw.body) {
      const source = c.req.raw.body;
      c.set('readBody', async () => {
        const text = await new Response(source).text();
        if (Buffer.byteLength(text) > maxBytes) throw new HTTPException(413, { message: tooLargeMessage(maxBytes) });
        complete = true;
        return text;
      });
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

/** The body as text, failing with 413 the moment it passes `maxBytes` (the rest stays unread), or ClientGone. */
function readLimited(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (fn: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted).off('close', onClose);
      fn();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        incoming.pause();
        return done(() => reject(new HTTPException(413, { message: tooLargeMessage(maxBytes) })));
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(() => resolve(Buffer.concat(chunks).toString('utf8')));
    const gone = (why: string, cause?: unknown) => done(() => reject(new ClientGone(`request body not received: ${why}`, { cause })));
    const onError = (e: Error) => gone(e.message, e);
    const onAborted = () => gone('aborted');
    const onClose = () => gone('the connection closed');
    incoming.on('data', onData).once('end', onEnd).once('error', onError).once('aborted', onAborted).once('close', onClose);
  });
}
