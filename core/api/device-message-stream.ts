// GET /api/devices/:uid/messages/stream: the device's stored retained messages, then live ones,
// as Server-Sent Events (core/contract/device-messages.ts). Each subscriber has its own bounded
// queue: one that reads too slowly loses the oldest messages and is told how many, the server
// never holds more than QUEUE_ITEMS / QUEUE_BYTES for it.
import { streamSSE } from 'hono/streaming';
import { MAX_PAYLOAD_SHOWN, type DeviceMessage, type DeviceMessageEvent } from '../contract/device-messages.js';
import { deviceRoot } from '../codecs/topics.js';
import { DomainError } from '../errors.js';
import { BoundedQueue } from './bounded-queue.js';
import type { ApiServices, Ctx } from './context.js';
import { createSsePump } from './sse-pump.js';

export const QUEUE_ITEMS = 500;
export const QUEUE_BYTES = 4 * 1024 * 1024;
// each stream may hold QUEUE_BYTES: a bound on them all keeps that from multiplying without end
export const MAX_STREAMS = 32;

// one message goes to every watcher of its device: encode it once
const encoded = new WeakMap<DeviceMessage, string>();
const encode = (message: DeviceMessage) => {
  let data = encoded.get(message);
  if (data === undefined) encoded.set(message, (data = JSON.stringify({ type: 'message', message } satisfies DeviceMessageEvent)));
  return data;
};

export function deviceMessageStream(c: Ctx, s: ApiServices): Response {
  const asked = c.req.param('uid') ?? '';
  const device = s.devices.get(asked);
  if (!device) throw new DomainError('not_found', `no device ${asked}`);
  const uid = device.uid; // as its topics spell it
  const messages = s.deviceMessages();
  if (!messages) throw new DomainError('busy', 'the MQTT broker is not running (see Settings)');
  if (messages.stats().watchers >= MAX_STREAMS) {
    throw new DomainError('busy', `${MAX_STREAMS} message streams are open already; close a Messages tab and try again`, 5);
  }

  return streamSSE(c, async (stream) => {
    const queue = new BoundedQueue<string>(QUEUE_ITEMS, QUEUE_BYTES, (data) => data.length);
    const pump = createSsePump(stream);
    const send = (event: DeviceMessageEvent['type'], data: string) => stream.writeSSE({ event, data });
    // watched before the retained messages are read, so nothing published meanwhile is missed
    const unwatch = messages.watch(uid, (m) => {
      queue.push(encode(m));
      pump.wake();
    });
    stream.onAbort(() => {
      unwatch();
      pump.wake();
    });
    try {
      const hello: DeviceMessageEvent = { type: 'hello', uid, root: `${deviceRoot(uid)}/`, maxPayloadShown: MAX_PAYLOAD_SHOWN, queueLimit: QUEUE_ITEMS };
      await send('hello', JSON.stringify(hello));
      let retained = 0;
      for await (const m of messages.retained(uid)) {
        if (stream.aborted) return;
        await send('message', encode(m));
        retained++;
      }
      await send('synced', JSON.stringify({ type: 'synced', retained } satisfies DeviceMessageEvent));
      await pump.run(async () => {
        const dropped = queue.takeDropped();
        if (dropped > 0) await send('dropped', JSON.stringify({ type: 'dropped', count: dropped, total: queue.droppedTotal } satisfies DeviceMessageEvent));
        const data = queue.shift();
        if (data === undefined) return false;
        await send('message', data);
        return true;
      });
    } finally {
      unwatch();
    }
  });
}
