// What an LwM2M device tells Outpost (notifications, Send, answers to Read and Write) → telemetry
// series keyed by path (with the model's unit), the last known value of each path, device-log
// events, and the live message 'lwm2m-objects'. Each call resolves once it is committed, so the
// device's ACK / 2.04 goes out after its data is durable.
import { formatPath, parsePath, senmlTimeMs, type Lwm2mRecord, type Lwm2mType } from '../codecs/lwm2m/index.js';
import { inferType } from '../codecs/lwm2m/values.js';
import type { Lwm2mObservationView } from '../contract/lwm2m-objects.js';
import type { DeviceStore } from '../devices/devices.js';
import type { LiveBus } from '../live/bus.js';
import type { TelemetryBatch, TelemetryWriter } from '../telemetry/writer.js';
import { eventsFromRecords, plainValue, pointsByTime, pointsFromRecords, type DmDevice, type ReadValue } from './dm/index.js';
import { resourceModel } from './dm/device-types.js';
import type { KnownValue, Lwm2mDmStore } from './dm-store.js';
import type { ModelRegistry } from './models/registry.js';

export interface Lwm2mReporting {
  /**
   * Values a device reported on its own (a notification, a Send): resolves once the points are
   * durable; the known values follow within a second (Lwm2mDmStore.putReportedValues).
   */
  records(uid: string, records: readonly Lwm2mRecord[], source: 'notify' | 'send', receivedAt: number, device: DmDevice): Promise<void>;
  /** Values of a successful Read, or the values a Write set (2.04). */
  known(uid: string, values: readonly KnownValue[]): void;
  /** The observations changed: the live message carries them. */
  observationsChanged(uid: string, observations: Lwm2mObservationView[]): void;
}

export interface ReportingDeps {
  devices: DeviceStore;
  telemetry: TelemetryWriter;
  store: Lwm2mDmStore;
  bus: LiveBus;
  models(): ModelRegistry;
}

/** IPSO sensors' 5701 Sensor Units ('Cel'), the unit of their 5700 value */
const SENSOR_UNITS = 5701;

/** Device-log lines per device and minute kept as separate events; the rest fold into one. */
const LOG_EVENTS_PER_MINUTE = 60;

export function createLwm2mReporting(deps: ReportingDeps): Lwm2mReporting {
  const { devices, telemetry, store, bus } = deps;
  // units set once per series and run (a user's own unit is never overwritten: unitIfNone)
  const unitsSet = new Set<string>();
  const logBudget = new Map<string, { minute: number; count: number }>();
  // IPSO sensors name their unit in 5701 Sensor Units ('/3303/0' → 'Cel'), learned from reads and
  // reports: every device's known ones read in one statement at the first report (a query per
  // device was 8% of a notification storm's main thread at N = 10,000), then kept up by learn().
  // Devices without any have no entry (NO_UNITS).
  const sensorUnits = new Map<number, Record<string, string>>();
  let unitsRead = false;
  const unitsOf = (deviceId: number): Readonly<Record<string, string>> => {
    if (!unitsRead) {
      unitsRead = true;
      // not values(): it would write what is kept in memory first (a sync on the event loop); this reads that memory too
      for (const [id, values] of store.valuesOfResource(SENSOR_UNITS)) learn(id, values);
    }
    return sensorUnits.get(deviceId) ?? NO_UNITS;
  };
  const learn = (deviceId: number, values: readonly KnownValue[]) => {
    // before the first read, that read sees them
    if (!unitsRead) return;
    for (const v of values) {
      const instance = sensorUnitsInstance(v);
      if (instance === undefined) continue;
      // one entry per device that names a unit (no more than there are devices)
      let units = sensorUnits.get(deviceId);
      if (!units) sensorUnits.set(deviceId, (units = {}));
      units[instance] = v.value as string;
    }
  };

  const publish = (uid: string, values: readonly KnownValue[], observations?: Lwm2mObservationView[]) => {
    if (!bus.listened) return;
    bus.publish({ type: 'lwm2m-objects', uid, values: [...values], ...(observations ? { observations } : {}) });
  };

  /** Logs beyond the minute's budget fold into one event per minute, so a flood cannot grow the table without bound. */
  const logEvents = (uid: string, records: readonly Lwm2mRecord[], receivedAt: number) => {
    const events = eventsFromRecords(records, receivedAt);
    if (events.length === 0) return;
    const device = devices.ref(uid);
    if (!device) return;
    const minute = Math.floor(receivedAt / 60_000);
    let budget = logBudget.get(uid);
    if (!budget || budget.minute !== minute) logBudget.set(uid, (budget = { minute, count: 0 }));
    for (const e of events) {
      if (budget.count++ < LOG_EVENTS_PER_MINUTE) devices.addEvent(device, e.kind, e.message, { data: e.data });
      else devices.addEvent(device, e.kind, `more than ${LOG_EVENTS_PER_MINUTE} log lines this minute: the rest are counted, not kept`, { coalesceBy: 'log-flood' });
    }
    if (logBudget.size > 10_000) logBudget.clear();
  };

  return {
    async records(uid, records, source, receivedAt, dmDevice) {
      const device = devices.ref(uid);
      if (!device || records.length === 0) return;
      const models = deps.models();
      const points = pointsFromRecords(records, models, receivedAt, dmDevice, { sensorUnits: unitsOf(device.id) });
      const values = records.map((r) => knownFromRecord(r, source, receivedAt, models, dmDevice));
      const units = points.filter((p) => p.unit && !unitsSet.has(`${device.id}|${p.key}`));
      // in the last batch's transaction (after its points, so that their series exist for the units)
      const also = units.length === 0 ? undefined : () => {
        for (const p of units) store.unitIfNone(device.id, p.key, p.unit!);
      };
      const write = (ts: number, values: TelemetryBatch['values'], withUnits?: () => void) =>
        withUnits ? telemetry.writeWith({ deviceId: device.id, uid, ts, values }, withUnits) : telemetry.write({ deviceId: device.id, uid, ts, values });
      if (points.length > 0 && points.every((p) => p.ts === points[0]!.ts)) {
        // one time (a notification's usual shape): one batch, no grouping
        await write(points[0]!.ts, points.map((p) => ({ key: p.key, value: p.value })), also);
      } else {
        const batches = pointsByTime(points);
        const last = batches.pop() ?? { ts: receivedAt, values: [] };
        await Promise.all([...batches.map((b) => write(b.ts, b.values)), write(last.ts, last.values, also)]);
      }
      for (const p of units) unitsSet.add(`${device.id}|${p.key}`);
      store.putReportedValues(device.id, values);
      learn(device.id, values);
      logEvents(uid, records, receivedAt);
      publish(uid, values);
    },
    known(uid, values) {
      const device = devices.ref(uid);
      if (!device || values.length === 0) return;
      store.putValues(device.id, values);
      learn(device.id, values);
      publish(uid, values);
    },
    observationsChanged(uid, observations) {
      publish(uid, [], observations);
    },
  };
}

