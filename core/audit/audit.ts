import { desc } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { auditLog } from '../db/schema.js';
import type { AuditEntry } from '../contract/api.js';

export interface AuditLog {
  /** `source`: where the request came from (the client address), when known. */
  record(actor: string, action: string, target?: string | null, detail?: unknown, source?: string): void;
  list(limit: number): AuditEntry[];
}

export function createAuditLog(db: Db): AuditLog {
  return {
    record(actor, action, target = null, detail = null, _source) {
      db.insert(auditLog).values({ ts: Date.now(), actor, action, target, detail: detail ?? null }).run();
    },
    list(limit) {
      return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all()
        .map((r) => ({ ...r, detail: r.detail ?? null }));
    },
  };
}
