import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { devices, deviceCredentials, events } from '../db/schema.js';
import type { BulkDevicesRequest, Device, DeviceDialect, DeviceEvent } from '../contract/api.js';
import { hashToken, newSecret } from '../auth/passwords.js';
import { DomainError } from '../errors.js';
import type { LiveBus } from '../live/bus.js';
import { createMinuteCoalescer } from '../minute-coalescer.js';
import { queryEvents, type EventsFilter } from './events-query.js';
import { applyBulk, type BulkOutcome } from './bulk.js';
import { toDevice, type DeviceRow } from './device-row.js';

// presence and the protocol adapters take these from here, with the store
export { toDevice, type DeviceRow };

export interface EventOptions {
  data?: unknown;
  /** Fold repeats of the same event from this source (e.g. a client address) within a minute into one row. */
  coalesceBy?: string;
}

/** What protocol adapters look up for every message: the parts of a device that only its store changes. */
export type DeviceRef = Pick<DeviceRow, 'id' | 'uid' | 'dialect' | 'pending'>;

export interface DeviceStore {
  list(q?: string): Device[];
  get(uid: string): DeviceRow | undefined;
  /** The device's id, dialect and approval, from memory after the first look (no query per message). */
  ref(uid: string): DeviceRef | undefined;
  /** `pending`: created by the device itself, waiting for an operator's approval. */
  create(input: { uid: string; name: string; tags: string[]; dialect?: DeviceDialect; pending?: boolean }): { device: Device; token: string };
  /** Approves a pending device; a conflict when it is not pending. */
  approve(uid: string): Device;
  /** How many devices wait for approval (new ones are refused past a bound). */
  pendingCount(): number;
  update(uid: string, patch: { name?: string; tags?: string[]; expectedIntervalSec?: number | null; dialect?: DeviceDialect }): Device;
  /** The last payload the device published on its status topic, as text (null: cleared). */
  recordStatusPayload(device: DeviceRow, text: string | null, at?: number): void;
  remove(uid: string): void;
  rotateToken(uid: string): string;
  /** The device whose active token this is, or why not. */
  authenticate(uid: string, token: string): { device: DeviceRow } | { failure: string };
  addEvent(device: Pick<DeviceRow, 'id' | 'uid'>, kind: string, message: string, options?: EventOptions): void;
  /** Newest first; `filter` pages (before an id) and picks groups of kinds. */
  events(uid: string, limit: number, filter?: EventsFilter): DeviceEvent[];
  /** Tags, untags or deletes many devices in one transaction (bulk.ts). */
  bulk(request: BulkDevicesRequest): BulkOutcome;
}

const MAX_REFS = 100_000;

type EventRow = typeof events.$inferSelect;
const toEvent = (e: EventRow): DeviceEvent => ({ id: e.id, ts: e.ts, kind: e.kind, message: e.message, count: e.count, lastTs: e.lastTs });

