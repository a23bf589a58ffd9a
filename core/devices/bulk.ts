// Bulk changes of devices (tag, untag, delete): all or nothing, in one transaction.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { devices } from '../db/schema.js';
import type { BulkDevicesRequest, BulkDevicesResponse } from '../contract/api.js';
import { DomainError } from '../errors.js';
import type { LiveBus } from '../live/bus.js';
import { toDevice, type DeviceRow } from './device-row.js';

/** The limit CreateDeviceRequest and UpdateDeviceRequest put on one device's tags. */
export const MAX_TAGS = 32;

export interface BulkOutcome extends BulkDevicesResponse {
  /** the rows deleted (delete only), for the caller to disconnect the devices and drop what it keeps of them */
  deleted: DeviceRow[];
}

const retag = (row: DeviceRow, request: BulkDevicesRequest): string[] | undefined => {
  if (request.action === 'tag') {
    if (row.tags.includes(request.tag)) return undefined;
    if (row.tags.length >= MAX_TAGS) {
      throw new DomainError('invalid', `device ${row.uid} already has ${MAX_TAGS} tags; nothing was changed`);
    }
    return [...row.tags, request.tag];
  }
  if (request.action === 'untag') return row.tags.includes(request.tag) ? row.tags.filter((t) => t !== request.tag) : undefined;
  return undefined;
};

export function applyBulk(db: Db, bus: LiveBus, request: BulkDevicesRequest): BulkOutcome {
  const uids = [...new Set(request.uids)];
  const { outcome, updated } = db.transaction(() => {
    const rows = db.select().from(devices).where(inArray(devices.uid, uids)).all();
    const found = new Set(rows.map((r) => r.uid));
    const unknown = uids.filter((u) => !found.has(u));
    if (request.action === 'delete') {
      // cascades to credentials, series, points and events (schema.ts)
      if (rows.length) db.delete(devices).where(inArray(devices.id, rows.map((r) => r.id))).run();
      return { outcome: { action: request.action, changed: rows.map((r) => r.uid), unchanged: [], unknown, deleted: rows }, updated: [] };
    }
    const updated: DeviceRow[] = [];
    const unchanged: string[] = [];
    for (const row of rows) {
      const tags = retag(row, request); // throws for a device that cannot take one more tag: rolls back all
      if (tags === undefined) unchanged.push(row.uid);
      else updated.push(db.update(devices).set({ tags }).where(eq(devices.id, row.id)).returning().get()!);
    }
    return { outcome: { action: request.action, changed: updated.map((r) => r.uid), unchanged, unknown, deleted: [] }, updated };
  });
  // only after the commit: a rolled-back change is never shown
  for (const row of updated) bus.publish({ type: 'device', device: toDevice(row) });
  for (const row of outcome.deleted) bus.publish({ type: 'device-deleted', uid: row.uid });
  return outcome;
}
