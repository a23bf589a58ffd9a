// The live stream: one EventSource on /api/stream while logged in, fanned out to subscribers.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { LiveMessage } from '../../core/contract/api.js';
import { call } from './api.js';

export type LiveState = 'off' | 'connecting' | 'open';

type Listener = (msg: LiveMessage) => void;
const listeners = new Set<Listener>();
const stateListeners = new Set<() => void>();
let source: EventSource | null = null;
let state: LiveState = 'off';
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let wanted = false;
// bumped on every open that follows an earlier one: whatever happened meanwhile was not streamed
let reconnects = 0;
let openedBefore = false;
const reconnectListeners = new Set<() => void>();

function setState(s: LiveState): void {
  if (s === state) return;
  state = s;
  for (const l of stateListeners) l();
}

function dispatch(ev: MessageEvent<string>): void {
  let data: unknown;
  try { data = JSON.parse(ev.data); } catch { return; }
  const msg = LiveMessage.safeParse(data);
  if (!msg.success) {
    console.warn('ignoring unexpected live message', ev.type, data);
    return;
  }
  for (const l of [...listeners]) {
    try { l(msg.data); } catch (e) { console.error(e); }
  }
}

function open(): void {
  if (!wanted || source) return;
  setState('connecting');
  const es = new EventSource('/api/stream', { withCredentials: true });
  source = es;
  es.onopen = () => {
    setState('open');
    if (openedBefore) {
      reconnects += 1;
      for (const l of [...reconnectListeners]) {
        try { l(); } catch (e) { console.error(e); }
      }
    }
    openedBefore = true;
  };
  for (const type of ['device', 'points', 'event', 'device-deleted'] as const) es.addEventListener(type, dispatch);
  es.onmessage = dispatch; // tolerate unnamed events too
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) {
      // the browser gave up (e.g. non-200 answer): try again ourselves
      es.close();
      source = null;
      setState(wanted ? 'connecting' : 'off');
      // a refused stream is often an expired session: asking who we are sends the app to login on 401
      if (wanted) call('me').catch(() => undefined);
      if (wanted && !retryTimer) retryTimer = setTimeout(() => { retryTimer = null; open(); }, 3000);
    } else {
      setState('connecting'); // the browser reconnects by itself
    }
  };
}

/** Opens (true) or closes (false) the stream; the app calls this on login/logout. */
export function setLiveEnabled(on: boolean): void {
  wanted = on;
  if (on) open();
  else {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    source?.close();
    source = null;
    openedBefore = false;
    setState('off');
  }
}

/** Calls `handler` for every live message while the component is mounted. */
export function useLive(handler: Listener): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const l: Listener = (m) => ref.current(m);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (cb) => { stateListeners.add(cb); return () => { stateListeners.delete(cb); }; },
    () => state,
  );
}

/**
 * How many times the stream came back after a drop (Outpost restarted, network lost). Pages put it
 * in the dependencies of what they load, so everything shown is fetched again after a gap.
 */
export function useReconnects(): number {
  return useSyncExternalStore(
    (cb) => { reconnectListeners.add(cb); return () => { reconnectListeners.delete(cb); }; },
    () => reconnects,
  );
}
