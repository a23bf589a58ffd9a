// Observations and Send (/dp) → telemetry points: one series per path ('/3303/0/5700'), values as
// the telemetry writer stores them (number, text, boolean), at the time the device measured them
// (SenML time) or else when they arrived. Opaque values are skipped: bytes do not chart, and the
// one standard place for binary logs (object 20) becomes device events (events.ts).
// The unit is the model's, else (IPSO sensors) the instance's 5701 Sensor Units ('Cel').
// The unit comes back beside each point (the series table has a unit column; the UI names paths
// from the models).
import { formatPath, senmlTimeMs, type Lwm2mRecord } from '../../codecs/lwm2m/index.js';
import type { ModelRegistry } from '../models/registry.js';
import { resourceModel } from './device-types.js';
import { plainValue } from './plain-values.js';
import type { DmDevice } from './types.js';

export interface TelemetryPoint {
  /** the series key: the full path, '/3303/0/5700' (or '/3/0/7/1' for a resource instance) */
  key: string;
  /** ms since 1970 */
  ts: number;
  value: number | string | boolean;
  /** the model's unit symbol ('Cel', '%', 'mV') */
  unit?: string;
}

/** IPSO sensors give no unit in the model for their value: the device says it in 5701 Sensor Units. */
const SENSOR_UNITS = 5701;
const MEASURED = new Set([5700, 5601, 5602, 5603, 5604]); // value, min/max measured, min/max range

export interface PointOptions {
  /** 5701 Sensor Units already known per instance ('/3303/0' → 'Cel'), e.g. from an earlier Read */
  sensorUnits?: Readonly<Record<string, string>>;
}

export function pointsFromRecords(
  records: readonly Lwm2mRecord[], models: ModelRegistry, receivedAt: number, device: Pick<DmDevice, 'objectVersions'> = {}, options: PointOptions = {},
): TelemetryPoint[] {
  // copied only when these records name units themselves (the caller's stays as it is)
  let sensorUnits = options.sensorUnits ?? {};
  for (const r of records) {
    if (r.path.length === 3 && r.path[2] === SENSOR_UNITS && typeof r.value === 'string' && r.value !== '') {
      if (sensorUnits === options.sensorUnits) sensorUnits = { ...sensorUnits };
      (sensorUnits as Record<string, string>)[formatPath(r.path.slice(0, 2))] = r.value;
    }
  }
  const points: TelemetryPoint[] = [];
  for (const r of records) {
    if (r.value instanceof Uint8Array) continue;
    const m = resourceModel(models, device.objectVersions, r.path);
    // integers beyond 2^53 chart as numbers; a few units in the last place matter less than a line
    const value = typeof r.value === 'bigint' ? Number(r.value) : plainValue(r.value);
    const unit = m?.units || (MEASURED.has(r.path[2]!) ? sensorUnits[formatPath(r.path.slice(0, 2))] : undefined);
    points.push({
      key: formatPath(r.path), ts: senmlTimeMs(r.time, receivedAt), value,
      ...(unit ? { unit } : {}),
    });
  }
  return points;
}

/** Points grouped by timestamp, oldest first, in the shape of TelemetryBatch's ts and values. */
export function pointsByTime(points: readonly TelemetryPoint[]): { ts: number; values: { key: string; value: number | string | boolean }[] }[] {
  const byTs = new Map<number, { key: string; value: number | string | boolean }[]>();
  for (const p of points) {
    let list = byTs.get(p.ts);
    if (!list) byTs.set(p.ts, (list = []));
    list.push({ key: p.key, value: p.value });
  }
  return [...byTs].sort(([a], [b]) => a - b).map(([ts, values]) => ({ ts, values }));
}
