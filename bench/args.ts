// Command-line flags of bench/mqtt-ingest.ts (pure; see args.test.ts).
import { parseArgs } from 'node:util';

export interface IngestArgs {
  devices: number;
  seconds: number;
  keys: number;
  qos: 0 | 1;
  /** unacknowledged messages allowed per simulated device */
  inflight: number;
  /** messages/s per device; 0 = as fast as acknowledgements allow (closed loop) */
  rate: number;
  only: 'both' | 'outpost' | 'peer';
}

export const USAGE =
  'usage: npm run bench:ingest -- [--devices N=1000] [--seconds S=20] [--keys K=4] [--qos 1|0] [--inflight W=16] [--rate R=0 msgs/s per device, 0 = closed loop] [--only outpost|peer]';

function int(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  return n;
}

export function parseIngestArgs(argv: readonly string[]): IngestArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      devices: { type: 'string' },
      seconds: { type: 'string' },
      keys: { type: 'string' },
      qos: { type: 'string' },
      inflight: { type: 'string' },
      rate: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const qos = int('qos', values.qos, 1, 0, 1) as 0 | 1;
  const only = values.only ?? 'both';
  if (only !== 'both' && only !== 'outpost' && only !== 'peer') throw new Error(`--only must be outpost or peer, got "${only}"`);
  return {
    devices: int('devices', values.devices, 1000, 1, 20_000),
    seconds: int('seconds', values.seconds, 20, 1, 600),
    keys: int('keys', values.keys, 4, 1, 100),
    qos,
    inflight: int('inflight', values.inflight, 16, 1, 1000),
    rate: int('rate', values.rate, 0, 0, 1000),
    only,
  };
}
