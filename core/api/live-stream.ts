import { streamSSE } from 'hono/streaming';
import type { LiveBus } from '../live/bus.js';
import type { LiveMessage, Value } from '../contract/api.js';
import type { Ctx } from './context.js';
import { BoundedQueue } from './bounded-queue.js';
import { createSsePump } from './sse-pump.js';

// points are coalesced to the newest value per series and sent at most this often
const POINTS_EVERY_MS = 250;
// a client that cannot keep up loses the oldest status messages, never the server's memory
const MAX_QUEUED = 2000;

type Point = { key: string; ts: number; value: Value };

/** Server-Sent Events: each LiveMessage as an event named after its type. */
export function liveStream(c: Ctx, bus: LiveBus): Response {
  return streamSSE(c, async (stream) => {
    const queue = new BoundedQueue<LiveMessage>(MAX_QUEUED, Infinity, () => 0);
    const pump = createSsePump(stream);
    const newest = new Map<string, Map<string, Point>>(); // uid -> key -> newest point
    let pointsDue: NodeJS.Timeout | undefined;
    const movePointsToQueue = () => {
      pointsDue = undefined;
      for (const [uid, byKey] of newest) queue.push({ type: 'points', uid, points: [...byKey.values()] });
      newest.clear();
      pump.wake();
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
      pump.wake();
    });
    stream.onAbort(() => {
      unsubscribe();
      pump.wake();
    });
    try {
      await stream.writeSSE({ event: 'hello', data: '{}' });
      await pump.run(async () => {
        const message = queue.shift();
        if (!message) return false;
        await stream.writeSSE({ event: message.type, data: JSON.stringify(message) });
        return true;
      });
    } finally {
      clearTimeout(pointsDue);
      unsubscribe();
    }
  });
}
