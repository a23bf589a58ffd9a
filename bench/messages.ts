// IPC messages between bench/mqtt-ingest.ts and its child processes.
import type { FleetDevice, FleetOptions, FleetResult } from '../agent/sim/fleet.js';
import type { ProcUsage } from './proc.js';

export type FleetJob = Omit<FleetOptions, 'onStart'>;

export type BenchMessage =
  // fleet-runner.ts
  | { type: 'fleet-run'; job: FleetJob }
  | { type: 'fleet-started'; startedAt: number }
  | { type: 'fleet-result'; result: FleetResult; usage: ProcUsage }
  // pipeline-subscriber.ts
  | { type: 'sub-start'; port: number; dbFile: string }
  | { type: 'sub-ready' }
  | { type: 'sub-progress'; messages: number; points: number; lastCommitAt: number }
  | { type: 'sub-stop' }
  | { type: 'sub-final'; messages: number; points: number; lastCommitAt: number; rejected: number; usage: ProcUsage }
  // outpost-server.ts
  | { type: 'outpost-start'; dataDir: string; devices: number }
  | { type: 'outpost-ready'; mqttPort: number; devices: FleetDevice[] }
  | { type: 'outpost-stop' }
  | { type: 'outpost-closed'; usage: ProcUsage };

export type MessageOf<T extends BenchMessage['type']> = Extract<BenchMessage, { type: T }>;

/** Type guard for one kind of message, for proc.ts nextMessage(). */
export function is<T extends BenchMessage['type']>(type: T): (m: unknown) => m is MessageOf<T> {
  return (m: unknown): m is MessageOf<T> => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;
}

/** Sends to the parent process (children only); `then` runs once the message is handed over. */
export function toParent(m: BenchMessage, then?: () => void): void {
  if (process.send) process.send(m, undefined, {}, () => then?.());
  else then?.();
}

/** Sends a last message, then exits. */
export function finalToParent(m: BenchMessage): void {
  toParent(m, () => process.exit(0));
}

/** Runs `handler` for each message of kind `type` the parent sends. */
export function onParent<T extends BenchMessage['type']>(type: T, handler: (m: MessageOf<T>) => void): void {
  const accept = is(type);
  process.on('message', (m: unknown) => {
    if (accept(m)) handler(m);
  });
}

/** Children exit when the orchestrator disappears (no orphans if it is killed). */
export function exitWithParent(): void {
  process.on('disconnect', () => process.exit(1));
}
