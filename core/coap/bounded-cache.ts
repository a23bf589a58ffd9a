// A map with a size bound and an age bound: the oldest entry goes first when full, and entries
// older than the lifetime count as absent. No timers, so nothing keeps the process alive or leaks.
type Entry<V> = { value: V; at: number };

export class BoundedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /**
   * Walks the entries oldest first across calls. Starting a new walk at every set would step over
   * every slot deleted at the front since the Map last compacted (thousands, at a notification each).
   */
  private walk: Iterator<[string, Entry<V>]> | undefined;
  /** the oldest entry seen by the walk and kept (still fresh, and the cache not over its bound) */
  private head: [string, Entry<V>] | undefined;

  constructor(private readonly maxEntries: number, private readonly lifetimeMs: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now - entry.at > this.lifetimeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores (or replaces) the value; `touch` false keeps the entry's original age. */
  set(key: string, value: V, now = Date.now(), touch = true): void {
    const previous = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, { value, at: touch || previous === undefined ? now : previous.at });
    this.evict(now);
  }

  /**
   * Gives a present entry another value where it stands (same age, same place in line: no new
   * entry, no eviction walk); absent, a plain set.
   */
  replace(key: string, value: V, now = Date.now()): void {
    const entry = this.entries.get(key);
    if (entry === undefined) this.set(key, value, now);
    else entry.value = value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.walk = this.head = undefined;
  }

  /** The oldest entry still in the map (a replaced or deleted one is moved past). */
  private oldest(): [string, Entry<V>] | undefined {
    if (this.head && this.entries.get(this.head[0]) === this.head[1]) return this.head;
    for (;;) {
      let next = this.walk?.next();
      if (!next || next.done) {
        // the walk reached the end (entries added after that are not seen by it): a new one
        this.walk = this.entries.entries();
        next = this.walk.next();
        if (next.done) return (this.head = undefined);
      }
      const [key, entry] = next.value;
      // an entry set again was moved to the end: the walk meets it there
      if (this.entries.get(key) === entry) return (this.head = [key, entry]);
    }
  }

  private evict(now: number): void {
    for (;;) {
      const oldest = this.oldest();
      if (!oldest || (this.entries.size <= this.maxEntries && now - oldest[1].at <= this.lifetimeMs)) return;
      this.entries.delete(oldest[0]);
      this.head = undefined;
    }
  }
}
