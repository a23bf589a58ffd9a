// What a real device's agent runs with: snapd over its socket for the snap.* operations and the
// inventory, the inventory collected on start, when it changes and on request, and a real reboot.
// Simulators pass their own snapd socket, host facts and reboot.
import type { AgentParts, AgentServices } from './main.js';
import { SnapdClient } from './snapd/client.js';
import { collectInventory, InventoryWatcher, nodeHostFacts, type HostFacts } from './inventory/index.js';
import { snapExecutors } from './executors/snap-executors.js';
import { systemctlReboot, systemRebootExecutor, type Reboot } from './executors/system-reboot.js';

export interface DeviceOptions {
  /** filesystem root the inventory is read from; default / */
  root?: string;
  host?: HostFacts;
  reboot?: Reboot;
  /** how often the inventory is collected to look for changes; default 60 s */
  inventoryEveryMs?: number;
  /** snapd polling interval while following a change; default 500 ms */
  snapdPollMs?: number;
}

export function deviceParts(options: DeviceOptions = {}): Pick<AgentParts, 'executors' | 'refreshInventory' | 'onStart'> {
  let watcher: InventoryWatcher | undefined;
  let snapd: SnapdClient | undefined;
  const ensure = (services: AgentServices) => {
    snapd ??= new SnapdClient({ socketPath: services.config.snapdSocket, pollIntervalMs: options.snapdPollMs });
    watcher ??= new InventoryWatcher({
      collect: () => collectInventory({ root: options.root, snapd, host: options.host ?? nodeHostFacts }),
      intervalMs: options.inventoryEveryMs ?? 60_000,
      onChange: (inventory) => services.sendInventory(inventory),
      onError: (e) => services.log('warn', `inventory: ${e instanceof Error ? e.message : String(e)}`),
    });
    return { snapd, watcher };
  };
  return {
    executors(services) {
      const { snapd: client, watcher: w } = ensure(services);
      return {
        ...snapExecutors(client, () => void w.refresh().catch(() => undefined)),
        'system.reboot': systemRebootExecutor(options.reboot ?? systemctlReboot, (m) => services.log('error', m)),
      };
    },
    refreshInventory: async (services) => {
      const inventory = await ensure(services).watcher.refresh();
      return { collectedAt: inventory.collectedAt, snaps: inventory.snaps?.length ?? null };
    },
    /** Starts the periodic inventory check (publishes the first inventory now); stops with the agent. */
    onStart(services) {
      const { watcher: w } = ensure(services);
      void w.start();
      services.stopping.addEventListener('abort', () => w.stop(), { once: true });
    },
  };
}
