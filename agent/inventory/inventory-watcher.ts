// Collects the inventory every `intervalMs` and hands it to `onChange` only when its hash differs
// from the last one handed over: on start (no hash yet), after a real change, and whenever
// refresh() is called (the inventory.refresh operation, or Outpost opening the device page).
// Collections never overlap: each waits for the one before. A failed onChange keeps the old hash,
// so the next tick tries again instead of the change being lost.
import type { Inventory } from '../../core/contract/inventory.js';
import { inventoryHash } from './inventory-hash.js';

export type PublishReason = 'first' | 'changed' | 'requested';

export interface InventoryWatcherOptions {
  collect: () => Promise<Inventory>;
  intervalMs: number;
  onChange: (inventory: Inventory, reason: PublishReason) => void | Promise<void>;
  /** a periodic check that failed (collect or onChange threw); refresh() throws to its caller instead */
  onError?: (error: unknown) => void;
}

export class InventoryWatcher {
  private lastHash: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  // bumped by stop(): a check still in flight from before a stop() + start() must not keep its own loop going
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: InventoryWatcherOptions) {
    if (!(options.intervalMs > 0)) throw new RangeError('intervalMs must be a positive number of milliseconds');
  }

  /** Checks at once (which publishes, as nothing was published yet), then every intervalMs. */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    return this.tick();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Collects now and publishes whatever it finds, changed or not. */
  refresh(): Promise<Inventory> {
    return this.serialized(() => this.publishFresh(true));
  }

  /** The hash of the last inventory handed to onChange. */
  get publishedHash(): string | undefined {
    return this.lastHash;
  }

  private async tick(): Promise<void> {
    const generation = this.generation;
    try {
      await this.serialized(() => this.publishFresh(false));
    } catch (e) {
      this.options.onError?.(e);
    }
    if (this.running && generation === this.generation) this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
  }

  private async publishFresh(always: boolean): Promise<Inventory> {
    const inventory = await this.options.collect();
    const hash = inventoryHash(inventory);
    const reason: PublishReason | undefined = always ? 'requested' : this.lastHash === undefined ? 'first' : hash !== this.lastHash ? 'changed' : undefined;
    if (reason) {
      await this.options.onChange(inventory, reason);
      this.lastHash = hash;
    }
    return inventory;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    // the chain itself never rejects, so one failed run does not skip the ones queued after it
    this.queue = next.catch(() => undefined);
    return next;
  }
}
