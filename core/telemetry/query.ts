import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { series } from '../db/schema.js';
import type { Bucket, PointsResponse, RawPointsResponse, Series, Value } from '../contract/api.js';
import { bucketWidth } from './downsample.js';
import { MINUTE } from './rollup.js';
import { exportSeries, type ExportCursor } from './export.js';
import { createSegmentQuery } from './segments.js';
import { createRawPointsQuery, type RawPage } from './raw-points.js';

const MAX_STRING_VALUES = 500;

export interface TelemetryQuery {
  series(deviceId: number): Series[];
  /** All points of a series in [from, to), page by page; undefined for an unknown key. */
  export(deviceId: number, key: string, from: number, to: number): ExportCursor | undefined;
  /** Sets the unit of a series; undefined for an unknown key. */
  setUnit(deviceId: number, key: string, unit: string | null): Series | undefined;
  /** Points of one series in [from, to), at most maxPoints buckets; undefined for an unknown key. */
  points(deviceId: number, key: string, from: number, to: number, maxPoints: number): PointsResponse | undefined;
  /** Raw points of one series, newest first, one page; undefined for an unknown key. */
  raw(deviceId: number, key: string, page: RawPage): RawPointsResponse | undefined;
}

type Agg = { b: number; min: number; max: number; sum: number; count: number };

/** horizon: device time before which per-minute rollups are complete (see rollup.ts). */
export function createTelemetryQuery(db: Db, horizon: () => number = () => -Infinity): TelemetryQuery {
  const sqlite = db.$client;
  const findSeries = sqlite.prepare('SELECT id, type FROM series WHERE device_id = ? AND key = ?');
  // counts only up to the limit: whether to downsample must not cost a scan of the whole range
  const countUpTo = sqlite.prepare(
    'SELECT count(*) FROM (SELECT 1 FROM points WHERE series_id = ? AND ts >= ? AND ts < ? LIMIT ?)').pluck();
  const rawNumeric = sqlite.prepare(
    'SELECT ts, num FROM points WHERE series_id = ? AND ts >= ? AND ts < ? AND num IS NOT NULL ORDER BY ts');
  // long ranges: whole minutes from the rollups before the horizon
  const fromRollups = sqlite.prepare(`
    SELECT CAST((minute - @from) / @width AS INTEGER) AS b, min(min) AS min, max(max) AS max, sum(sum) AS sum, sum(count) AS count
    FROM point_rollups WHERE series_id = @id AND minute >= @rollStart AND minute < @until
    GROUP BY b`);
  // one row per time bucket; the index on (series_id, ts) makes this a range scan
  const fromRaw = sqlite.prepare(`
    SELECT CAST((ts - @from) / @width AS INTEGER) AS b, min(num) AS min, max(num) AS max, sum(num) AS sum, count(*) AS count
    FROM points WHERE series_id = @id AND ts >= @since AND ts < @until AND num IS NOT NULL
    GROUP BY b`);
  const rawStrings = sqlite.prepare(`
    SELECT ts, str FROM (SELECT ts, str FROM points WHERE series_id = ? AND ts >= ? AND ts < ? AND str IS NOT NULL
    ORDER BY ts DESC LIMIT ${MAX_STRING_VALUES}) ORDER BY ts`);
  const stateSegments = createSegmentQuery(db);
  const rawPoints = createRawPointsQuery(db);

  /** Buckets of a numeric (or boolean) series: raw points when few, else min/max/avg per time bucket. */
  function numericPoints(id: number, base: { key: string; from: number; to: number }, maxPoints: number): PointsResponse {
    const { from, to } = base;
    const n = countUpTo.get(id, from, to, maxPoints + 1) as number;
    if (n <= maxPoints) {
      const buckets: Bucket[] = (rawNumeric.all(id, from, to) as Array<{ ts: number; num: number }>)
        .map((r) => ({ ts: r.ts, min: r.num, max: r.num, avg: r.num, count: 1 }));
      return { ...base, downsampled: false, buckets, values: [] };
    }
    const width = bucketWidth(from, to, maxPoints);
    // Ranges with buckets of a minute or more use whole-minute buckets, so that each rollup
    // minute falls in exactly one; partial minutes at either end and anything after the
    // horizon come from raw points.
    const useRollups = width >= MINUTE;
    const w = useRollups ? Math.ceil(width / MINUTE) * MINUTE : width;
    const start = useRollups ? Math.floor(from / MINUTE) * MINUTE : from;
    const merged = new Map<number, Agg>();
    const add = (rows: Agg[]) => {
      for (const r of rows) {
        const m = merged.get(r.b);
        if (!m) merged.set(r.b, { ...r });
        else { m.min = Math.min(m.min, r.min); m.max = Math.max(m.max, r.max); m.sum += r.sum; m.count += r.count; }
      }
    };
    const raw = (since: number, until: number) => add(fromRaw.all({ id: id, from: start, width: w, since, until }) as Agg[]);
    if (useRollups) {
      const rollStart = Math.ceil(from / MINUTE) * MINUTE;
      const rollEnd = Math.max(rollStart, Math.floor(Math.min(to, horizon()) / MINUTE) * MINUTE);
      raw(from, rollStart);
      add(fromRollups.all({ id: id, from: start, width: w, until: rollEnd, rollStart }) as Agg[]);
      raw(rollEnd, to);
    } else {
      raw(from, to);
    }
    const buckets = [...merged.values()].sort((a, b) => a.b - b.b)
      .map((r) => ({ ts: start + r.b * w + Math.floor(w / 2), min: r.min, max: r.max, avg: r.sum / r.count, count: r.count }));
    return { ...base, downsampled: true, buckets, values: [] };
  }

  return {
    series(deviceId) {
      return db.select({ key: series.key, unit: series.unit, type: series.type, lastTs: series.lastTs, lastValue: series.lastValue })
        .from(series).where(eq(series.deviceId, deviceId)).orderBy(series.key).all()
        .map((s) => ({ ...s, lastValue: (s.lastValue ?? null) as Value | null }));
    },
    export(deviceId, key, from, to) {
      const s = findSeries.get(deviceId, key) as { id: number; type: Series['type'] } | undefined;
      return s && exportSeries(db, s.id, s.type, from, to);
    },
    setUnit(deviceId, key, unit) {
      db.update(series).set({ unit }).where(and(eq(series.deviceId, deviceId), eq(series.key, key))).run();
      return this.series(deviceId).find((s) => s.key === key);
    },
    points(deviceId, key, from, to, maxPoints) {
      const s = findSeries.get(deviceId, key) as { id: number; type: Series['type'] } | undefined;
      if (!s) return undefined;
      const base = { key, from, to };
      if (s.type === 'string') {
        const values = (rawStrings.all(s.id, from, to) as Array<{ ts: number; str: string }>)
          .map((r) => ({ ts: r.ts, value: r.str }));
        return { ...base, downsampled: false, buckets: [], values, segments: stateSegments.segments(s.id, 'string', from, to, maxPoints) };
      }
      // booleans are charted as state timelines; their buckets (avg = share of true) stay for other readers
      const numeric = numericPoints(s.id, base, maxPoints);
      return s.type === 'boolean' ? { ...numeric, segments: stateSegments.segments(s.id, 'boolean', from, to, maxPoints) } : numeric;
    },
    raw(deviceId, key, page) {
      const s = findSeries.get(deviceId, key) as { id: number; type: Series['type'] } | undefined;
      return s && rawPoints(s.id, s.type, page);
    },
  };
}
