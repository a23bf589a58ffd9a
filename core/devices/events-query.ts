// One page of a device's events, newest first, optionally only some groups of kinds.
import { and, desc, eq, inArray, lt, notInArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { events } from '../db/schema.js';
import type { EventGroup } from '../contract/api.js';
import { KINDS_OF_GROUP, KNOWN_KINDS } from '../contract/event-kinds.js';

export interface EventsFilter {
  /** the id of the last event of the previous page */
  before?: number;
  /** only these groups (none or empty: every kind) */
  groups?: readonly EventGroup[];
}

function kindCondition(groups: readonly EventGroup[]): SQL | undefined {
  const kinds = groups.flatMap((g) => (g === 'other' ? [] : KINDS_OF_GROUP[g]));
  const parts: SQL[] = [];
  if (kinds.length) parts.push(inArray(events.kind, kinds));
  if (groups.includes('other')) parts.push(notInArray(events.kind, [...KNOWN_KINDS]));
  return or(...parts);
}

export function queryEvents(db: Db, deviceId: number, limit: number, filter: EventsFilter = {}) {
  const where = [eq(events.deviceId, deviceId)];
  if (filter.before !== undefined) where.push(lt(events.id, filter.before));
  if (filter.groups?.length) where.push(kindCondition(filter.groups)!);
  return db.select().from(events).where(and(...where)).orderBy(desc(events.id)).limit(limit).all();
}
