// Repeated failures (a wrong token 2,000 times, logins with unknown names) must not push every
// other row out of a list or grow a table without bound: rows with the same key within one
// clock minute are folded into the first one, which carries a count.

const MINUTE = 60_000;

export interface MinuteCoalescer {
  /**
   * Without a key, inserts. With one: folds into the row that holds the key this minute (`bump`
   * updates it and returns it, or undefined when that row is gone), else inserts and remembers it.
   */
  fold<T extends { id: number }>(key: string | undefined, now: number, bump: (rowId: number) => T | undefined, insert: () => T): T;
}

/** In memory, bounded: at most `maxKeys` keys of the current minute are remembered. */
export function createMinuteCoalescer(maxKeys = 10_000): MinuteCoalescer {
  let minute = -1;
  let rows = new Map<string, number>();
  return {
    fold(key, now, bump, insert) {
      if (key === undefined) return insert();
      const m = Math.floor(now / MINUTE);
      if (m !== minute) {
        minute = m;
        rows = new Map();
      }
      const earlier = rows.get(key);
      const bumped = earlier === undefined ? undefined : bump(earlier);
      if (bumped) return bumped;
      const row = insert();
      // past the bound a flood of distinct keys just gets rows of its own again; memory stays flat
      if (rows.size >= maxKeys) rows = new Map();
      rows.set(key, row.id);
      return row;
    },
  };
}
