// What device management keeps of an LwM2M device in SQLite: the last known value of each path
// (lwm2m_known_values), the observations Outpost holds (lwm2m_observations) and the objects of its
// last registration (lwm2m_last_objects, shown while it is not registered).
import type { Db } from '../db/open.js';
import { writeUnsynced } from '../db/unsynced-write.js';
import type { Lwm2mKnownValue, Lwm2mObservationView } from '../contract/lwm2m-objects.js';
import type { Lwm2mRegisteredObject } from '../contract/lwm2m-registration.js';

export type KnownValue = Lwm2mKnownValue;

export interface ObservationRow {
  id: number;
  deviceId: number;
  paths: string[];
  composite: boolean;
  createdAt: number;
  state: 'active' | 'pending';
  lastNotificationAt: number | null;
}

export interface Lwm2mDmStore {
  values(deviceId: number): KnownValue[];
  /**
   * Every device's known values of one resource id in any object and instance ('/3303/0/5701' for
   * 5701), by device id, the ones kept in memory included, without writing those first (values()
   * does: a transaction and a sync on the event loop).
   */
  valuesOfResource(resourceId: number): Map<number, KnownValue[]>;
  /** Keeps the newer of what is stored and what is given, per path. */
  putValues(deviceId: number, values: readonly KnownValue[]): void;
  /**
   * The same for what devices report on their own (notifications, Send), kept in memory until
   * `writeReported` (about once a second) or a read. At thousands of notifications a second a row
   * update each would dirty a page per device in every commit; the points themselves are committed
   * before the device is answered, so a crash loses at most the last second of the newest values.
   */
  putReportedValues(deviceId: number, values: readonly KnownValue[]): void;
  /** When an observation last notified: kept like putReportedValues. */
  notified(id: number, at: number): void;
  /** Writes what putReportedValues and notified keep (call inside a transaction, e.g. a group commit). */
  writeReported(): void;
  observations(deviceId: number): ObservationRow[];
  observation(deviceId: number, paths: readonly string[]): ObservationRow | undefined;
  /** Adds or revives the observation of these paths as active. */
  putObservation(deviceId: number, paths: readonly string[], composite: boolean, now: number): ObservationRow;
  setObservationState(id: number, state: 'active' | 'pending'): void;
  removeObservation(id: number): void;
  /** Whether the device may have observations (false: it surely has none; a Register need not look). */
  mayHaveObservations(deviceId: number): boolean;
  /** Observations active in any device (at start: from before a restart). */
  allActiveIds(): number[];
  /** Devices with pending observations. */
  devicesWithPending(): string[];
  /** Every observation of the device becomes pending (its registration ended). */
  allPending(deviceId: number): void;
  lastObjects(deviceId: number): { objects: Lwm2mRegisteredObject[]; version: string } | undefined;
  putLastObjects(deviceId: number, objects: readonly Lwm2mRegisteredObject[], version: string, now: number): void;
  /** Sets the unit of a series that has none (LwM2M models know units; a user's choice wins). */
  unitIfNone(deviceId: number, key: string, unit: string): void;
}

export const pathsKey = (paths: readonly string[]): string => paths.join(',');

export const toObservationView = (o: ObservationRow): Lwm2mObservationView =>
  ({ paths: o.paths, since: o.createdAt, state: o.state, lastNotificationAt: o.lastNotificationAt });

type RawObservation = { id: number; device_id: number; paths: string; composite: number; created_at: number; state: 'active' | 'pending'; last_notification_at: number | null };
const observationOf = (r: RawObservation): ObservationRow => ({
  id: r.id, deviceId: r.device_id, paths: JSON.parse(r.paths) as string[], composite: r.composite === 1,
  createdAt: r.created_at, state: r.state, lastNotificationAt: r.last_notification_at,
});

/** registered objects are shared by the registrations made from one payload: their JSON is written once */
const jsonOnce = new WeakMap<readonly Lwm2mRegisteredObject[], string>();
const objectsJson = (objects: readonly Lwm2mRegisteredObject[]): string => {
  let json = jsonOnce.get(objects);
  if (json === undefined) jsonOnce.set(objects, (json = JSON.stringify(objects)));
  return json;
};

