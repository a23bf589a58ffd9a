// Password hashing is slow on purpose (scrypt, 128 MiB, ~0.3 s) and runs in libuv's thread pool,
// which has only 4 threads and is shared with file reads, DNS and zlib. Unbounded, a burst of logins
// occupies every pool thread and a static file waits seconds for one. So at most `concurrency`
// hashes run at a time (each also holds 128 MiB), and at most `maxWaiting` wait for their turn; past
// that, callers are refused at once rather than held (a waiting request costs a socket and memory).
import { availableParallelism } from 'node:os';
import { DomainError } from '../errors.js';
import { formatWait } from '../contract/wait.js';

export interface HashQueueOptions {
  /** hashes at a time; Infinity lifts the bound (benchmarks compare against that) */
  concurrency?: number;
  /** hashes waiting for a turn before further ones are refused */
  maxWaiting?: number;
}

export interface HashQueue {
  /** Runs `job` when a slot is free; throws DomainError('busy') at once when the queue is full. */
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

// leave a core and most of the pool for everything else; two at most (memory)
export const DEFAULT_HASH_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism() - 1));
export const DEFAULT_HASH_WAITING = 64;

export function createHashQueue(options: HashQueueOptions = {}): HashQueue {
  const concurrency = options.concurrency ?? DEFAULT_HASH_CONCURRENCY;
  const maxWaiting = options.maxWaiting ?? DEFAULT_HASH_WAITING;
  const waiting: Array<() => void> = [];
  let running = 0;
  let avgMs = 400; // a running average of one job, for Retry-After

  return {
    get running() { return running; },
    get waiting() { return waiting.length; },
    async run(job) {
      if (running < concurrency) running++;
      else if (waiting.length >= maxWaiting) {
        const sec = Math.max(1, Math.ceil(((waiting.length + running) / concurrency) * avgMs / 1000));
        throw new DomainError('busy', `Outpost is busy checking other passwords. Try again in ${formatWait(sec)}.`, sec);
      } else {
        // a finishing job hands its slot over, so `running` already counts this one
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      const started = performance.now();
      try {
        return await job();
      } finally {
        avgMs = avgMs * 0.8 + (performance.now() - started) * 0.2;
        const handOver = waiting.shift();
        if (handOver) handOver();
        else running--;
      }
    },
  };
}
