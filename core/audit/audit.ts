import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { auditLog } from '../db/schema.js';
import type { AuditEntry, AuditFacets } from '../contract/api.js';
import { createMinuteCoalescer } from '../minute-coalescer.js';

export interface AuditLog {
  /** `source`: where the request came from (the client address), when known. */
  record(actor: string, action: string, target?: string | null, detail?: unknown, source?: string): void;
  /** Newest first; `filter` narrows and pages (before an id). */
  list(limit: number, filter?: AuditFilter): AuditEntry[];
  /** The actors and actions present, for the filters' choices. */
  facets(): AuditFacets;
  /** Deletes one slice of entries older than `days` (0 keeps everything); true while more is left. */
  pruneSlice(days: number): boolean;
}

export interface AuditFilter {
  before?: number;
  /** part of the actor's name, any case */
  actor?: string;
  action?: string;
  /** ts range: from inclusive, to exclusive */
  from?: number;
  to?: number;
}

// LIKE with the user's text taken literally: % and _ are not wildcards
const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: AuditFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.before !== undefined) where.push(lt(auditLog.id, f.before));
  if (f.actor !== undefined) where.push(sql`${auditLog.actor} LIKE ${likeEscaped(f.actor)} ESCAPE '\\'`);
  if (f.action !== undefined) where.push(eq(auditLog.action, f.action));
  if (f.from !== undefined) where.push(gte(auditLog.ts, f.from));
  if (f.to !== undefined) where.push(lt(auditLog.ts, f.to));
  return and(...where);
}

// A brute force must not bury the rest of the log: these repeat per source and minute into one row.
// LwM2M refusals are recorded per peer address (target), so a flood of made-up endpoint names folds too.
const FOLDED_ACTIONS = new Set(['login-failed', 'login-throttled', 'lwm2m-refused']);
const PRUNE_SLICE = 5000;
const DAY = 86_400_000;

export function createAuditLog(db: Db): AuditLog {
  const repeats = createMinuteCoalescer();
  // prepared once: operations write an entry each, and a query builder's per-call cost shows there
  const insert = db.$client.prepare('INSERT INTO audit_log (ts, actor, action, target, detail, source) VALUES (?, ?, ?, ?, ?, ?) RETURNING id');
  const prune = db.$client.prepare(`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE ts < ? LIMIT ${PRUNE_SLICE})`);
  return {
    record(actor, action, target = null, detail = null, source) {
      const now = Date.now();
      repeats.fold(
        FOLDED_ACTIONS.has(action) ? JSON.stringify([action, actor, target, source ?? null]) : undefined, now,
        (id) => db.update(auditLog).set({ count: sql`${auditLog.count} + 1`, lastTs: now, detail: detail ?? null })
          .where(eq(auditLog.id, id)).returning({ id: auditLog.id }).get(),
        () => insert.get(now, actor, action, target, detail === null || detail === undefined ? null : JSON.stringify(detail), source ?? null) as { id: number },
      );
    },
    list(limit, filter = {}) {
      return db.select().from(auditLog).where(conditions(filter)).orderBy(desc(auditLog.id)).limit(limit).all()
        .map((r) => ({ ...r, detail: r.detail ?? null }));
    },
    facets() {
      const distinct = (column: typeof auditLog.actor | typeof auditLog.action) =>
        db.selectDistinct({ v: column }).from(auditLog).orderBy(column).all().map((r) => r.v);
      return { actors: distinct(auditLog.actor), actions: distinct(auditLog.action) };
    },
    pruneSlice(days) {
      if (days <= 0) return false;
      return prune.run(Date.now() - days * DAY).changes >= PRUNE_SLICE;
    },
  };
}
