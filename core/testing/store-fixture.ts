// Test support: a real database file in a temp directory with one device, for the domain stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { LiveBus } from '../live/bus.js';
import { createDeviceStore, type DeviceStore } from '../devices/devices.js';

export interface StoreFixture {
  dir: string;
  db: Db;
  bus: LiveBus;
  devices: DeviceStore;
  /** the id of the device `uid` */
  deviceId: number;
  close(): void;
  /** closes the database and removes its directory */
  done(): void;
}

/** Opens (or reopens) the database in dir, with device `uid` created if it is not there yet. */
export function storeFixture(dir = mkdtempSync(join(tmpdir(), 'outpost-store-')), uid = 'd'): StoreFixture {
  const db = openDatabase(dir);
  const bus = new LiveBus();
  const devices = createDeviceStore(db, bus);
  if (!devices.get(uid)) devices.create({ uid, name: uid.toUpperCase(), tags: [] });
  const close = () => { if (db.$client.open) db.$client.close(); };
  return {
    dir, db, bus, devices, deviceId: devices.get(uid)!.id, close,
    done: () => { close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
