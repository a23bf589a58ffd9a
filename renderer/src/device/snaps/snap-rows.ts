// The rows of the Snaps table: the installed snaps from the inventory, each with the latest snap
// operation that names it, and rows on top for operations about snaps that are not installed (an
// install under way or failed, a remove under way). Pure, tested.
import type { InventoryService, InventorySnap } from '../../../../core/contract/inventory.js';
import type { Operation } from '../../../../core/contract/operations.js';
import { isFinished } from '../../../../core/contract/operations.js';

/** A finished operation stays beside its snap this long, so its outcome can be read. */
export const RECENT_MS = 10 * 60_000;

export interface SnapRow {
  name: string;
  /** null: not installed (a pending row) */
  snap: InventorySnap | null;
  services: InventoryService[];
  /** the latest snap operation for this name that is running or finished recently */
  op: Operation | null;
}

export interface SnapTable {
  /** operations for snaps that are not installed, newest first */
  pending: SnapRow[];
  /** installed snaps in the inventory's order */
  rows: SnapRow[];
  /** the latest "refresh every snap" operation, while it runs or recently finished */
  refreshAll: Operation | null;
}

const snapName = (op: Operation): string | null => (typeof op.args.name === 'string' ? op.args.name : null);

/** Whether an operation is still worth showing: running, or finished less than RECENT_MS ago. */
export function isCurrent(op: Operation, now: number): boolean {
  if (!isFinished(op.state)) return true;
  return now - (op.finishedAt ?? op.updatedAt) < RECENT_MS;
}

/** `operations`: the device's operations, any kinds, newest first (as useOperations keeps them). */
export function snapTable(snaps: readonly InventorySnap[], services: readonly InventoryService[], operations: readonly Operation[], now: number): SnapTable {
  const latest = new Map<string, Operation>();
  let refreshAll: Operation | null = null;
  for (const op of [...operations].sort((a, b) => b.id - a.id)) {
    if (!op.kind.startsWith('snap.')) continue;
    const name = snapName(op);
    if (name === null) {
      if (op.kind === 'snap.refresh' && refreshAll === null) refreshAll = op;
      continue;
    }
    if (!latest.has(name)) latest.set(name, op);
  }
  const shown = (name: string) => {
    const op = latest.get(name);
    return op && isCurrent(op, now) ? op : null;
  };
  const installed = new Set(snaps.map((s) => s.name));
  const rows = snaps.map((snap) => ({ name: snap.name, snap, services: services.filter((sv) => sv.snap === snap.name), op: shown(snap.name) }));
  const pending: SnapRow[] = [];
  for (const name of latest.keys()) {
    const op = shown(name);
    // a snap that was removed is simply gone
    if (!op || installed.has(name) || (op.kind === 'snap.remove' && op.state === 'succeeded')) continue;
    pending.push({ name, snap: null, services: [], op });
  }
  return { pending, rows, refreshAll: refreshAll && isCurrent(refreshAll, now) ? refreshAll : null };
}

/** What a row offers: Enable for a disabled snap, Disable for an active one. */
export function toggleKind(snap: InventorySnap): 'snap.enable' | 'snap.disable' {
  return snap.status === 'installed' ? 'snap.enable' : 'snap.disable';
}

/** "latest/stable", or "latest/stable → 22/edge" when snapd tracks another channel than the revision came from. */
export function channelWords(snap: InventorySnap): string {
  const { channel, trackingChannel } = snap;
  if (!channel && !trackingChannel) return 'sideloaded';
  if (!trackingChannel || trackingChannel === channel) return channel ?? trackingChannel!;
  if (!channel) return `tracking ${trackingChannel}`;
  return `${channel}, tracking ${trackingChannel}`;
}

/** Confinement in words, with devmode and classic called out. */
export function confinementWords(snap: InventorySnap): string {
  if (snap.devmode) return 'devmode';
  if (snap.classic || snap.confinement === 'classic') return 'classic';
  return snap.confinement ?? '—';
}
