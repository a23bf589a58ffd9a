import type { Db } from '../db/open.js';

export const MINUTE = 60_000;
// points per run (~40 ms): a backlog is worked off in slices between which ingest goes on
export const ROLLUP_CHUNK = 100_000;

export interface RollupJob {
  /** Rolls up points stored since the last run; returns how many it read. */
  run(now?: number): number;
  /** Device time before which per-minute rollups hold every point (except late arrivals). */
  horizon(): number;
}

/**
 * Keeps per-minute min/max/sum/count of numeric points, following point ids (never reused) so
 * that late data and any arrival order are counted exactly once. Off the ingest path on purpose.
 */
export function createRollupJob(db: Db): RollupJob {
  const sqlite = db.$client;
  sqlite.prepare('INSERT OR IGNORE INTO rollup_progress (id, last_point_id, caught_up_at) VALUES (1, 0, 0)').run();
  const progress = sqlite.prepare('SELECT last_point_id AS lastPointId, caught_up_at AS caughtUpAt FROM rollup_progress WHERE id = 1');
  const newest = sqlite.prepare('SELECT max(id) FROM points').pluck();
  const rollUp = sqlite.prepare(`
    INSERT INTO point_rollups (series_id, minute, min, max, sum, count)
    SELECT series_id, CAST(ts / ${MINUTE} AS INTEGER) * ${MINUTE}, min(num), max(num), sum(num), count(*)
    FROM points WHERE id > @after AND id <= @upTo AND num IS NOT NULL
    GROUP BY 1, 2
    ON CONFLICT (series_id, minute) DO UPDATE SET
      min = min(point_rollups.min, excluded.min), max = max(point_rollups.max, excluded.max),
      sum = point_rollups.sum + excluded.sum, count = point_rollups.count + excluded.count`);
  const save = sqlite.prepare('UPDATE rollup_progress SET last_point_id = ?, caught_up_at = ? WHERE id = 1');
  let caughtUpAt = (progress.get() as { caughtUpAt: number }).caughtUpAt;

  const run = sqlite.transaction((now: number) => {
    const { lastPointId } = progress.get() as { lastPointId: number; caughtUpAt: number };
    const top = (newest.get() as number | null) ?? 0;
    if (top <= lastPointId) {
      caughtUpAt = now;
      save.run(lastPointId, now);
      return 0;
    }
    const upTo = Math.min(top, lastPointId + ROLLUP_CHUNK);
    rollUp.run({ after: lastPointId, upTo });
    if (upTo === top) caughtUpAt = now;
    save.run(upTo, caughtUpAt);
    return upTo - lastPointId;
  });

  return {
    run: (now = Date.now()) => run(now),
    // one minute of slack for device clocks a little behind ours
    horizon: () => Math.floor(caughtUpAt / MINUTE) * MINUTE - MINUTE,
  };
}
