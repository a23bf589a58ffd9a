// The sending loop of Outpost's event streams (the live stream, a device's messages): write what
// is queued; when nothing is, wait until new items wake it, or write a keepalive comment after
// KEEPALIVE_MS so proxies and the browser keep the connection.
import type { SSEStreamingApi } from 'hono/streaming';

export const KEEPALIVE_MS = 15_000;

export interface SsePump {
  /** New items are queued: the loop sends them now. Also call it when the client went away. */
  wake(): void;
  /** Runs until the client goes; `sendNext` writes one item and says whether there was one. */
  run(sendNext: () => Promise<boolean>): Promise<void>;
}

export function createSsePump(stream: SSEStreamingApi): SsePump {
  let waiting: (() => void) | undefined;
  // a wake that comes while sendNext runs (no one waits yet) must not be lost
  let poked = false;
  return {
    wake: () => {
      poked = true;
      waiting?.();
    },
    async run(sendNext) {
      while (!stream.aborted && !stream.closed) {
        poked = false;
        if (await sendNext() || poked) continue;
        let timer: NodeJS.Timeout | undefined;
        const woken = await new Promise<boolean>((resolve) => {
          waiting = () => resolve(true);
          timer = setTimeout(() => resolve(false), KEEPALIVE_MS);
        });
        clearTimeout(timer);
        waiting = undefined;
        if (!woken && !stream.aborted) await stream.write(': keepalive\n\n');
      }
    },
  };
}
