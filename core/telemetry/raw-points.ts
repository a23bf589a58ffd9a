// Raw points of one series, newest first, one page at a time (keyset on ts, id: stable while
// new points arrive, and cheap on any page thanks to the (series_id, ts) index).
import type { Db } from '../db/open.js';
import type { RawPointsResponse, Series } from '../contract/api.js';
import { storedValue, type StoredPoint } from './stored-value.js';

export interface RawPage { before?: number | undefined; beforeId?: number | undefined; limit: number }

export function createRawPointsQuery(db: Db) {
  const sqlite = db.$client;
  const newest = sqlite.prepare('SELECT id, ts, num, str FROM points WHERE series_id = ? ORDER BY ts DESC, id DESC LIMIT ?');
  const older = sqlite.prepare(`
    SELECT id, ts, num, str FROM points
    WHERE series_id = @id AND (ts < @before OR (ts = @before AND id < @beforeId))
    ORDER BY ts DESC, id DESC LIMIT @limit`);
  return (seriesId: number, kind: Series['type'], page: RawPage): RawPointsResponse => {
    // one more than asked for tells whether another page follows
    const rows = (page.before === undefined
      ? newest.all(seriesId, page.limit + 1)
      : older.all({ id: seriesId, before: page.before, beforeId: page.beforeId ?? 0, limit: page.limit + 1 })
    ) as Array<{ id: number; ts: number } & StoredPoint>;
    const more = rows.length > page.limit;
    const shown = rows.slice(0, page.limit);
    const last = shown.at(-1);
    return {
      points: shown.map((r) => ({ id: r.id, ts: r.ts, value: storedValue(kind, r) })),
      next: more && last ? { before: last.ts, beforeId: last.id } : null,
    };
  };
}
