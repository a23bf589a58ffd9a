// The explorer's own event stream on GET /api/devices/:uid/messages/stream (event-stream.ts keeps
// it connected); each new connection resyncs: the server sends the retained messages again
// (explorer-state.ts).
import { useEffect, useRef, useState } from 'react';
import { DeviceMessageEvent, messagesStreamPath } from '../../../../core/contract/device-messages.js';
import { applyEvent, emptyState, type ExplorerState } from './explorer-state.js';
import { connectEventStream, type StreamState } from '../../event-stream.js';

// many messages a second would re-render as often: the view follows at most this often
const FLUSH_MS = 150;

export function useMessageStream(uid: string): { state: ExplorerState; connection: StreamState } {
  const [state, setState] = useState<ExplorerState>(emptyState);
  const [connection, setConnection] = useState<StreamState>('connecting');
  const current = useRef(state);

  useEffect(() => {
    current.current = emptyState();
    setState(current.current);
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      flushTimer = undefined;
      setState(current.current);
    };
    const disconnect = connectEventStream(messagesStreamPath(uid), DeviceMessageEvent, ['hello', 'synced', 'dropped'], {
      onEvent: (event) => {
        current.current = applyEvent(current.current, event, Date.now());
        flushTimer ??= setTimeout(flush, FLUSH_MS);
      },
      onState: setConnection,
    });
    return () => {
      disconnect();
      clearTimeout(flushTimer);
    };
  }, [uid]);

  return { state, connection };
}
