import type { Db } from '../db/open.js';

const DAY = 24 * 3600_000;
const SLICE = 20_000; // rows per statement: a large backlog is deleted in slices, ingest goes on between

export interface Retention {
  /** Deletes one slice of telemetry and device events older than `days`; true while more is left. */
  pruneSlice(days: number, now?: number): boolean;
}

/** Deletes old data by device time, series by series, so each delete is an index range. */
export function createRetention(db: Db): Retention {
  const sqlite = db.$client;
  const seriesIds = sqlite.prepare('SELECT id FROM series').pluck();
  const points = sqlite.prepare(`DELETE FROM points WHERE id IN (SELECT id FROM points WHERE series_id = ? AND ts < ? LIMIT ${SLICE})`);
  const rollups = sqlite.prepare('DELETE FROM point_rollups WHERE series_id = ? AND minute < ?');
  const events = sqlite.prepare(`DELETE FROM events WHERE id IN (SELECT id FROM events WHERE ts < ? LIMIT ${SLICE})`);

  return {
    pruneSlice(days, now = Date.now()) {
      if (days <= 0) return false;
      const cutoff = now - days * DAY;
      let deleted = 0;
      return sqlite.transaction(() => {
        for (const id of seriesIds.all() as number[]) {
          deleted += points.run(id, cutoff).changes;
          rollups.run(id, cutoff);
          if (deleted >= SLICE) return true;
        }
        return events.run(cutoff).changes >= SLICE;
      })();
    },
  };
}
