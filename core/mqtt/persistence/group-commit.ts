import type Database from 'better-sqlite3';

interface Job {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
}

const MAX_JOBS_PER_COMMIT = 5000;

/**
 * Runs broker-state writes in one transaction per event-loop turn, as the telemetry writer does:
 * a durable commit (an fsync with synchronous=FULL) is shared by all the messages that arrived
 * together, and each promise resolves only once its write is committed.
 *
 * Jobs run in the order they were queued, each in a savepoint, so one failing (no such packet)
 * leaves the others alone. Reads of the database call flush() first, so they see every write
 * that was asked for before them.
 */
export class GroupCommit {
  readonly #sqlite: Database.Database;
  #queue: Job[] = [];
  #scheduled = false;
  #closed = false;
  readonly #inSavepoint: (op: () => unknown) => unknown;
  readonly #commit: (jobs: Job[]) => Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
    // a transaction function called inside another one is a savepoint
    this.#inSavepoint = sqlite.transaction((op: () => unknown) => op());
    this.#commit = sqlite.transaction((jobs: Job[]) => jobs.map((job) => {
      try {
        return { ok: true as const, value: this.#inSavepoint(job.op) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }));
  }

  run<T>(op: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('broker state is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ op, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Commits what is queued, now. */
  flush(): void {
    while (this.#queue.length > 0) {
      const jobs = this.#queue.splice(0, MAX_JOBS_PER_COMMIT);
      let results;
      try {
        if (!this.#sqlite.open) throw new Error('the database is closed');
        results = this.#commit(jobs);
      } catch (e) {
        // the commit itself failed (disk full, I/O error): nothing of this batch is stored
        for (const job of jobs) job.reject(e);
        continue;
      }
      results.forEach((r, i) => (r.ok ? jobs[i]!.resolve(r.value) : jobs[i]!.reject(r.error)));
    }
  }

  /** Commits what is queued and refuses further writes. */
  close(): void {
    this.flush();
    this.#closed = true;
  }
}
