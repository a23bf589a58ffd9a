import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { devices } from '../db/schema.js';
import type { LiveBus } from '../live/bus.js';
import { toDevice, type DeviceStore } from './devices.js';

/**
 * Online/offline state of devices, with the reason and since when. Protocol adapters report
 * connections and traffic; this decides the status. lastSeen is kept in memory and written
 * at most once a second so that telemetry does not pay a row update per message.
 */
export interface Presence {
  connected(uid: string): void;
  /** A connection ended; the device goes offline when it has no other connection. */
  disconnected(uid: string, reason: string): void;
  /** Traffic from the device (message, ping). */
  seen(uid: string, at?: number): void;
  /** Marks silent devices offline; called periodically. */
  sweep(silenceTimeoutMs: number, now?: number): void;
  flush(): void;
  /** Drops what is known of a deleted device. */
  forget(uid: string): void;
  close(): void;
}

export function createPresence(db: Db, store: DeviceStore, bus: LiveBus): Presence {
  const connections = new Map<string, number>();
  const pendingSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();

  const status = new Map<string, string>();
  const statusOf = (uid: string) => {
    let s = status.get(uid);
    if (s === undefined) {
      s = db.select({ status: devices.status }).from(devices).where(eq(devices.uid, uid)).get()?.status ?? 'unknown';
      status.set(uid, s);
    }
    return s;
  };
  // one commit for the status and its event: connect storms pay one fsync per device, not three
  const setStatus = (uid: string, next: 'online' | 'offline', reason: string, at = Date.now()) => {
    status.set(uid, next);
    const row = db.transaction(() => {
      flushOne(uid);
      const updated = db.update(devices).set({ status: next, statusReason: reason, statusSince: at })
        .where(eq(devices.uid, uid)).returning().get();
      if (updated) store.addEvent(updated, next, `${next}: ${reason}`);
      return updated;
    });
    if (row) bus.publish({ type: 'device', device: toDevice(row) });
  };

  const updateLastSeen = db.$client.prepare('UPDATE devices SET last_seen = ? WHERE uid = ?');
  const flushOne = (uid: string) => {
    const at = pendingSeen.get(uid);
    if (at === undefined) return;
    pendingSeen.delete(uid);
    updateLastSeen.run(at, uid);
  };
  const flushAll = db.$client.transaction((batch: Array<[string, number]>) => {
    for (const [uid, at] of batch) updateLastSeen.run(at, uid);
  });
  const flush = () => {
    if (pendingSeen.size === 0) return;
    const batch = [...pendingSeen];
    pendingSeen.clear();
    flushAll(batch);
  };
  const timer = setInterval(flush, 1000);
  timer.unref();

  // A previous run may have ended without seeing its devices go: they are not connected now.
  for (const row of db.update(devices).set({ status: 'offline', statusReason: 'Outpost restarted', offlineCause: 'outpost-restarted', statusSince: Date.now() })
    .where(eq(devices.status, 'online')).returning().all()) {
    store.addEvent(row, 'offline', 'offline: Outpost restarted');
  }

  return {
    connected(uid) {
      connections.set(uid, (connections.get(uid) ?? 0) + 1);
      const now = Date.now();
      lastSeen.set(uid, now);
      pendingSeen.set(uid, now);
      if (statusOf(uid) !== 'online') setStatus(uid, 'online', 'connected', now);
    },
    disconnected(uid, reason) {
      const left = (connections.get(uid) ?? 1) - 1;
      if (left > 0) {
        connections.set(uid, left);
        return;
      }
      connections.delete(uid);
      lastSeen.delete(uid);
      setStatus(uid, 'offline', reason);
    },
    seen(uid, at = Date.now()) {
      lastSeen.set(uid, at);
      pendingSeen.set(uid, at);
      // traffic from a device we had given up on (silent, or anonymous without a connection)
      if (statusOf(uid) !== 'online') setStatus(uid, 'online', 'data received', at);
    },
    sweep(silenceTimeoutMs, now = Date.now()) {
      for (const [uid, at] of lastSeen) {
        if (now - at < silenceTimeoutMs) continue;
        lastSeen.delete(uid);
        if (statusOf(uid) === 'online') setStatus(uid, 'offline', `silent for ${Math.round((now - at) / 1000)} s`, now);
      }
    },
    flush,
    forget(uid) {
      for (const m of [connections, pendingSeen, lastSeen, status]) m.delete(uid);
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
