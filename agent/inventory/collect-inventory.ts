// Collects the whole inventory the agent publishes on outpost/v1/{uid}/inventory. It never throws:
// whatever cannot be read is left out and `missing` says why in plain words, keyed by the part
// ("system", "users", "snapd", "snaps", "services") or by "part.field" ("system.memory",
// "users.extrausers", "users.snapd") for something inside a part that is otherwise there.
import type { Inventory } from '../../core/contract/inventory.js';
import { askSnapd, type SnapdAnswer, type SnapdQuestion } from './ask-snapd.js';
import { collectSystem, type Missing } from './collect-system.js';
import { collectUsers } from './collect-users.js';
import { nodeHostFacts, type HostFacts } from './host-facts.js';
import type { SnapdInventorySource } from './snapd-source.js';

export interface CollectOptions {
  /** filesystem root the device files are read under; '/' on a device */
  root?: string;
  /** absent: the snapd parts are left out and `missing` says so */
  snapd?: SnapdInventorySource;
  now?: () => number;
  host?: HostFacts;
  /** whether snapd will list its users to us (it does only to root); default: the process runs as uid 0 */
  isRoot?: boolean;
  /** how long one snapd call may take before its part is given up */
  snapdTimeoutMs?: number;
}

export const NO_SNAPD = 'the agent was started without access to snapd';

export async function collectInventory(options: CollectOptions = {}): Promise<Inventory> {
  const root = options.root ?? '/';
  const { snapd } = options;
  const timeoutMs = options.snapdTimeoutMs ?? 30_000;
  const uid = process.getuid?.();
  const isRoot = options.isRoot ?? uid === 0;
  const missing: Missing = {};
  // taken before collecting: the moment the oldest fact in it was true
  const inventory: Inventory = { collectedAt: (options.now ?? Date.now)() };

  const ask = <Q extends SnapdQuestion>(q: Q): Promise<SnapdAnswer<Q>> => (snapd ? askSnapd(snapd, q, timeoutMs) : Promise.resolve({ reason: NO_SNAPD }));
  const snapdUsers: Promise<SnapdAnswer<'users'>> = !snapd || isRoot
    ? ask('users')
    : Promise.resolve({ reason: `snapd lists its users only to root, and the agent runs as uid ${uid ?? 'unknown'}` });

  const [system, users, snapdInfo, snaps, services] = await Promise.all([
    collectSystem(root, options.host ?? nodeHostFacts, missing),
    collectUsers(root, snapdUsers, missing),
    ask('systemInfo'),
    ask('snaps'),
    ask('services'),
  ]);

  if (system) inventory.system = system;
  if (users) inventory.users = users;
  if ('value' in snapdInfo) inventory.snapd = snapdInfo.value;
  else missing.snapd = snapdInfo.reason;
  if ('value' in snaps) inventory.snaps = snaps.value;
  else missing.snaps = snaps.reason;
  if ('value' in services) inventory.services = services.value;
  else missing.services = services.reason;
  if (Object.keys(missing).length > 0) inventory.missing = sortedKeys(missing);
  return inventory;
}

// `missing` is filled as answers come in; sorted, the same facts always read the same
function sortedKeys(m: Missing): Missing {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
