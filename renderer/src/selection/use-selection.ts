// A selection of items by key for lists with bulk actions (devices now; operations and OTA later).
// It only ever holds keys that are in `scope` (what the list currently matches): a filter change or
// a deleted item shrinks it, so a bulk action never reaches something the user cannot see.
import { useCallback, useMemo, useState } from 'react';

export interface Selection {
  /** selected keys, in scope order */
  keys: string[];
  count: number;
  has(key: string): boolean;
  toggle(key: string): void;
  /** selects (on) or unselects (off) many at once, e.g. a page */
  set(keys: readonly string[], on: boolean): void;
  /** every key in scope */
  selectAll(): void;
  clear(): void;
  /** all of `keys` selected / some but not all */
  allOf(keys: readonly string[]): boolean;
  someOf(keys: readonly string[]): boolean;
}

export function useSelection(scope: readonly string[]): Selection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const keys = useMemo(() => scope.filter((k) => chosen.has(k)), [scope, chosen]);
  const inScope = useMemo(() => new Set(keys), [keys]);

  const toggle = useCallback((key: string) => setChosen((s) => {
    const next = new Set(s);
    if (next.has(key)) next.delete(key); else next.add(key);
    return next;
  }), []);
  const set = useCallback((many: readonly string[], on: boolean) => setChosen((s) => {
    const next = new Set(s);
    for (const k of many) if (on) next.add(k); else next.delete(k);
    return next;
  }), []);
  const selectAll = useCallback(() => setChosen(new Set(scope)), [scope]);
  const clear = useCallback(() => setChosen(new Set()), []);

  return {
    keys,
    count: keys.length,
    has: (k) => inScope.has(k),
    toggle, set, selectAll, clear,
    allOf: (many) => many.length > 0 && many.every((k) => inScope.has(k)),
    someOf: (many) => many.some((k) => inScope.has(k)),
  };
}
