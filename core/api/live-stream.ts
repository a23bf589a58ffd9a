import { streamSSE } from 'hono/streaming';
import type { LiveBus } from '../live/bus.js';
import type { LiveMessage } from '../contract/api.js';
import type { Ctx } from './context.js';

const KEEPALIVE_MS = 15_000;

/** Server-Sent Events: each LiveMessage as an event named after its type. */
export function liveStream(c: Ctx, bus: LiveBus): Response {
  return streamSSE(c, async (stream) => {
    const queue: LiveMessage[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = bus.subscribe((m) => {
      queue.push(m);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    await stream.writeSSE({ event: 'hello', data: '{}' });
    while (!stream.aborted && !stream.closed) {
      const message = queue.shift();
      if (message) {
        await stream.writeSSE({ event: message.type, data: JSON.stringify(message) });
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, KEEPALIVE_MS);
      });
      wake = undefined;
      if (queue.length === 0 && !stream.aborted) await stream.write(': keepalive\n\n');
    }
    unsubscribe();
  });
}
