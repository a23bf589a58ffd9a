// Many simulated clients in one process, each with its own socket: endpoints prefix0001…,
// registrations started at most `concurrency` at a time and `staggerMs` apart.
import { Lwm2mClient, type Lwm2mClientOptions } from './client.js';

export interface Lwm2mFleetOptions extends Omit<Lwm2mClientOptions, 'endpoint'> {
  count: number;
  /** endpoint names are prefix + a zero-padded number from 1 (default "sim-") */
  prefix?: string;
  /** registrations in flight at once (default 100) */
  concurrency?: number;
  /** pause between starting two registrations (default 0) */
  staggerMs?: number;
  /** after each client's first registration attempt */
  onProgress?: (done: number, failed: number) => void;
}

export interface Lwm2mFleet {
  clients: Lwm2mClient[];
  /** clients whose first registration failed (they keep retrying) */
  failed: { endpoint: string; error: string }[];
  stop(): Promise<void>;
}

export function fleetEndpoint(prefix: string, index: number, count: number): string {
  return `${prefix}${String(index + 1).padStart(Math.max(4, String(count).length), '0')}`;
}

export async function startLwm2mFleet(options: Lwm2mFleetOptions): Promise<Lwm2mFleet> {
  const { count, prefix = 'sim-', concurrency = 100, staggerMs = 0, onProgress, ...clientOptions } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a whole number ≥ 1, not ${count}`);
  const clients: Lwm2mClient[] = [];
  const failed: Lwm2mFleet['failed'] = [];
  let next = 0;
  let done = 0;
  let fatal: Error | undefined;
  const worker = async (): Promise<void> => {
    while (next < count && !fatal) {
      const i = next++;
      const client = new Lwm2mClient({ ...clientOptions, endpoint: fleetEndpoint(prefix, i, count) });
      clients.push(client);
      try {
        await client.start();
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        // out of file descriptors: more clients cannot help; stop starting them
        if (/EMFILE/.test(error)) fatal = e as Error;
        failed.push({ endpoint: client.endpoint, error });
      }
      done++;
      onProgress?.(done, failed.length);
      if (staggerMs > 0) await new Promise((r) => setTimeout(r, staggerMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const fleet: Lwm2mFleet = {
    clients,
    failed,
    async stop() {
      for (let i = 0; i < clients.length; i += concurrency) await Promise.all(clients.slice(i, i + concurrency).map((c) => c.stop()));
    },
  };
  if (fatal) {
    await fleet.stop();
    throw fatal;
  }
  return fleet;
}
