// State timelines of string and boolean series: runs of one value, computed in SQL so that a
// series with 100k changes reaches the browser as about maxPoints runs.
import type { Db } from '../db/open.js';
import type { StateSegment, Value } from '../contract/api.js';

type Kind = 'string' | 'boolean';
interface Change { ts: number; v: number | string; rn: number }

export interface SegmentQuery {
  segments(seriesId: number, kind: Kind, from: number, to: number, maxSegments: number): StateSegment[];
}

export function createSegmentQuery(db: Db): SegmentQuery {
  const sqlite = db.$client;
  // the points where the value differs from the one before, with their row numbers (counts per run)
  const changes = sqlite.prepare(`
    SELECT ts, v, rn FROM (
      SELECT ts, v, row_number() OVER w AS rn, lag(v) OVER w AS prev
      FROM (SELECT id, ts, coalesce(str, num) AS v FROM points WHERE series_id = ? AND ts >= ? AND ts < ?)
      WINDOW w AS (ORDER BY ts, id))
    WHERE rn = 1 OR prev IS NOT v`);
  const tail = sqlite.prepare('SELECT max(ts) AS last, count(*) AS n FROM points WHERE series_id = ? AND ts >= ? AND ts < ?');
  // the state the range starts in: the last value before it
  const before = sqlite.prepare(
    'SELECT coalesce(str, num) AS v FROM points WHERE series_id = ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT 1').pluck();

  return {
    segments(seriesId, kind, from, to, maxSegments) {
      const asValue = (v: number | string): Value => (kind === 'boolean' ? v !== 0 : String(v));
      const rows = changes.all(seriesId, from, to) as Change[];
      const { last, n } = tail.get(seriesId, from, to) as { last: number | null; n: number };
      const runs: StateSegment[] = [];
      const prior = before.get(seriesId, from) as number | string | undefined;
      if (prior !== undefined && (rows.length === 0 || rows[0]!.ts > from)) {
        const first = rows[0];
        if (first && first.v === prior) first.ts = from; // the range opens in the state its first point has
        else runs.push({ from, to: first ? first.ts : (last ?? from), value: asValue(prior), count: 0 });
      }
      rows.forEach((r, i) => {
        const next = rows[i + 1];
        runs.push({ from: r.ts, to: next ? next.ts : (last ?? r.ts), value: asValue(r.v), count: (next ? next.rn : n + 1) - r.rn });
      });
      return mergeShortRuns(runs, (to - from) / maxSegments);
    },
  };
}

/** Runs shorter than minWidth are folded together; a fold of several values has value null. */
export function mergeShortRuns(runs: StateSegment[], minWidth: number): StateSegment[] {
  const out: StateSegment[] = [];
  let fold: StateSegment | null = null;
  for (const r of runs) {
    if (r.to - r.from >= minWidth) {
      if (fold) out.push(fold);
      fold = null;
      out.push(r);
    } else if (!fold) {
      fold = { ...r };
    } else {
      if (fold.value !== r.value) fold.value = null;
      fold.to = r.to;
      fold.count += r.count;
    }
  }
  if (fold) out.push(fold);
  return out;
}
