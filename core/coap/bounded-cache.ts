// A map with a size bound and an age bound: the oldest entry goes first when full, and entries
// older than the lifetime count as absent. No timers, so nothing keeps the process alive or leaks.
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

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

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at <= this.lifetimeMs) break;
      this.entries.delete(key);
    }
  }
}
