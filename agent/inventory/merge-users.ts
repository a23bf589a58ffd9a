// One list of users from every source, a name listed once: /etc/passwd first, then extrausers,
// then snapd. snapd's /v2/users mostly names users that are also in extrausers (snapd's
// create-user writes there); the first entry is kept and filled with what only a later one knows
// (snapd's email, a uid).
import type { InventoryUser } from '../../core/contract/inventory.js';

const FILLABLE = ['uid', 'home', 'shell', 'email'] as const;

export function mergeUsers(...lists: readonly (readonly InventoryUser[])[]): InventoryUser[] {
  const byName = new Map<string, InventoryUser>();
  for (const u of lists.flat()) {
    const seen = byName.get(u.name);
    if (!seen) {
      byName.set(u.name, { ...u });
      continue;
    }
    for (const key of FILLABLE) {
      if (seen[key] === undefined && u[key] !== undefined) Object.assign(seen, { [key]: u[key] });
    }
  }
  return [...byName.values()];
}
