// N simulated Ubuntu devices in one process: each is the real agent (outbox, runner, snap
// executors, inventory) talking to its own fake snapd, whose changes progress over time.
// Used by `outpost-agent simulate`, tests, e2e, demos and benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent, type Agent } from '../main.js';
import { deviceParts } from '../device-parts.js';
import { nodeHostFacts } from '../inventory/index.js';
import { FakeSnapd, type FakeSnapdOptions } from './fake-snapd.js';
import type { Log } from '../log.js';

export interface SimulatedAgent { uid: string; agent: Agent; snapd: FakeSnapd; stateDir: string; reboots: number }

export interface FleetOptions {
  host: string;
  port: number;
  devices: Array<{ uid: string; token: string }>;
  /** duration of one snapd task step; default 250 ms */
  stepMs?: number;
  /** more fake snapd options (failing names, ...) */
  snapd?: Omit<FakeSnapdOptions, 'stepMs'>;
  /** keep state here (one folder per device) instead of a temp folder, to restart agents on it */
  stateRoot?: string;
  log?: Log;
  inventoryEveryMs?: number;
}

export interface AgentFleet {
  agents: SimulatedAgent[];
  /** Stops the agents (their fake snapd too unless keepSnapd) and removes temp state. */
  stop(options?: { keepSnapd?: boolean }): Promise<void>;
}

const quiet: Log = () => undefined;

export async function startSimulatedAgent(o: Omit<FleetOptions, 'devices'> & { uid: string; token: string; snapd?: FakeSnapdOptions; existingSnapd?: FakeSnapd }): Promise<SimulatedAgent> {
  const snapd = o.existingSnapd ?? await FakeSnapd.start({ stepMs: o.stepMs ?? 250, ...o.snapd });
  const stateDir = o.stateRoot ? join(o.stateRoot, o.uid) : mkdtempSync(join(tmpdir(), `outpost-sim-${o.uid.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
  const sim: SimulatedAgent = { uid: o.uid, snapd, stateDir, reboots: 0, agent: undefined as unknown as Agent };
  sim.agent = await startAgent({ host: o.host, port: o.port, uid: o.uid, token: o.token, stateDir, snapdSocket: snapd.socketPath, reconnect: { initialMs: 200, maxMs: 2000 } }, {
    ...deviceParts({
      host: { ...nodeHostFacts, hostname: () => `sim-${o.uid}` },
      reboot: async () => void sim.reboots++,
      inventoryEveryMs: o.inventoryEveryMs ?? 5000,
      snapdPollMs: Math.max(20, Math.min(500, (o.stepMs ?? 250) / 2)),
    }),
    log: o.log ?? quiet,
  });
  return sim;
}

export async function startAgentFleet(o: FleetOptions): Promise<AgentFleet> {
  const agents = await Promise.all(o.devices.map((d) => startSimulatedAgent({ ...o, uid: d.uid, token: d.token })));
  return {
    agents,
    async stop(options = {}) {
      await Promise.all(agents.map(async (a) => {
        await a.agent.stop();
        if (!options.keepSnapd) await a.snapd.close();
        if (!o.stateRoot) rmSync(a.stateDir, { recursive: true, force: true });
      }));
    },
  };
}
