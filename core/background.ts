import type { Logger } from './log.js';

/**
 * Runs a job in slices off the request path: again soon while it reports more to do (so ingest
 * goes on between slices), otherwise after idleMs. A failing slice is logged and retried later.
 */
export function repeatInSlices(name: string, slice: () => boolean, idleMs: number, log: Logger, firstDelayMs = 0): { stop(): void } {
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    let more = false;
    try {
      more = slice();
    } catch (e) {
      log.error(`${name}: ${(e as Error).message}`);
    }
    schedule(more ? 20 : idleMs);
  };
  schedule(firstDelayMs);
  return { stop: () => clearTimeout(timer) };
}
