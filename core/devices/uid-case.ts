// `PUMP-7` and `pump-7` must not be two devices: people read, type and say uids without case.
import type { Db } from '../db/open.js';

/**
 * Enforces case-insensitive uniqueness with an index, unless an existing database already has
 * uids that differ only by case: those are reported (never merged, both keep their data) and the
 * index waits until the user has removed the duplicates.
 */
export function enforceUidsUniqueIgnoringCase(db: Db): string[] {
  const sqlite = db.$client;
  const clashes = sqlite.prepare(
    'SELECT group_concat(uid, \', \') AS uids FROM devices GROUP BY uid COLLATE NOCASE HAVING count(*) > 1 ORDER BY min(uid)',
  ).pluck().all() as string[];
  if (clashes.length === 0) {
    sqlite.exec('CREATE UNIQUE INDEX IF NOT EXISTS devices_uid_nocase ON devices (uid COLLATE NOCASE)');
    return [];
  }
  return clashes.map((uids) =>
    `Devices ${uids} have uids that differ only by case. Uids are now unique without regard to case: delete all but one of them (each keeps its own data until then).`);
}
