import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { auditLog } from '../db/schema.js';
import type { AuditEntry } from '../contract/api.js';
import { createMinuteCoalescer } from '../minute-coalescer.js';

export interface AuditLog {
  /** `source`: where the request came from (the client address), when known. */
  record(actor: string, action: string, target?: string | null, detail?: unknown, source?: string): void;
  list(limit: number): AuditEntry[];
  /** Deletes one slice of entries older than `days` (0 keeps everything); true while more is left. */
  pruneSlice(days: number): boolean;
}

// A brute force must not bury the rest of the log: these repeat per source and minute into one row.
const FOLDED_ACTIONS = new Set(['login-failed', 'login-throttled']);
const PRUNE_SLICE = 5000;
const DAY = 86_400_000;

export function createAuditLog(db: Db): AuditLog {
  const repeats = createMinuteCoalescer();
  const prune = db.$client.prepare(`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE ts < ? LIMIT ${PRUNE_SLICE})`);
  return {
    record(actor, action, target = null, detail = null, source) {
      const now = Date.now();
      repeats.fold(
        FOLDED_ACTIONS.has(action) ? JSON.stringify([action, actor, target, source ?? null]) : undefined, now,
        (id) => db.update(auditLog).set({ count: sql`${auditLog.count} + 1`, lastTs: now, detail: detail ?? null })
          .where(eq(auditLog.id, id)).returning({ id: auditLog.id }).get(),
        () => db.insert(auditLog).values({ ts: now, actor, action, target, detail: detail ?? null, source: source ?? null })
          .returning({ id: auditLog.id }).get(),
      );
    },
    list(limit) {
      return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all()
        .map((r) => ({ ...r, detail: r.detail ?? null }));
    },
    pruneSlice(days) {
      if (days <= 0) return false;
      return prune.run(Date.now() - days * DAY).changes >= PRUNE_SLICE;
    },
  };
}
