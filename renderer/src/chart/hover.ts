// The time under the pointer, shared by every layer of one chart without re-rendering the chart:
// only the small components that read it (hover line, readout) update as the pointer moves.
import { useSyncExternalStore } from 'react';

export interface HoverStore {
  get(): number | null;
  set(ts: number | null): void;
  subscribe(listener: () => void): () => void;
}

export function createHoverStore(): HoverStore {
  let ts: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => ts,
    set(next) {
      if (next === ts) return;
      ts = next;
      for (const l of listeners) l();
    },
    subscribe(l) { listeners.add(l); return () => listeners.delete(l); },
  };
}

export function useHover(store: HoverStore): number | null {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
