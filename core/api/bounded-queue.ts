// A queue for one slow reader: at most `maxItems` entries and `maxBytes` of them; past either the
// oldest go, and how many went is counted so the reader can be told.

export class BoundedQueue<T> {
  readonly #items: T[] = [];
  readonly #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #droppedSinceTake = 0;
  #droppedTotal = 0;

  constructor(readonly maxItems: number, readonly maxBytes: number, readonly sizeOf: (item: T) => number) {}

  get length(): number {
    return this.#items.length - this.#head;
  }
  get bytes(): number {
    return this.#bytes;
  }
  get droppedTotal(): number {
    return this.#droppedTotal;
  }

  push(item: T): void {
    const size = this.sizeOf(item);
    this.#items.push(item);
    this.#sizes.push(size);
    this.#bytes += size;
    // the newest item always stays, even one bigger than maxBytes alone
    while (this.length > 1 && (this.length > this.maxItems || this.#bytes > this.maxBytes)) {
      this.#take();
      this.#droppedSinceTake++;
      this.#droppedTotal++;
    }
  }

  shift(): T | undefined {
    return this.length === 0 ? undefined : this.#take();
  }

  /** How many were dropped since the last call. */
  takeDropped(): number {
    const n = this.#droppedSinceTake;
    this.#droppedSinceTake = 0;
    return n;
  }

  #take(): T {
    const item = this.#items[this.#head]!;
    this.#bytes -= this.#sizes[this.#head]!;
    this.#head++;
    // compact now and then instead of an O(n) shift per item
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#sizes.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }
}
