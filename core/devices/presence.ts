import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { writeUnsynced } from '../db/unsynced-write.js';
import { devices } from '../db/schema.js';
import type { LiveBus } from '../live/bus.js';
import type { OfflineCause } from '../contract/api.js';
import { toDevice, type DeviceStore } from './devices.js';

/** How a connection ended, as the protocol adapter saw it; the words for people stay in `reason`. */
export interface ConnectionEnd {
  // 'silent' also comes from adapters that ask and get no answer (the seed dialect's heartbeat)
  cause: Exclude<OfflineCause, 'outpost-restarted'>;
  /** e.g. "keepalive timeout", "connection lost (read ECONNRESET)" */
  reason: string;
  /** the broker published the device's last will */
  willSent?: boolean;
}

export interface PresenceOptions {
  /** When the previous run of Outpost was last known to run (its heartbeat or its shutdown); null when not known. */
  previousRunEndedAt?: number | null;
}

/**
 * Online/offline state of devices, with the reason and since when. Protocol adapters report
 * connections and traffic; this decides the status. lastSeen is kept in memory and written
 * at most once a second so that telemetry does not pay a row update per message.
 */
export interface Presence {
  /**
   * `reason`: the words of the online status ("connected" by default). `ownLifetime`: the adapter
   * ends this connection itself when the device's own lifetime runs out (LwM2M), so the silence
   * timeout does not apply to it.
   */
  connected(uid: string, options?: { reason?: string; ownLifetime?: boolean }): void;
  /** A connection ended; the device goes offline when it has no other connection. */
  disconnected(uid: string, end: ConnectionEnd): void;
  /** Traffic from the device (message, ping). */
  seen(uid: string, at?: number): void;
  /** Marks silent devices offline; called periodically. */
  sweep(silenceTimeoutMs: number, now?: number): void;
  flush(): void;
  /** Drops what is known of a deleted device. */
  forget(uid: string): void;
  close(): void;
}

/**
 * An online device's lastSeen reaches live views at most this often: often enough that "last
 * message 5 s ago" and overdue checks stay true, rare enough that chatty devices cost little.
 */
export const LIVE_SEEN_MS = 5000;

type StatusChange = {
  status: 'online' | 'offline';
  reason: string;
  cause: OfflineCause | null;
  willSent: boolean;
};