export function createLwm2mDmStore(db: Db): Lwm2mDmStore {
  const sqlite = db.$client;
  const selectValues = sqlite.prepare('SELECT path, value, type, at, source FROM lwm2m_known_values WHERE device_id = ? ORDER BY path');
  const selectValuesLike = sqlite.prepare('SELECT device_id AS deviceId, path, value, type, at, source FROM lwm2m_known_values WHERE path LIKE ?');
  const upsertValue = sqlite.prepare(`INSERT INTO lwm2m_known_values (device_id, path, value, type, at, source) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (device_id, path) DO UPDATE SET value = excluded.value, type = excluded.type, at = excluded.at, source = excluded.source
    WHERE excluded.at >= lwm2m_known_values.at`);
  const selectObservations = sqlite.prepare('SELECT * FROM lwm2m_observations WHERE device_id = ? ORDER BY id');
  const selectObservation = sqlite.prepare('SELECT * FROM lwm2m_observations WHERE device_id = ? AND paths_key = ?');
  const upsertObservation = sqlite.prepare(`INSERT INTO lwm2m_observations (device_id, paths_key, paths, composite, created_at, state)
    VALUES (?, ?, ?, ?, ?, 'active')
    ON CONFLICT (device_id, paths_key) DO UPDATE SET state = 'active', created_at = excluded.created_at RETURNING *`);
  const setState = sqlite.prepare('UPDATE lwm2m_observations SET state = ? WHERE id = ?');
  const setNotified = sqlite.prepare('UPDATE lwm2m_observations SET last_notification_at = ? WHERE id = ?');
  const deleteObservation = sqlite.prepare('DELETE FROM lwm2m_observations WHERE id = ?');
  const activeIds = sqlite.prepare("SELECT id FROM lwm2m_observations WHERE state = 'active'").pluck();
  const withPending = sqlite.prepare("SELECT DISTINCT d.uid FROM lwm2m_observations o JOIN devices d ON d.id = o.device_id WHERE o.state = 'pending'").pluck();
  const pendingAll = sqlite.prepare("UPDATE lwm2m_observations SET state = 'pending' WHERE device_id = ?");
  const selectLast = sqlite.prepare('SELECT objects, version FROM lwm2m_last_objects WHERE device_id = ?');
  const upsertLast = sqlite.prepare(`INSERT INTO lwm2m_last_objects (device_id, objects, version, at) VALUES (?, ?, ?, ?)
    ON CONFLICT (device_id) DO UPDATE SET objects = excluded.objects, version = excluded.version, at = excluded.at`);
  const setUnit = sqlite.prepare('UPDATE series SET unit = ? WHERE device_id = ? AND key = ? AND unit IS NULL');
  const putMany = sqlite.transaction((deviceId: number, values: readonly KnownValue[]) => {
    for (const v of values) upsertValue.run(deviceId, v.path, JSON.stringify(v.value), v.type, v.at, v.source);
  });
  // devices with observation rows (at start, and each one added since; a removed one may stay: it is only a hint)
  const observed = new Set(sqlite.prepare('SELECT DISTINCT device_id FROM lwm2m_observations').pluck().all() as number[]);
  // reported values and notification times not written yet: the newest per device and path / observation
  let reported = new Map<number, Map<string, KnownValue>>();
  let notifiedAt = new Map<number, number>();
  const writeReported = () => {
    if (reported.size === 0 && notifiedAt.size === 0) return;
    const values = reported;
    const times = notifiedAt;
    reported = new Map();
    notifiedAt = new Map();
    for (const [deviceId, byPath] of values) {
      try {
        putMany(deviceId, [...byPath.values()]);
      } catch (e) {
        // the device was deleted meanwhile: its values went with it (and must not fail the others)
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e;
      }
    }
    for (const [id, at] of times) setNotified.run(at, id);
  };
  const writeReportedNow = sqlite.transaction(writeReported);
  /**
   * Reads see what is kept in memory too. Written without a sync of the WAL on the event loop: a
   * crash may take this bookkeeping back anyway (see above), and a read (a Register of a device with
   * observations, an observe) must not wait for the disk while others notify.
   */
  const beforeRead = () => {
    if (reported.size === 0 && notifiedAt.size === 0) return;
    if (sqlite.inTransaction) return writeReportedNow();
    writeUnsynced(sqlite, writeReportedNow);
  };

  return {
    values(deviceId) {
      beforeRead();
      return (selectValues.all(deviceId) as Array<Omit<KnownValue, 'value'> & { value: string }>)
        .map((r) => ({ ...r, value: JSON.parse(r.value) as KnownValue['value'] }));
    },
    valuesOfResource(resourceId) {
      const suffix = `/${resourceId}`;
      // a resource's path: '/object/instance/resource' (LIKE's % also matches '/3/0/15701' or more levels)
      const isOne = (path: string) => path.endsWith(suffix) && path.split('/').length === 4;
      const byDevice = new Map<number, Map<string, KnownValue>>();
      const put = (deviceId: number, v: KnownValue) => {
        let byPath = byDevice.get(deviceId);
        if (!byPath) byDevice.set(deviceId, (byPath = new Map()));
        const before = byPath.get(v.path);
        if (!before || before.at <= v.at) byPath.set(v.path, v);
      };
      type Row = Omit<KnownValue, 'value'> & { deviceId: number; value: string };
      for (const { deviceId, value, ...r } of selectValuesLike.iterate(`/%/%${suffix}`) as IterableIterator<Row>) {
        if (isOne(r.path)) put(deviceId, { ...r, value: JSON.parse(value) as KnownValue['value'] });
      }
      for (const [deviceId, values] of reported) for (const [path, v] of values) if (isOne(path)) put(deviceId, v);
      return new Map([...byDevice].map(([deviceId, byPath]) => [deviceId, [...byPath.values()]]));
    },
    putValues(deviceId, values) {
      if (values.length > 0) putMany(deviceId, values);
    },
    putReportedValues(deviceId, values) {
      let byPath = reported.get(deviceId);
      if (!byPath) reported.set(deviceId, (byPath = new Map()));
      for (const v of values) {
        const before = byPath.get(v.path);
        if (!before || before.at <= v.at) byPath.set(v.path, v);
      }
    },
    notified(id, at) {
      notifiedAt.set(id, Math.max(at, notifiedAt.get(id) ?? at));
    },
    writeReported,
    observations(deviceId) {
      beforeRead();
      return (selectObservations.all(deviceId) as RawObservation[]).map(observationOf);
    },
    observation(deviceId, paths) {
      beforeRead();
      const r = selectObservation.get(deviceId, pathsKey(paths)) as RawObservation | undefined;
      return r && observationOf(r);
    },
    mayHaveObservations: (deviceId) => observed.has(deviceId),
    putObservation(deviceId, paths, composite, now) {
      observed.add(deviceId);
      return observationOf(upsertObservation.get(deviceId, pathsKey(paths), JSON.stringify(paths), composite ? 1 : 0, now) as RawObservation);
    },
    setObservationState: (id, state) => void setState.run(state, id),
    removeObservation: (id) => void deleteObservation.run(id),
    devicesWithPending: () => withPending.all() as string[],
    allActiveIds: () => activeIds.all() as number[],
    allPending: (deviceId) => void pendingAll.run(deviceId),
    lastObjects(deviceId) {
      const r = selectLast.get(deviceId) as { objects: string; version: string } | undefined;
      return r && { objects: JSON.parse(r.objects) as Lwm2mRegisteredObject[], version: r.version };
    },
    putLastObjects: (deviceId, objects, version, now) => void upsertLast.run(deviceId, objectsJson(objects), version, now),
    unitIfNone: (deviceId, key, unit) => void setUnit.run(unit, deviceId, key),
  };
}
