// system.reboot: answers first, then reboots a few seconds later, so the reply is on its way
// (the outbox keeps it if the broker is slow) before the network goes down.
import { execFile } from 'node:child_process';
import type { Executor } from '../runner/executor.js';

export type Reboot = () => Promise<void>;

/** `systemctl reboot`; in the strict snap the shutdown interface allows it. */
export const systemctlReboot: Reboot = () => new Promise((resolve, reject) =>
  execFile('systemctl', ['reboot'], (e) => (e ? reject(e) : resolve())));

export function systemRebootExecutor(reboot: Reboot, log: (message: string) => void, delayMs = 3000): Executor<Record<string, never>> {
  return {
    async run() {
      setTimeout(() => reboot().catch((e: Error) => log(`reboot failed: ${e.message}`)), delayMs).unref();
      return { rebootingInMs: delayMs };
    },
  };
}
