import { streamSSE } from 'hono/streaming';
import type { LiveBus } from '../live/bus.js';
import type { LiveMessage, Value } from '../contract/api.js';
import type { Ctx } from './context.js';

const KEEPALIVE_MS = 15_000;
// points are coalesced to the newest value per series and sent at most this often
const POINTS_EVERY_MS = 250;
// a client that cannot keep up loses the oldest status messages, never the server's memory
const MAX_QUEUED = 2000;

type Point = { key: string; ts: number; value: Value };

/** Server-Sent Events: each LiveMessage as an event named after its type. */
export function liveStream(c: Ctx, bus: LiveBus): Response {
  return streamSSE(c, async (stream) => {
    const queue: LiveMessage[] = [];
    const newest = new Map<string, Map<string, Point>>(); // uid -> key -> newest point
    let pointsDue: NodeJS.Timeout | undefined;
    let wake: (() => void) | undefined;

    const movePointsToQueue = () => {
      pointsDue = undefined;
      for (const [uid, byKey] of newest) queue.push({ type: 'points', uid, points: [...byKey.values()] });
      newest.clear();
      wake?.();
    };
    const unsubscribe = bus.subscribe((m) => {
      if (m.type === 'points') {
        let byKey = newest.get(m.uid);
        if (!byKey) newest.set(m.uid, (byKey = new Map()));
        for (const p of m.points) {
          const seen = byKey.get(p.key);
          if (!seen || seen.ts <= p.ts) byKey.set(p.key, p);
        }
        pointsDue ??= setTimeout(movePointsToQueue, POINTS_EVERY_MS);
        return;
      }
      queue.push(m);
      if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    try {
      await stream.writeSSE({ event: 'hello', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        const message = queue.shift();
        if (message) {
          await stream.writeSSE({ event: message.type, data: JSON.stringify(message) });
          continue;
        }
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, KEEPALIVE_MS);
        });
        clearTimeout(timer);
        wake = undefined;
        if (queue.length === 0 && !stream.aborted) await stream.write(': keepalive\n\n');
      }
    } finally {
      clearTimeout(pointsDue);
      unsubscribe();
    }
  });
}
