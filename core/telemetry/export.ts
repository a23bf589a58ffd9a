import type { Db } from '../db/open.js';
import type { Value } from '../contract/api.js';
import { storedValue, type StoredPoint } from './stored-value.js';

const PAGE = 10_000;

export interface ExportCursor {
  /** The next page of points in time order; empty when done. Never holds the database between calls. */
  next(): Array<{ ts: number; value: Value }>;
}

/** Points of one series in [from, to), page by page (keyset pagination on ts, id). */
export function exportSeries(db: Db, seriesId: number, type: 'number' | 'string' | 'boolean', from: number, to: number): ExportCursor {
  const page = db.$client.prepare(`
    SELECT id, ts, num, str FROM points
    WHERE series_id = @seriesId AND ts < @to AND (ts > @ts OR (ts = @ts AND id > @id))
    ORDER BY ts, id LIMIT ${PAGE}`);
  let after = { ts: from - 1, id: Number.MAX_SAFE_INTEGER };
  let done = false;
  return {
    next() {
      if (done) return [];
      const rows = page.all({ seriesId, to, ...after }) as Array<{ id: number; ts: number } & StoredPoint>;
      if (rows.length < PAGE) done = true;
      const last = rows.at(-1);
      if (last) after = { ts: last.ts, id: last.id };
      return rows.map((r) => ({ ts: r.ts, value: storedValue(type, r) }));
    },
  };
}
