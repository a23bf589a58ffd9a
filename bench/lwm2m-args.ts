// Command-line flags of bench/lwm2m.ts (pure; see lwm2m-args.test.ts).
import { parseArgs } from 'node:util';

export interface Lwm2mArgs {
  /** fleet sizes, each a run of its own */
  clients: number[];
  /** how long notifications are sent */
  seconds: number;
  /** notifications offered per second, all clients together */
  rate: number;
  /** Register requests in flight at once */
  concurrency: number;
  only: 'both' | 'outpost' | 'peer';
}

export const LWM2M_USAGE =
  'usage: npm run bench:lwm2m -- [--clients N (repeat it, or 1000,10000; default both)] [--seconds S=10] ' +
  '[--rate R=25000 notifications/s in total] [--concurrency C=200 Registers in flight] [--only outpost|peer]';

/** ulimit -n here is 20,000: one socket per client, plus the process's own files */
export const MAX_CLIENTS = 19_000;

function int(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  return n;
}

export function parseLwm2mArgs(argv: readonly string[]): Lwm2mArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      clients: { type: 'string', multiple: true },
      seconds: { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const only = values.only ?? 'both';
  if (only !== 'both' && only !== 'outpost' && only !== 'peer') throw new Error(`--only must be outpost or peer, got "${only}"`);
  const clients = (values.clients ?? ['1000,10000']).flatMap((v) => v.split(',')).map((v) => int('clients', v.trim(), 1, MAX_CLIENTS));
  return {
    clients,
    seconds: int('seconds', values.seconds ?? '10', 1, 600),
    rate: int('rate', values.rate ?? '25000', 1, 1_000_000),
    concurrency: int('concurrency', values.concurrency ?? '200', 1, 10_000),
    only,
  };
}
