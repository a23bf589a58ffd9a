import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { series } from '../db/schema.js';
import type { Bucket, PointsResponse, Series, Value } from '../contract/api.js';
import { bucketWidth } from './downsample.js';

const MAX_STRING_VALUES = 500;

export interface TelemetryQuery {
  series(deviceId: number): Series[];
  /** Sets the unit of a series; undefined for an unknown key. */
  setUnit(deviceId: number, key: string, unit: string | null): Series | undefined;
  /** Points of one series in [from, to), at most maxPoints buckets; undefined for an unknown key. */
  points(deviceId: number, key: string, from: number, to: number, maxPoints: number): PointsResponse | undefined;
}

export function createTelemetryQuery(db: Db): TelemetryQuery {
  const sqlite = db.$client;
  const findSeries = sqlite.prepare('SELECT id, type FROM series WHERE device_id = ? AND key = ?');
  // counts only up to the limit: whether to downsample must not cost a scan of the whole range
  const countUpTo = sqlite.prepare(
    'SELECT count(*) FROM (SELECT 1 FROM points WHERE series_id = ? AND ts >= ? AND ts < ? LIMIT ?)').pluck();
  const rawNumeric = sqlite.prepare(
    'SELECT ts, num FROM points WHERE series_id = ? AND ts >= ? AND ts < ? AND num IS NOT NULL ORDER BY ts');
  // One row per time bucket; the index on (series_id, ts) makes this a range scan.
  const bucketed = sqlite.prepare(`
    SELECT CAST((ts - @from) / @width AS INTEGER) AS b, min(num) AS min, max(num) AS max, avg(num) AS avg, count(*) AS count
    FROM points WHERE series_id = @id AND ts >= @from AND ts < @to AND num IS NOT NULL
    GROUP BY b ORDER BY b`);
  const rawStrings = sqlite.prepare(`
    SELECT ts, str FROM (SELECT ts, str FROM points WHERE series_id = ? AND ts >= ? AND ts < ? AND str IS NOT NULL
    ORDER BY ts DESC LIMIT ${MAX_STRING_VALUES}) ORDER BY ts`);

  return {
    series(deviceId) {
      return db.select({ key: series.key, unit: series.unit, type: series.type, lastTs: series.lastTs, lastValue: series.lastValue })
        .from(series).where(eq(series.deviceId, deviceId)).orderBy(series.key).all()
        .map((s) => ({ ...s, lastValue: (s.lastValue ?? null) as Value | null }));
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
        return { ...base, downsampled: false, buckets: [], values };
      }
      const n = countUpTo.get(s.id, from, to, maxPoints + 1) as number;
      if (n <= maxPoints) {
        const buckets: Bucket[] = (rawNumeric.all(s.id, from, to) as Array<{ ts: number; num: number }>)
          .map((r) => ({ ts: r.ts, min: r.num, max: r.num, avg: r.num, count: 1 }));
        return { ...base, downsampled: false, buckets, values: [] };
      }
      const width = bucketWidth(from, to, maxPoints);
      const rows = bucketed.all({ id: s.id, from, to, width }) as Array<{ b: number; min: number; max: number; avg: number; count: number }>;
      const buckets = rows.map((r) => ({ ts: from + r.b * width + Math.floor(width / 2), min: r.min, max: r.max, avg: r.avg, count: r.count }));
      return { ...base, downsampled: true, buckets, values: [] };
    },
  };
}
