// Collects the whole inventory the agent publishes on outpost/v1/{uid}/inventory. It never throws:
// whatever cannot be read is left out and `missing` says why in plain words, keyed by the part
// ("system", "users", "snapd", "snaps", "services") or "part.field" ("system.memory",
// "users.extrausers") for something inside a part that is otherwise there.
import { z } from 'zod';
import { Inventory, InventoryService, InventorySnap, InventoryUser, SnapdSystemInfo } from '../../core/contract/inventory.js';
import { collectSystem, type Missing } from './collect-system.js';
import { collectUsers } from './collect-users.js';
import { nodeHostFacts, type HostFacts } from './host-facts.js';
import { describeSnapdFailure, type SnapdInventorySource } from './snapd-source.js';

export interface CollectOptions {
  /** filesystem root the device files are read under; '/' on a device */
  root?: string;
  /** absent: the snapd parts are left out and `missing` says so */
  snapd?: SnapdInventorySource;
  now?: () => number;
  host?: HostFacts;
  /** whether snapd will list its users to us; default: the process runs as uid 0 */
  isRoot?: boolean;
  /** a snapd call that takes longer is given up, so one hung request cannot stall publishing */
  snapdTimeoutMs?: number;
}

const NO_SNAPD = 'the agent was started without access to snapd';

class SnapdTimeout extends Error {}

function withTimeout<T>(work: () => Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SnapdTimeout(`snapd did not answer ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([Promise.resolve().then(work), late]).finally(() => clearTimeout(timer));
}

class WrongShape extends Error {}

// A source that answers with something else than the contract's shape would make the whole
// inventory invalid for Outpost: that one part is dropped instead.
const SHAPES = {
  snapd: SnapdSystemInfo,
  snaps: z.array(InventorySnap),
  services: z.array(InventoryService),
  users: z.array(InventoryUser.omit({ source: true }).extend({ source: InventoryUser.shape.source.optional() })),
};

function checked<T>(schema: z.ZodType, value: T): T {
  const r = schema.safeParse(value);
  if (r.success) return value;
  const issue = r.error.issues[0];
  throw new WrongShape(`snapd's answer was not understood (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'})`);
}

function describe(e: unknown): string {
  return e instanceof SnapdTimeout || e instanceof WrongShape ? e.message : describeSnapdFailure(e);
}

export async function collectInventory(options: CollectOptions = {}): Promise<Inventory> {
  const root = options.root ?? '/';
  const host = options.host ?? nodeHostFacts;
  const timeoutMs = options.snapdTimeoutMs ?? 30_000;
  const snapd = options.snapd;
  const uid = process.getuid?.();
  const missing: Missing = {};
  // taken before collecting: the moment the oldest fact in it was true
  const inventory: Inventory = { collectedAt: (options.now ?? Date.now)() };

  const ask = <T>(part: 'snapd' | 'snaps' | 'services', call: (s: SnapdInventorySource) => Promise<T>, what: string): Promise<T | undefined> => {
    if (!snapd) {
      missing[part] = NO_SNAPD;
      return Promise.resolve(undefined);
    }
    return withTimeout(() => call(snapd).then((v) => checked(SHAPES[part], v)), timeoutMs, what).then(
      (v) => v,
      (e: unknown) => {
        missing[part] = describe(e);
        return undefined;
      },
    );
  };

  const [system, users, snapdInfo, snaps, services] = await Promise.all([
    collectSystem(root, host, missing),
    collectUsers(root, snapd
      ? { list: () => withTimeout(() => snapd.users().then((v) => checked(SHAPES.users, v)), timeoutMs, 'for its users'), isRoot: options.isRoot ?? uid === 0, uid, describe }
      : NO_SNAPD, missing),
    ask('snapd', (s) => s.systemInfo(), 'for its system information'),
    ask('snaps', (s) => s.snaps(), 'for the installed snaps'),
    ask('services', (s) => s.services(), 'for the snap services'),
  ]);

  if (system) inventory.system = system;
  if (users) inventory.users = users;
  if (snapdInfo) inventory.snapd = snapdInfo;
  if (snaps) inventory.snaps = snaps;
  if (services) inventory.services = services;
  if (Object.keys(missing).length > 0) inventory.missing = sortedKeys(missing);
  return inventory;
}

// missing is filled as calls finish; sorted, the same facts always read the same
function sortedKeys(m: Missing): Missing {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
}
