// One Server-Sent Events connection that stays up: the browser reconnects after a network error,
// this reconnects after a refusal (a non-200 answer, e.g. Outpost restarting), and every event is
// checked against the contract before anyone sees it. Used by the live stream and the Messages tab.
import type { z } from 'zod';

export type StreamState = 'connecting' | 'open' | 'closed';

export interface EventStreamHandlers<T> {
  onEvent(event: T): void;
  /** 'closed': refused; a new attempt follows after RETRY_MS */
  onState(state: StreamState): void;
}

export const RETRY_MS = 3000;

/** Connects to `path` and listens to the named `events` (and unnamed ones); the result disconnects. */
export function connectEventStream<T>(path: string, schema: z.ZodType<T>, events: readonly string[], handlers: EventStreamHandlers<T>): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const onMessage = (ev: MessageEvent<string>) => {
    let data: unknown;
    try { data = JSON.parse(ev.data); } catch { return; }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      console.warn(`ignoring unexpected event on ${path}`, ev.type, data);
      return;
    }
    try { handlers.onEvent(parsed.data); } catch (e) { console.error(e); }
  };
  const open = () => {
    if (stopped) return;
    handlers.onState('connecting');
    const es = new EventSource(path, { withCredentials: true });
    source = es;
    es.onopen = () => handlers.onState('open');
    for (const type of events) es.addEventListener(type, onMessage);
    es.onmessage = onMessage; // the event named "message" and unnamed ones
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) { handlers.onState('connecting'); return; } // the browser retries
      es.close();
      source = null;
      handlers.onState('closed');
      if (!stopped) retryTimer = setTimeout(open, RETRY_MS);
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
    source = null;
  };
}
