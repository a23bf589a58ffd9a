// LwM2M registrations in SQLite (one per device, table lwm2m_registrations), and their API view.
// Statements are prepared once: a Register storm must not pay a query build per request.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.js';
import type { lwm2mRegistrations } from '../../db/schema.js';
import type { Lwm2mRegistrationView, Lwm2mRegisteredObject } from '../../contract/lwm2m-registration.js';

export type RegistrationRow = typeof lwm2mRegistrations.$inferSelect;
export type ObjectLinks = RegistrationRow['objectLinks'];
export type NewRegistration = Omit<RegistrationRow, 'registrationId'>;

const ID_BYTES = 9;
// drawn from a pool: a call into the random source per Register cost more than the rest of the id
let pool = Buffer.alloc(0);
let used = 0;

/** 9 random bytes: 12 URL-safe characters, not guessable by a client that wants another's registration. */
export function newRegistrationId(): string {
  if (used + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * 256);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + ID_BYTES);
  used += ID_BYTES;
  return id;
}

export interface RegistrationStore {
  byDevice(deviceId: number): RegistrationRow | undefined;
  /** every registration with its device's uid and whether it waits for approval (at start: where devices are) */
  all(): Array<RegistrationRow & { uid: string; pending: boolean }>;
  /** Replaces the device's registration (a Register); returns the new row with its new id. */
  replace(registration: NewRegistration): RegistrationRow;
  /** Writes the whole row (the caller merged its changes into the current one); false when it is gone. */
  write(row: RegistrationRow): boolean;
  remove(registrationId: string): boolean;
}

interface RawRow {
  device_id: number; registration_id: string; address: string; port: number; lifetime_sec: number;
  binding: string; queue_mode: number; version: '1.0' | '1.1'; root_path: string; content_formats: string;
  object_links: string; registered_at: number; updated_at: number; expires_at: number;
}
const COLUMNS = 'device_id, registration_id, address, port, lifetime_sec, binding, queue_mode, version, root_path, content_formats, object_links, registered_at, updated_at, expires_at';

const fromRaw = (r: RawRow): RegistrationRow => ({
  deviceId: r.device_id, registrationId: r.registration_id, address: r.address, port: r.port, lifetimeSec: r.lifetime_sec,
  binding: r.binding, queueMode: r.queue_mode !== 0, version: r.version, rootPath: r.root_path,
  contentFormats: JSON.parse(r.content_formats) as number[], objectLinks: JSON.parse(r.object_links) as ObjectLinks,
  registeredAt: r.registered_at, updatedAt: r.updated_at, expiresAt: r.expires_at,
});
/** JSON of a value shared by many rows (registrations.ts parses each distinct payload once): written once */
const jsonOnce = new WeakMap<object, string>();
const sharedJson = (value: object): string => {
  let json = jsonOnce.get(value);
  if (json === undefined) jsonOnce.set(value, (json = JSON.stringify(value)));
  return json;
};

const toParams = (r: RegistrationRow) => [
  r.deviceId, r.registrationId, r.address, r.port, r.lifetimeSec, r.binding, r.queueMode ? 1 : 0, r.version, r.rootPath,
  sharedJson(r.contentFormats), sharedJson(r.objectLinks), r.registeredAt, r.updatedAt, r.expiresAt,
];

export function createRegistrationStore(db: Db): RegistrationStore {
  const sqlite = db.$client;
  const selectByDevice = sqlite.prepare<[number], RawRow>(`SELECT ${COLUMNS} FROM lwm2m_registrations WHERE device_id = ?`);
  const selectAll = sqlite.prepare<[], RawRow & { uid: string; pending: number }>(
    `SELECT r.*, d.uid AS uid, d.pending AS pending FROM lwm2m_registrations r JOIN devices d ON d.id = r.device_id`);
  // INSERT OR REPLACE: the device's old row (primary key device_id) goes with its old id
  const upsert = sqlite.prepare(`INSERT OR REPLACE INTO lwm2m_registrations (${COLUMNS}) VALUES (${COLUMNS.split(', ').map(() => '?').join(', ')})`);
  const updateById = sqlite.prepare(`UPDATE lwm2m_registrations SET (${COLUMNS}) = (${COLUMNS.split(', ').map(() => '?').join(', ')}) WHERE registration_id = ?`);
  const deleteById = sqlite.prepare<[string]>('DELETE FROM lwm2m_registrations WHERE registration_id = ?');
  return {
    byDevice(deviceId) {
      const r = selectByDevice.get(deviceId);
      return r && fromRaw(r);
    },
    all: () => selectAll.all().map((r) => ({ ...fromRaw(r), uid: r.uid, pending: r.pending !== 0 })),
    replace(registration) {
      const row = { ...registration, registrationId: newRegistrationId() };
      upsert.run(...toParams(row));
      return row;
    },
    write: (row) => updateById.run(...toParams(row), row.registrationId).changes > 0,
    remove: (registrationId) => deleteById.run(registrationId).changes > 0,
  };
}

/** the objects of links shared by many registrations, grouped once (and then shared: nobody changes them) */
const groupedOnce = new WeakMap<ObjectLinks, Lwm2mRegisteredObject[]>();

/** Object links grouped per object: its version and its instances. */
export function registeredObjects(links: ObjectLinks): Lwm2mRegisteredObject[] {
  let objects = groupedOnce.get(links);
  if (objects === undefined) groupedOnce.set(links, (objects = groupObjects(links)));
  return objects;
}

function groupObjects(links: ObjectLinks): Lwm2mRegisteredObject[] {
  const objects = new Map<number, Lwm2mRegisteredObject>();
  for (const { path, params } of links) {
    const id = path[0]!;
    let o = objects.get(id);
    if (!o) objects.set(id, o = { id, version: null, instances: [] });
    if (typeof params.ver === 'string') o.version = params.ver;
    if (path.length > 1 && !o.instances.includes(path[1]!)) o.instances.push(path[1]!);
  }
  for (const o of objects.values()) o.instances.sort((a, b) => a - b);
  return [...objects.values()].sort((a, b) => a.id - b.id);
}

export function toView(uid: string, pending: boolean, r: RegistrationRow): Lwm2mRegistrationView {
  return {
    uid, registrationId: r.registrationId, peer: { address: r.address, port: r.port },
    version: r.version, binding: r.binding, queueMode: r.queueMode,
    objects: registeredObjects(r.objectLinks), rootPath: r.rootPath, contentFormats: r.contentFormats,
    lifetimeSec: r.lifetimeSec, registeredAt: r.registeredAt, updatedAt: r.updatedAt, expiresAt: r.expiresAt, pending,
  };
}
