// The live stream: one EventSource on /api/stream while logged in, fanned out to subscribers.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { LiveMessage } from '../../core/contract/api.js';
import { call } from './api.js';
import { connectEventStream, type StreamState } from './event-stream.js';

export type LiveState = 'off' | 'connecting' | 'open';

type Listener = (msg: LiveMessage) => void;
const listeners = new Set<Listener>();
const stateListeners = new Set<() => void>();
let disconnect: (() => void) | null = null;
let state: LiveState = 'off';
// bumped on every open that follows an earlier one: whatever happened meanwhile was not streamed
let reconnects = 0;
let openedBefore = false;
const reconnectListeners = new Set<() => void>();

function setState(s: LiveState): void {
  if (s === state) return;
  state = s;
  for (const l of stateListeners) l();
}

function dispatch(msg: LiveMessage): void {
  for (const l of [...listeners]) {
    try { l(msg); } catch (e) { console.error(e); }
  }
}

function onStreamState(s: StreamState): void {
  if (s === 'closed') {
    setState('connecting'); // a new attempt follows
    // a refused stream is often an expired session: asking who we are sends the app to login on 401
    call('me').catch(() => undefined);
    return;
  }
  setState(s);
  if (s !== 'open') return;
  if (openedBefore) {
    reconnects += 1;
    for (const l of [...reconnectListeners]) {
      try { l(); } catch (e) { console.error(e); }
    }
  }
  openedBefore = true;
}

/** Opens (true) or closes (false) the stream; the app calls this on login/logout. */
export function setLiveEnabled(on: boolean): void {
  if (on) {
    disconnect ??= connectEventStream('/api/stream', LiveMessage, ['device', 'points', 'event', 'device-deleted', 'operation', 'batch', 'inventory', 'lwm2m-objects'],
      { onEvent: dispatch, onState: onStreamState });
    return;
  }
  disconnect?.();
  disconnect = null;
  openedBefore = false;
  setState('off');
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
