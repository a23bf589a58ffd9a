// A fingerprint of an inventory, so the agent republishes only when something real changed:
// a snap installed or refreshed, a service stopped, a user added, an address changed, a disk grown.
//
// Left out, because they move all the time and would make every collection look new:
//   collectedAt                         – the clock
//   system.uptimeSec, system.uptimeText – the clock again
//   system.memory.availableBytes        – changes with every allocation (totalBytes is kept)
//   system.disks[].usedBytes/availableBytes – logs and caches write constantly (totalBytes is kept)
//   snapd.refresh.last / .next          – snapd's refresh timer reschedules on every check, even
//                                         when nothing is refreshed (a real refresh changes the
//                                         snaps' revisions, which are kept)
// Arrays are hashed as sets (elements sorted by their own stable JSON): the order snapd or the
// kernel lists things in is not a change. `missing` is kept: a part appearing or vanishing, or a
// new reason, is something the device page should show.
import { createHash } from 'node:crypto';
import type { Inventory } from '../../core/contract/inventory.js';

/** JSON with object keys sorted and undefined dropped, so equal values always give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function asSet<T>(items: readonly T[] | undefined): T[] | undefined {
  return items && [...items].sort((a, b) => {
    const x = stableJson(a);
    const y = stableJson(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The inventory without the fields that move all the time (see above). */
export function stableInventoryPart(inv: Inventory): unknown {
  const { collectedAt: _clock, system, snapd, ...rest } = inv;
  const stableSystem = system && {
    ...system,
    uptimeSec: undefined,
    uptimeText: undefined,
    memory: system.memory && { totalBytes: system.memory.totalBytes },
    disks: asSet(system.disks?.map((d) => ({ mount: d.mount, totalBytes: d.totalBytes }))),
    addresses: asSet(system.addresses),
  };
  const stableSnapd = snapd && { ...snapd, refresh: snapd.refresh && { timer: snapd.refresh.timer } };
  return {
    ...rest,
    system: stableSystem,
    snapd: stableSnapd,
    users: asSet(rest.users),
    snaps: asSet(rest.snaps),
    services: asSet(rest.services),
  };
}

export function inventoryHash(inv: Inventory): string {
  return createHash('sha256').update(stableJson(stableInventoryPart(inv))).digest('hex');
}
