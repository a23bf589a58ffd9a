import type { Db } from './open.js';

export interface GroupCommit {
  /**
   * Runs `work` inside a transaction shared with the other work queued in this turn of the event
   * loop; resolves with its result once committed (so what follows — an ack, a publish — comes after
   * the data is durable). Work runs in the order it was queued and sees the writes of earlier work.
   */
  run<T>(work: () => T): Promise<T>;
  /** Commits what is queued now (on close). */
  flush(): void;
}

interface Pending { work: () => unknown; resolve: (v: unknown) => void; reject: (e: Error) => void }

const MAX_WORK_PER_COMMIT = 2000;

/** One durable commit for many small writes: with synchronous=FULL a commit costs an fsync. */
export function createGroupCommit(db: Db): GroupCommit {
  const sqlite = db.$client;
  const queue: Pending[] = [];
  let scheduled = false;

  const runAll = sqlite.transaction((items: Pending[]) => items.map((p) => p.work()));
  const runOne = sqlite.transaction((p: Pending) => p.work());

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const items = queue.splice(0, MAX_WORK_PER_COMMIT);
      let results: unknown[];
      try {
        results = runAll(items);
      } catch {
        // one failing piece of work (e.g. its device was deleted meanwhile) must not fail the others
        for (const p of items) {
          try {
            p.resolve(runOne(p));
          } catch (e) {
            p.reject(e as Error);
          }
        }
        continue;
      }
      items.forEach((p, i) => p.resolve(results[i]));
    }
  };

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