export function createPresence(db: Db, store: DeviceStore, bus: LiveBus, options: PresenceOptions = {}): Presence {
  const connections = new Map<string, number>();
  const ownLifetime = new Set<string>();
  const pendingSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  // the lastSeen that live views have, per device: a newer one is published when it is LIVE_SEEN_MS newer
  const publishedSeen = new Map<string, number>();

  const status = new Map<string, string>();
  const selectStatus = db.$client.prepare('SELECT status FROM devices WHERE uid = ?').pluck();
  const statusOf = (uid: string) => {
    let s = status.get(uid);
    if (s === undefined) {
      s = (selectStatus.get(uid) as string | undefined) ?? 'unknown';
      status.set(uid, s);
    }
    return s;
  };
  // one commit for the status and its event: connect storms pay one fsync per device, not three
  // (plain statements prepared once: a registration storm runs this thousands of times a second)
  // with the lastSeen not written yet, if any (one row update, not two)
  const updateStatus = db.$client.prepare(`UPDATE devices SET status = ?, status_reason = ?, status_since = ?,
    offline_cause = ?, will_sent = ?, outpost_stopped_at = NULL, last_seen = coalesce(?, last_seen) WHERE uid = ?`);
  const statusTransaction = db.$client.transaction((uid: string, change: StatusChange, at: number) => {
    const seenAt = pendingSeen.get(uid);
    pendingSeen.delete(uid);
    if (updateStatus.run(change.status, change.reason, at, change.cause, change.willSent ? 1 : 0, seenAt ?? null, uid).changes === 0) return false;
    const device = store.ref(uid);
    if (device) store.addEvent(device, change.status, `${change.status}: ${change.reason}`);
    return true;
  });
  const setStatus = (uid: string, change: StatusChange, at = Date.now()) => {
    status.set(uid, change.status);
    if (!statusTransaction(uid, change, at)) return;
    // the lastSeen it carries (written with the status): live views have it with the status
    publishedSeen.set(uid, lastSeen.get(uid) ?? 0);
    // the whole row only for those who watch
    const row = bus.listened ? store.get(uid) : undefined;
    if (row) bus.publish({ type: 'device', device: toDevice(row) });
  };
  const online = (reason: string): StatusChange => ({ status: 'online', reason, cause: null, willSent: false });

  const updateLastSeen = db.$client.prepare('UPDATE devices SET last_seen = ? WHERE uid = ?');
  const flushAll = db.$client.transaction((batch: Array<[string, number]>) => {
    for (const [uid, at] of batch) updateLastSeen.run(at, uid);
  });
  // lastSeen is a hint (a power loss may take its last second back): this commit does not wait for
  // the disk on the event loop each second; the next durable commit's sync takes it along
  const flush = () => {
    if (pendingSeen.size === 0) return;
    const batch = [...pendingSeen];
    pendingSeen.clear();
    writeUnsynced(db.$client, () => flushAll(batch));
    publishSeen(batch);
  };
  // one query for every device whose live lastSeen is due, only while someone watches
  const publishSeen = (batch: Array<[string, number]>) => {
    if (!bus.listened) return;
    const due = batch.filter(([uid, at]) => at - (publishedSeen.get(uid) ?? 0) >= LIVE_SEEN_MS).map(([uid]) => uid);
    // in slices: SQLite bounds the number of bound parameters
    for (let i = 0; i < due.length; i += 500) {
      for (const row of db.select().from(devices).where(inArray(devices.uid, due.slice(i, i + 500))).all()) {
        publishedSeen.set(row.uid, row.lastSeen ?? 0);
        bus.publish({ type: 'device', device: toDevice(row) });
      }
    }
  };
  const timer = setInterval(flush, 1000);
  timer.unref();

  // A previous run ended (stopped, or crashed) while these devices were connected: what they did
  // meanwhile is not known, and it is not their fault. They read "Outpost restarted" until they are back.
  const startedAt = Date.now();
  const wasStopped = options.previousRunEndedAt ?? null;
  for (const row of db.update(devices).set({
    status: 'offline', statusReason: 'Outpost restarted', offlineCause: 'outpost-restarted', willSent: false,
    statusSince: startedAt, outpostStoppedAt: wasStopped,
  }).where(eq(devices.status, 'online')).returning().all()) {
    store.addEvent(row, 'offline', 'offline: Outpost restarted; the status is unknown while Outpost was stopped');
  }

  return {
    connected(uid, options = {}) {
      connections.set(uid, (connections.get(uid) ?? 0) + 1);
      if (options.ownLifetime) ownLifetime.add(uid);
      const now = Date.now();
      lastSeen.set(uid, now);
      pendingSeen.set(uid, now);
      if (statusOf(uid) !== 'online') setStatus(uid, online(options.reason ?? 'connected'), now);
    },
    disconnected(uid, end) {
      const left = (connections.get(uid) ?? 1) - 1;
      if (left > 0) {
        connections.set(uid, left);
        return;
      }
      connections.delete(uid);
      ownLifetime.delete(uid);
      lastSeen.delete(uid);
      setStatus(uid, { status: 'offline', reason: end.reason, cause: end.cause, willSent: end.willSent ?? false });
    },
    seen(uid, at = Date.now()) {
      lastSeen.set(uid, at);
      pendingSeen.set(uid, at);
      // traffic from a device we had given up on (silent, or anonymous without a connection)
      if (statusOf(uid) !== 'online') setStatus(uid, online('data received'), at);
    },
    sweep(silenceTimeoutMs, now = Date.now()) {
      for (const [uid, at] of lastSeen) {
        if (now - at < silenceTimeoutMs || ownLifetime.has(uid)) continue;
        lastSeen.delete(uid);
        if (statusOf(uid) === 'online') {
          setStatus(uid, { status: 'offline', reason: `silent for ${Math.round((now - at) / 1000)} s`, cause: 'silent', willSent: false }, now);
        }
      }
    },
    flush,
    forget(uid) {
      for (const m of [connections, pendingSeen, lastSeen, status, publishedSeen, ownLifetime]) m.delete(uid);
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
