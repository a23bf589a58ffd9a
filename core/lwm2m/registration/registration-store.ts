// LwM2M registrations in SQLite (one per device, table lwm2m_registrations), and their API view.
import { randomBytes } from 'node:crypto';
import { eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { devices, lwm2mRegistrations } from '../../db/schema.js';
import type { Lwm2mRegistrationView, Lwm2mRegisteredObject } from '../../contract/lwm2m-registration.js';

export type RegistrationRow = typeof lwm2mRegistrations.$inferSelect;
export type ObjectLinks = RegistrationRow['objectLinks'];
export type NewRegistration = Omit<RegistrationRow, 'registrationId'>;

/** 9 random bytes: 12 URL-safe characters, not guessable by a client that wants another's registration. */
export const newRegistrationId = (): string => randomBytes(9).toString('base64url');

export interface RegistrationStore {
  byDevice(deviceId: number): RegistrationRow | undefined;
  /** with the device's uid and whether it waits for approval */
  byId(registrationId: string): (RegistrationRow & { uid: string; pending: boolean }) | undefined;
  /** every registration with its device's uid (at start: where devices are) */
  all(): Array<RegistrationRow & { uid: string }>;
  /** Replaces the device's registration (a Register); returns the new row with its new id. */
  replace(registration: NewRegistration): RegistrationRow;
  update(registrationId: string, patch: Partial<Omit<RegistrationRow, 'deviceId' | 'registrationId'>>): RegistrationRow | undefined;
  remove(registrationId: string): RegistrationRow | undefined;
  /** Registrations whose lifetime ended at or before `now`, with their device's uid. */
  expired(now: number): Array<RegistrationRow & { uid: string }>;
}

export function createRegistrationStore(db: Db): RegistrationStore {
  const t = lwm2mRegistrations;
  return {
    byDevice: (deviceId) => db.select().from(t).where(eq(t.deviceId, deviceId)).get(),
    byId(registrationId) {
      const found = db.select({ r: t, uid: devices.uid, pending: devices.pending }).from(t).innerJoin(devices, eq(devices.id, t.deviceId))
        .where(eq(t.registrationId, registrationId)).get();
      return found && { ...found.r, uid: found.uid, pending: found.pending };
    },
    all: () => db.select({ r: t, uid: devices.uid }).from(t).innerJoin(devices, eq(devices.id, t.deviceId)).all().map(({ r, uid }) => ({ ...r, uid })),
    replace(registration) {
      const row = { ...registration, registrationId: newRegistrationId() };
      return db.transaction((tx) => {
        tx.delete(t).where(eq(t.deviceId, registration.deviceId)).run();
        return tx.insert(t).values(row).returning().get();
      });
    },
    update: (registrationId, patch) => db.update(t).set(patch).where(eq(t.registrationId, registrationId)).returning().get(),
    remove: (registrationId) => db.delete(t).where(eq(t.registrationId, registrationId)).returning().get(),
    expired: (now) => db.select({ r: t, uid: devices.uid }).from(t).innerJoin(devices, eq(devices.id, t.deviceId))
      .where(lte(t.expiresAt, now)).all().map(({ r, uid }) => ({ ...r, uid })),
  };
}

/** Object links grouped per object: its version and its instances. */
export function registeredObjects(links: ObjectLinks): Lwm2mRegisteredObject[] {
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
