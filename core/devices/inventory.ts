// Each device's last known inventory (system, users, snaps), from whichever agent reported it,
// and the rule of the seed system: fresh inventory is asked for at most once every 30 s.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { deviceInventory } from '../db/schema.js';
import type { LiveBus } from '../live/bus.js';
import { INVENTORY_ASK_MIN_INTERVAL_MS, type DeviceInventory, type Inventory } from '../contract/inventory.js';
import type { DeviceRow } from './device-row.js';

export interface InventoryStore {
  get(device: DeviceRow): DeviceInventory;
  /** Replaces the device's inventory; `merge` keeps the parts the new one lacks (the seed agent answers part by part). */
  record(device: DeviceRow, inventory: Inventory, source: 'agent' | 'seed', options?: { merge?: boolean }): DeviceInventory;
  /** Whether fresh inventory may be asked for now (and notes the ask), else how long ago it was asked. */
  mayAsk(uid: string, now?: number): { ok: true } | { ok: false; askedMsAgo: number };
}

export function createInventoryStore(db: Db, bus: LiveBus): InventoryStore {
  const lastAsked = new Map<string, number>();
  const read = (deviceId: number) => db.select().from(deviceInventory).where(eq(deviceInventory.deviceId, deviceId)).get();
  const view = (row: ReturnType<typeof read>): DeviceInventory => row
    ? { inventory: row.inventory as Inventory, receivedAt: row.receivedAt, source: row.source }
    : { inventory: null, receivedAt: null, source: null };

  return {
    get: (device) => view(read(device.id)),
    record(device, inventory, source, options = {}) {
      const now = Date.now();
      const before = options.merge ? read(device.id)?.inventory as Inventory | undefined : undefined;
      const merged: Inventory = before ? { ...before, ...inventory, missing: { ...before.missing, ...inventory.missing } } : inventory;
      // a part that arrived is no longer missing
      if (merged.missing) for (const part of Object.keys(inventory)) if (part !== 'missing') delete merged.missing[part];
      db.insert(deviceInventory).values({ deviceId: device.id, inventory: merged, receivedAt: now, source })
        .onConflictDoUpdate({ target: deviceInventory.deviceId, set: { inventory: merged, receivedAt: now, source } }).run();
      const result = view(read(device.id));
      bus.publish({ type: 'inventory', uid: device.uid, inventory: result });
      return result;
    },
    mayAsk(uid, now = Date.now()) {
      const last = lastAsked.get(uid);
      if (last !== undefined && now - last < INVENTORY_ASK_MIN_INTERVAL_MS) return { ok: false, askedMsAgo: now - last };
      lastAsked.set(uid, now);
      return { ok: true };
    },
  };
}
