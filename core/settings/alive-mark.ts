// When this Outpost last ran, so that the next start can tell how long it was stopped
// ("Outpost was stopped from 21:03 to 21:10"). A crash leaves the last heartbeat, at most
// one interval old; a clean stop writes the moment its last connection closed.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { settings } from '../db/schema.js';

/** A row of the settings table that Settings (a zod object) ignores. */
const KEY = 'outpost.aliveAt';
export const ALIVE_MARK_MS = 10_000;

export interface AliveMark {
  /** when the previous run was last known alive; null on a first start */
  previous: number | null;
  /** the run ends cleanly: its last moment */
  stop(): void;
}

export function startAliveMark(db: Db, everyMs = ALIVE_MARK_MS): AliveMark {
  const stored = db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).get()?.value;
  const previous = typeof stored === 'number' ? stored : null;
  const mark = () => {
    db.insert(settings).values({ key: KEY, value: Date.now() })
      .onConflictDoUpdate({ target: settings.key, set: { value: Date.now() } }).run();
  };
  mark();
  const timer = setInterval(mark, everyMs);
  timer.unref();
  return {
    previous,
    stop() {
      clearInterval(timer);
      mark();
    },
  };
}
