// Bulk operations: one parent row per request, one operation per device, and a summary of the
// children's states that goes out on the live stream as they change (at most once per turn).
import type { Db } from '../db/open.js';
import type { LiveBus } from '../live/bus.js';
import { DomainError } from '../errors.js';
import { operationStates, type Batch, type BatchSummary, type BatchTarget } from '../contract/operations.js';
import type { OperationStore } from './store.js';

export function createBatches(db: Db, store: OperationStore, bus: LiveBus) {
  const withTag = db.$client.prepare("SELECT id, uid FROM devices WHERE EXISTS (SELECT 1 FROM json_each(devices.tags) WHERE value = ?) ORDER BY uid");
  const byUid = db.$client.prepare('SELECT id, uid FROM devices WHERE uid = ?');
  const dirty = new Set<number>();
  let scheduled: NodeJS.Immediate | undefined;

  const get = (id: number): Batch => {
    const b = store.batch(id);
    if (!b) throw new DomainError('not_found', `no bulk operation ${id}`);
    const summary = { total: 0, ...Object.fromEntries(operationStates.map((s) => [s, 0])) } as BatchSummary;
    for (const { state, n } of store.batchCounts(id)) {
      summary[state] = n;
      summary.total += n;
    }
    return {
      id: b.id, kind: b.kind, args: (b.args ? JSON.parse(b.args) : {}) as Record<string, unknown>,
      target: JSON.parse(b.target) as BatchTarget, createdBy: b.created_by, createdAt: b.created_at, summary,
    };
  };

  const publishDirty = () => {
    scheduled = undefined;
    for (const id of dirty) {
      try {
        bus.publish({ type: 'batch', batch: get(id) });
      } catch {
        // deleted meanwhile
      }
    }
    dirty.clear();
  };

  return {
    get,
    /** The devices a target names, and the uids that name none. */
    resolve(target: BatchTarget): { targets: Array<{ id: number; uid: string }>; unknown: string[] } {
      if ('tag' in target) return { targets: withTag.all(target.tag) as Array<{ id: number; uid: string }>, unknown: [] };
      const targets: Array<{ id: number; uid: string }> = [];
      const unknown: string[] = [];
      for (const uid of new Set(target.uids)) {
        const d = byUid.get(uid) as { id: number; uid: string } | undefined;
        if (d) targets.push(d);
        else unknown.push(uid);
      }
      return { targets, unknown };
    },
    changed(id: number) {
      if (!bus.listened) return;
      dirty.add(id);
      scheduled ??= setImmediate(publishDirty);
    },
    close() {
      if (scheduled) clearImmediate(scheduled);
    },
  };
}
