// The explorer's own EventSource on GET /api/devices/:uid/messages/stream. It reconnects by
// itself (the browser does after a network error; this does after a refusal) and each new
// connection resyncs: the server sends the retained messages again (explorer-state.ts).
import { useEffect, useRef, useState } from 'react';
import { DeviceMessageEvent, messagesStreamPath } from '../../../../core/contract/device-messages.js';
import { applyEvent, emptyState, type ExplorerState } from './explorer-state.js';

export type StreamState = 'connecting' | 'open' | 'closed';

// many messages a second would re-render as often: the view follows at most this often
const FLUSH_MS = 150;
const RETRY_MS = 3000;

export function useMessageStream(uid: string): { state: ExplorerState; connection: StreamState } {
  const [state, setState] = useState<ExplorerState>(emptyState);
  const [connection, setConnection] = useState<StreamState>('connecting');
  const current = useRef(state);

  useEffect(() => {
    current.current = emptyState();
    setState(current.current);
    let source: EventSource | null = null;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const flush = () => {
      flushTimer = undefined;
      setState(current.current);
    };
    const onEvent = (ev: MessageEvent<string>) => {
      let data: unknown;
      try { data = JSON.parse(ev.data); } catch { return; }
      const parsed = DeviceMessageEvent.safeParse(data);
      if (!parsed.success) {
        console.warn('ignoring unexpected message-stream event', ev.type, data);
        return;
      }
      current.current = applyEvent(current.current, parsed.data, Date.now());
      flushTimer ??= setTimeout(flush, FLUSH_MS);
    };
    const open = () => {
      if (stopped) return;
      setConnection('connecting');
      const es = new EventSource(messagesStreamPath(uid), { withCredentials: true });
      source = es;
      es.onopen = () => setConnection('open');
      // 'message' covers the event named so and unnamed ones
      for (const type of ['hello', 'synced', 'dropped'] as const) es.addEventListener(type, onEvent);
      es.onmessage = onEvent;
      es.onerror = () => {
        if (es.readyState !== EventSource.CLOSED) { setConnection('connecting'); return; } // the browser retries
        es.close();
        source = null;
        setConnection('closed');
        retryTimer = setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
    };
  }, [uid]);

  return { state, connection };
}
