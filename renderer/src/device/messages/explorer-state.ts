// What the explorer knows of a device's topics, built from the stream's events. Pure: every
// event gives a new state and leaves the old one as it was, so a paused view can keep its own.
import type { DeviceMessage, DeviceMessageEvent } from '../../../../core/contract/device-messages.js';
import { recordArrival, type Arrivals } from './rate.js';

/** Messages kept per topic, newest first. */
export const HISTORY = 20;

export interface Received {
  message: DeviceMessage;
  /** when the browser received it (stored retained messages have no time of their own) */
  at: number;
  /** a running number, unique within the explorer (React keys) */
  seq: number;
}

export interface TopicEntry {
  topic: string;
  /** newest first, at most HISTORY */
  history: Received[];
  /** messages seen on it since the tab opened */
  count: number;
  arrivals: Arrivals;
  /** the broker holds a retained message for it */
  retained: boolean;
}

export interface ExplorerState {
  topics: ReadonlyMap<string, TopicEntry>;
  /** messages received */
  total: number;
  /** messages the server left out because this browser read too slowly */
  dropped: number;
  /** every stored retained message has arrived since the stream (re)opened */
  synced: boolean;
  /** while (re)syncing: the topics the stored retained messages were for */
  resyncing: ReadonlySet<string> | null;
  seq: number;
}

export const emptyState = (): ExplorerState => ({ topics: new Map(), total: 0, dropped: 0, synced: false, resyncing: null, seq: 0 });

const sameContent = (a: DeviceMessage, b: DeviceMessage) => a.payload === b.payload && a.encoding === b.encoding && a.size === b.size;

function withMessage(state: ExplorerState, message: DeviceMessage, now: number): ExplorerState {
  const before = state.topics.get(message.topic);
  const seq = state.seq + 1;
  const entry: TopicEntry = {
    topic: message.topic,
    history: [{ message, at: now, seq }, ...(before?.history ?? [])].slice(0, HISTORY),
    count: (before?.count ?? 0) + 1,
    // stored messages are old: they say nothing about the rate
    arrivals: message.origin === 'live' ? recordArrival(before?.arrivals ?? [], now) : (before?.arrivals ?? []),
    // a retained publish with an empty payload clears the topic's retained message; others leave it be
    retained: message.retain ? message.size > 0 : (before?.retained ?? false),
  };
  const topics = new Map(state.topics);
  topics.set(message.topic, entry);
  return { ...state, topics, total: state.total + 1, seq };
}

export function applyEvent(state: ExplorerState, event: DeviceMessageEvent, now: number): ExplorerState {
  switch (event.type) {
    case 'hello':
      // a new connection: its retained messages may repeat what is known, or show what changed meanwhile
      return { ...state, synced: false, resyncing: new Set() };
    case 'message': {
      const m = event.message;
      if (m.origin === 'retained' && state.resyncing) {
        const resyncing = new Set(state.resyncing).add(m.topic);
        const known = state.topics.get(m.topic);
        const last = known?.history[0]?.message;
        if (known && last && sameContent(last, m)) {
          // seen already, before the stream came back: not counted again
          const topics = new Map(state.topics).set(m.topic, { ...known, retained: true });
          return { ...state, topics, resyncing };
        }
        return { ...withMessage(state, m, now), resyncing };
      }
      return withMessage(state, m, now);
    }
    case 'synced': {
      // retained messages cleared while the stream was away are no longer retained
      const held = state.resyncing ?? new Set<string>();
      const topics = new Map(state.topics);
      for (const [topic, entry] of topics) if (entry.retained && !held.has(topic)) topics.set(topic, { ...entry, retained: false });
      return { ...state, topics, synced: true, resyncing: null };
    }
    case 'dropped':
      return { ...state, dropped: state.dropped + event.count };
  }
}