export function createDeviceStore(db: Db, bus: LiveBus): DeviceStore {
  const repeats = createMinuteCoalescer();
  // prepared once: looked up for every message and every operation step
  const byUidQuery = db.select().from(devices).where(eq(devices.uid, sql.placeholder('uid'))).prepare();
  const byUid = (uid: string) => byUidQuery.get({ uid });
  // an event per connect, registration and refusal: plain statements, not a query built each time
  const insertEvent = db.$client.prepare('INSERT INTO events (device_id, ts, kind, message, data, source) VALUES (?, ?, ?, ?, ?, ?) RETURNING id').pluck();
  const bumpEvent = db.$client.prepare('UPDATE events SET count = count + 1, last_ts = ? WHERE id = ? RETURNING id, ts, kind, message, count, last_ts AS lastTs');
  // refs of devices looked up, dropped whenever this store changes a device (status and traffic are not in a ref)
  const refs = new Map<string, DeviceRef>();
  const refQuery = db.$client.prepare('SELECT id, uid, dialect, pending FROM devices WHERE uid = ?');
  type RefRow = { id: number; uid: string; dialect: DeviceRef['dialect']; pending: number };
  const toRef = (r: RefRow): DeviceRef => ({ id: r.id, uid: r.uid, dialect: r.dialect, pending: r.pending === 1 });
  // Many misses read every device's ref in one statement: a fleet registering after a restart (or
  // after being provisioned) missed once per device, 11 µs each with 10,000 devices (in WAL mode a
  // statement outside a transaction spends ~5 µs beginning its read). Read again only after a
  // sixteenth of the refs held have missed since: a stream of unknown names costs little more.
  const allRefs = db.$client.prepare(`SELECT id, uid, dialect, pending FROM devices LIMIT ${MAX_REFS}`);
  let misses = 0;
  const ref = (uid: string): DeviceRef | undefined => {
    const known = refs.get(uid);
    if (known) return known;
    if (!db.$client.inTransaction && ++misses >= Math.max(64, refs.size >> 4)) {
      misses = 0;
      refs.clear();
      for (const row of allRefs.iterate() as IterableIterator<RefRow>) refs.set(row.uid, toRef(row));
      const loaded = refs.get(uid);
      if (loaded) return loaded;
    }
    const r = refQuery.get(uid) as RefRow | undefined;
    if (!r) return undefined;
    const found = toRef(r);
    // what an open transaction wrote may yet be rolled back: remembered only once committed
    if (!db.$client.inTransaction) {
      if (refs.size >= MAX_REFS) refs.clear();
      refs.set(uid, found);
    }
    return found;
  };
  const sameUidIgnoringCase = (uid: string) => db.select().from(devices).where(sql`${devices.uid} = ${uid} COLLATE NOCASE`).get();
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
    ref,
    create({ uid, name, tags, dialect = 'native', pending = false }) {
      return db.transaction(() => {
        const taken = sameUidIgnoringCase(uid);
        if (taken) {
          throw new DomainError('conflict', taken.uid === uid ? `device ${uid} already exists`
            : `device ${taken.uid} already exists (uids are unique without regard to case)`);
        }
        const row = db.insert(devices).values({ uid, name, tags, dialect, pending, createdAt: Date.now() }).returning().get();
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
        ...(patch.expectedIntervalSec !== undefined ? { expectedIntervalSec: patch.expectedIntervalSec } : {}),
        ...(patch.dialect !== undefined ? { dialect: patch.dialect } : {}),
      }).where(eq(devices.id, d.id)).returning().get()!;
      refs.delete(uid);
      bus.publish({ type: 'device', device: toDevice(row) });
      return toDevice(row);
    },
    approve(uid) {
      const d = mustGet(uid);
      if (!d.pending) throw new DomainError('conflict', `device ${uid} is not waiting for approval`);
      const row = db.update(devices).set({ pending: false }).where(eq(devices.id, d.id)).returning().get()!;
      refs.delete(uid);
      bus.publish({ type: 'device', device: toDevice(row) });
      return toDevice(row);
    },
    pendingCount: () => db.select({ n: sql<number>`count(*)` }).from(devices).where(eq(devices.pending, true)).get()?.n ?? 0,
    recordStatusPayload(device, text, at = Date.now()) {
      const row = db.update(devices).set({ statusPayload: text, statusPayloadTs: at })
        .where(eq(devices.id, device.id)).returning().get();
      if (row) bus.publish({ type: 'device', device: toDevice(row) });
    },
    remove(uid) {
      const d = mustGet(uid);
      db.delete(devices).where(eq(devices.id, d.id)).run();
      refs.delete(uid);
    },
    rotateToken(uid) {
      const d = mustGet(uid);
      return db.transaction(() => issueToken(d.id));
    },
    authenticate(uid, token) {
      const device = byUid(uid);
      if (!device) return { failure: 'unknown device' };
      // its token exists only because every device gets one; it speaks CoAP, not MQTT
      if (device.dialect === 'lwm2m') return { failure: 'an LwM2M device has no MQTT access' };
      const cred = db.select({ id: deviceCredentials.id }).from(deviceCredentials).where(and(
        eq(deviceCredentials.deviceId, device.id),
        eq(deviceCredentials.secretHash, hashToken(token)),
        isNull(deviceCredentials.revokedAt),
      )).get();
      return cred ? { device } : { failure: 'wrong token' };
    },
    addEvent(device, kind, message, options = {}) {
      const now = Date.now();
      const source = options.coalesceBy;
      const stored = repeats.fold(
        source === undefined ? undefined : JSON.stringify([device.id, kind, source, message]), now,
        (id) => bumpEvent.get(now, id) as DeviceEvent | undefined,
        (): DeviceEvent => {
          const data = options.data === undefined || options.data === null ? null : JSON.stringify(options.data);
          const id = insertEvent.get(device.id, now, kind, message, data, source ?? null) as number;
          return { id, ts: now, kind, message, count: 1, lastTs: null };
        },
      );
      bus.publish({ type: 'event', uid: device.uid, event: stored });
    },
    events(uid, limit, filter) {
      return queryEvents(db, mustGet(uid).id, limit, filter).map(toEvent);
    },
    bulk(request) {
      try {
        return applyBulk(db, bus, request);
      } finally {
        refs.clear(); // it may have deleted devices
      }
    },
  };
}
