// Repeated failures (a wrong token 2,000 times, logins with unknown names) must not push every
// other row out of a list or grow a table without bound: rows with the same key within one
// clock minute are folded into the first one, which carries a count.

const MINUTE = 60_000;

export interface MinuteCoalescer {
  /** The id of the row that already holds `key` in the current minute, if any. */
  rowFor(key: string, now: number): number | undefined;
  remember(key: string, now: number, rowId: number): void;
  /** Forgets every key (e.g. after rows were deleted). */
  forgetAll(): void;
}

/** In memory, bounded: at most `maxKeys` keys of the current minute are remembered. */
export function createMinuteCoalescer(maxKeys = 10_000): MinuteCoalescer {
  let minute = -1;
  let rows = new Map<string, number>();
  const roll = (now: number) => {
    const m = Math.floor(now / MINUTE);
    if (m !== minute) {
      minute = m;
      rows = new Map();
    }
  };
  return {
    rowFor(key, now) {
      roll(now);
      return rows.get(key);
    },
    remember(key, now, rowId) {
      roll(now);
      // past the bound a flood of distinct keys just gets rows of its own again, memory stays flat
      if (rows.size >= maxKeys) rows = new Map();
      rows.set(key, rowId);
    },
    forgetAll() {
      rows = new Map();
    },
  };
}