const NO_UNITS: Readonly<Record<string, string>> = Object.freeze({});

/** '/3303/0' for a 5701 Sensor Units value naming a unit; undefined for any other value. */
function sensorUnitsInstance(v: KnownValue): string | undefined {
  const m = /^(\/\d+\/\d+)\/5701$/.exec(v.path);
  return m && typeof v.value === 'string' && v.value !== '' ? m[1] : undefined;
}

function knownFromRecord(r: Lwm2mRecord, source: KnownValue['source'], receivedAt: number, models: ModelRegistry, device: DmDevice): KnownValue {
  const m = resourceModel(models, device.objectVersions, r.path);
  const type: Lwm2mType = m && m.type !== 'none' ? m.type : inferType(r.value);
  return { path: formatPath(r.path), value: plainValue(r.value), type, at: Math.round(senmlTimeMs(r.time, receivedAt)), source };
}

/** A Read's values (interpretResponse's result) as known values. */
export function knownFromRead(values: readonly ReadValue[], receivedAt: number): KnownValue[] {
  return values.map((v) => ({ path: v.path, value: v.value, type: v.type, at: v.time ?? receivedAt, source: 'read' as const }));
}

/** What a Write set, once the device answered 2.04: each path with the value as given. */
export function knownFromWrite(kind: string, args: Record<string, unknown>, receivedAt: number, models: ModelRegistry, device: DmDevice): KnownValue[] {
  const out: KnownValue[] = [];
  const add = (path: string, value: unknown) => {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') return;
    const ids = parsePath(path);
    const m = resourceModel(models, device.objectVersions, ids);
    let type: KnownValue['type'] = m && m.type !== 'none' ? m.type : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'float') : typeof value === 'boolean' ? 'boolean' : 'string';
    let v: KnownValue['value'] = value;
    // a time given as a date is kept as seconds, as reads show it
    if (type === 'time' && typeof value === 'string' && !/^-?\d+$/.test(value.trim())) {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) type = 'string';
      else v = Math.floor(ms / 1000);
    }
    out.push({ path: formatPath(ids), value: v, type, at: receivedAt, source: 'write' });
  };
  const resource = (path: string, value: unknown) => {
    if (value !== null && typeof value === 'object') for (const [ri, v] of Object.entries(value)) add(`${path}/${ri}`, v);
    else add(path, value);
  };
  if (kind === 'lwm2m.write-composite') {
    for (const [path, value] of Object.entries((args.values ?? {}) as Record<string, unknown>)) add(path, value);
  } else if (kind === 'lwm2m.write' || kind === 'lwm2m.create') {
    const path = kind === 'lwm2m.create' ? undefined : String(args.path);
    if (path !== undefined && args.value !== undefined) resource(path, args.value);
    if (path !== undefined && args.values && typeof args.values === 'object') {
      for (const [rid, value] of Object.entries(args.values)) resource(`${path}/${rid}`, value);
    }
  }
  return out;
}
