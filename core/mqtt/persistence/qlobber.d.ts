// The parts of qlobber (no bundled types) that the broker state uses.

declare module 'qlobber' {
  interface QlobberOptions {
    separator?: string;
    wildcard_one?: string;
    wildcard_some?: string;
    match_empty_levels?: boolean;
    max_words?: number;
  }
  export type { QlobberOptions };
}

declare module 'qlobber/aedes/qlobber-sub.js' {
  import type { QlobberOptions } from 'qlobber';
  interface SubEntry {
    clientId: string;
    topic: string;
    qos: number;
    rh?: number;
    rap?: boolean;
    nl?: boolean;
  }
  /** Subscription patterns keyed by client: one entry per (pattern, client), the latest add wins. */
  class QlobberSub {
    constructor(options?: QlobberOptions);
    subscriptionsCount: number;
    add(topic: string, entry: SubEntry): this;
    remove(topic: string, entry: { clientId: string; topic: string }): this;
    match(topic: string): SubEntry[];
    clear(): this;
  }
  export type { SubEntry };
  export default QlobberSub;
}
