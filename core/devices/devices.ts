import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { devices, deviceCredentials, events } from '../db/schema.js';
import type { Device, DeviceEvent } from '../contract/api.js';
import { hashToken, newSecret } from '../auth/passwords.js';
import { DomainError } from '../errors.js';
import type { LiveBus } from '../live/bus.js';

export type DeviceRow = typeof devices.$inferSelect;
export const toDevice = ({ id: _, ...d }: DeviceRow): Device => d;

export interface DeviceStore {
  list(q?: string): Device[];
  get(uid: string): DeviceRow | undefined;
  create(input: { uid: string; name: string; tags: string[] }): { device: Device; token: string };
  update(uid: string, patch: { name?: string; tags?: string[] }): Device;
  remove(uid: string): void;
  rotateToken(uid: string): string;
  /** The device whose active token this is, or why not. */
  authenticate(uid: string, token: string): { device: DeviceRow } | { failure: string };
  addEvent(device: DeviceRow, kind: string, message: string, data?: unknown): void;
  events(uid: string, limit: number): DeviceEvent[];
}

export function createDeviceStore(db: Db, bus: LiveBus): DeviceStore {
  const byUid = (uid: string) => db.select().from(devices).where(eq(devices.uid, uid)).get();
  const mustGet = (uid: string) => {
    const d = byUid(uid);
    if (!d) throw new DomainError('not_found', `no device ${uid}`);
    return d;
  };
  const issueToken = (deviceId: number): string => {
    const token = newSecret(24);
    const now = Date.now();
    db.update(deviceCredentials).set({ revokedAt: now })
      .where(and(eq(deviceCredentials.deviceId, deviceId), isNull(deviceCredentials.revokedAt))).run();
    db.insert(deviceCredentials).values({ deviceId, kind: 'token', secretHash: hashToken(token), createdAt: now }).run();
    return token;
  };

  return {
    list(q) {
      const term = q?.trim().toLowerCase();
      const rows = db.select().from(devices).orderBy(devices.uid).all();
      const hit = (d: DeviceRow) => !term || d.uid.toLowerCase().includes(term) ||
        d.name.toLowerCase().includes(term) || d.tags.some((t) => t.toLowerCase().includes(term));
      return rows.filter(hit).map(toDevice);
    },
    get: byUid,
    create({ uid, name, tags }) {
      return db.transaction(() => {
        if (byUid(uid)) throw new DomainError('conflict', `device ${uid} already exists`);
        const row = db.insert(devices).values({ uid, name, tags, createdAt: Date.now() }).returning().get();
        const token = issueToken(row.id);
        bus.publish({ type: 'device', device: toDevice(row) });
        return { device: toDevice(row), token };
      });
    },
    update(uid, patch) {
      const d = mustGet(uid);
      const row = db.update(devices).set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
      }).where(eq(devices.id, d.id)).returning().get()!;
      bus.publish({ type: 'device', device: toDevice(row) });
      return toDevice(row);
    },
    remove(uid) {
      const d = mustGet(uid);
      db.delete(devices).where(eq(devices.id, d.id)).run();
    },
    rotateToken(uid) {
      const d = mustGet(uid);
      return db.transaction(() => issueToken(d.id));
    },
    authenticate(uid, token) {
      const device = byUid(uid);
      if (!device) return { failure: 'unknown device' };
      const cred = db.select({ id: deviceCredentials.id }).from(deviceCredentials).where(and(
        eq(deviceCredentials.deviceId, device.id),
        eq(deviceCredentials.secretHash, hashToken(token)),
        isNull(deviceCredentials.revokedAt),
      )).get();
      return cred ? { device } : { failure: 'wrong token' };
    },
    addEvent(device, kind, message, data) {
      const row = db.insert(events).values({ deviceId: device.id, ts: Date.now(), kind, message, data: data ?? null }).returning().get();
      bus.publish({ type: 'event', uid: device.uid, event: { id: row.id, ts: row.ts, kind, message } });
    },
    events(uid, limit) {
      const d = mustGet(uid);
      return db.select({ id: events.id, ts: events.ts, kind: events.kind, message: events.message })
        .from(events).where(eq(events.deviceId, d.id)).orderBy(desc(events.id)).limit(limit).all();
    },
  };
}
