// Wires one agent together: state on disk, the outbox, the operation runner with its executors,
// and the MQTT link. This is the one place where executors are chosen.
import { join } from 'node:path';
import { deviceRoot } from '../core/codecs/topics.js';
import type { AgentConfig } from './config/schema.js';
import { inventoryRefreshExecutor } from './executors/inventory-refresh.js';
import { DEFAULT_BACKOFF } from './link/backoff.js';
import { MqttLink } from './link/mqtt-link.js';
import { stderrLog, type Log } from './log.js';
import { inventoryPublisher, type SendInventory } from './outbox/inventory-publisher.js';
import { Outbox, type OutboxOptions } from './outbox/outbox.js';
import { startOutboxSender, type SenderOptions } from './outbox/outbox-sender.js';
import type { ExecutorRegistry } from './runner/executor.js';
import { OpRecords } from './runner/op-records.js';
import { OperationRunner } from './runner/operation-runner.js';

/** What executors and inventory collection may use. */
export interface AgentServices {
  config: AgentConfig;
  log: Log;
  /** queues an inventory for outpost/v1/{uid}/inventory (validated, durable, retained) */
  sendInventory: SendInventory;
  /** aborted when the agent stops: background work (e.g. a periodic inventory check) ends on it */
  stopping: AbortSignal;
}

export interface AgentParts {
  /** executors by kind, added to (and overriding) the built-in ones */
  executors?: (services: AgentServices) => ExecutorRegistry;
  /** what `inventory.refresh` does: collect the inventory and sendInventory() it; its return value is the reply's result */
  refreshInventory?: (services: AgentServices, signal: AbortSignal) => Promise<unknown>;
  /** called once the agent runs (e.g. to start the periodic inventory check; stop it on services.stopping) */
  onStart?: (services: AgentServices) => void;
  log?: Log;
  /** for tests: reconnect jitter source, outbox bounds, how long a connection must last to reset the backoff */
  random?: () => number;
  outbox?: OutboxOptions;
  sender?: SenderOptions;
  stableAfterMs?: number;
}

export interface Agent {
  readonly link: MqttLink;
  readonly outbox: Outbox;
  readonly runner: OperationRunner;
  readonly sendInventory: SendInventory;
  stop(): Promise<void>;
}

export async function startAgent(config: AgentConfig, parts: AgentParts = {}): Promise<Agent> {
  const log = parts.log ?? stderrLog;
  const [outbox, records] = await Promise.all([
    Outbox.open(join(config.stateDir, 'outbox'), parts.outbox),
    OpRecords.open(join(config.stateDir, 'ops')),
  ]).catch((err: Error) => {
    throw new Error(`cannot use the state directory ${config.stateDir} (--state-dir): ${err.message}`);
  });
  const stopping = new AbortController();
  const services: AgentServices = { config, log, sendInventory: inventoryPublisher(outbox), stopping: stopping.signal };

  const refresh = parts.refreshInventory;
  const executors: ExecutorRegistry = {
    'inventory.refresh': inventoryRefreshExecutor(refresh && ((signal) => refresh(services, signal))),
    // snapd's executors (snap.*) and system.reboot come from device-parts.ts
    ...parts.executors?.(services),
  };
  const runner = new OperationRunner({ executors, records, outbox, log });
  const link = new MqttLink({
    host: config.host,
    port: config.port,
    uid: config.uid,
    token: config.token,
    backoff: config.reconnect ?? DEFAULT_BACKOFF,
    stableAfterMs: parts.stableAfterMs,
    random: parts.random,
    log,
    onOperation: (opId, payload) => runner.receive(opId, payload),
  });
  const root = deviceRoot(config.uid);
  const sender = startOutboxSender(outbox, link, (channel, opId) => (channel === 'inventory' ? `${root}/inventory` : `${root}/${channel}/${opId}`), log, parts.sender);
  if (outbox.size > 0) log('info', `outbox: ${outbox.size} message(s) from before the restart wait to be sent`);
  runner.start();
  link.start();
  parts.onStart?.(services);

  return {
    link,
    outbox,
    runner,
    sendInventory: services.sendInventory,
    async stop() {
      stopping.abort(new Error('the agent is stopping'));
      await runner.stop();
      sender.stop();
      await link.stop();
    },
  };
}
