// npm run sim:lwm2m -- --server coap://127.0.0.1:5683 --endpoint my-device
// Runs one simulated LwM2M client, or a fleet (--count N), until Ctrl-C, then de-registers.
import { parseArgs } from 'node:util';
import { Lwm2mClient } from './client.js';
import { startLwm2mFleet, type Lwm2mFleet } from './fleet.js';

const USAGE = `LwM2M client simulator

  npm run sim:lwm2m -- [options]

  --server URL          LwM2M server (default coap://127.0.0.1:5683; IPv6: coap://[::1]:5683)
  --endpoint NAME       endpoint name of a single client (default sim-0001)
  --count N             a fleet of N clients in this process (endpoints PREFIX0001…)
  --prefix TEXT         endpoint prefix for --count (default sim-)
  --concurrency N       fleet registrations in flight at once (default 100)
  --stagger-ms MS       pause between two fleet registrations (default 0)
  --lwm2m 1.0|1.1       protocol version: 1.0 answers TLV, 1.1 SenML CBOR (default 1.1)
  --lifetime S          registration lifetime in seconds (default 300)
  --queue               queue mode (binding UQ in 1.0, the Q parameter in 1.1)
  --awake-ms MS         queue mode: how long the device listens after an uplink (default 93000)
  --interval-ms MS      how often values change (default 5000; 0: never)
  --send-interval-ms MS 1.1: Send (POST /dp) the sensor values this often (default 0: never)
  --timeout-ms MS       how long an uplink waits for an answer (default 5000)
  --temperature-sensors N  instances of object 3303 (default 1; many: a block-wise registration)
  --quiet               fleet: print only the summary
  --help
`;

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name}: "${text}" is not a number ≥ 0`);
    process.exit(2);
  }
  return n;
}

function stamp(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        server: { type: 'string' }, endpoint: { type: 'string' }, count: { type: 'string' }, prefix: { type: 'string' },
        concurrency: { type: 'string' }, 'stagger-ms': { type: 'string' }, lwm2m: { type: 'string' }, lifetime: { type: 'string' },
        queue: { type: 'boolean' }, 'awake-ms': { type: 'string' }, 'interval-ms': { type: 'string' }, 'send-interval-ms': { type: 'string' },
        'timeout-ms': { type: 'string' }, 'temperature-sensors': { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const version = (values.lwm2m as string | undefined) ?? '1.1';
  if (version !== '1.0' && version !== '1.1') {
    console.error(`--lwm2m: "${version}" is not 1.0 or 1.1`);
    process.exit(2);
  }
  const common = {
    server: (values.server as string | undefined) ?? 'coap://127.0.0.1:5683',
    lwm2mVersion: version as '1.0' | '1.1',
    lifetime: number('lifetime', values.lifetime as string | undefined, 300),
    queueMode: Boolean(values.queue),
    awakeMs: number('awake-ms', values['awake-ms'] as string | undefined, 93_000),
    intervalMs: number('interval-ms', values['interval-ms'] as string | undefined, 5000),
    sendIntervalMs: number('send-interval-ms', values['send-interval-ms'] as string | undefined, 0),
    requestTimeoutMs: number('timeout-ms', values['timeout-ms'] as string | undefined, 5000),
    temperatureSensors: Math.max(1, Math.floor(number('temperature-sensors', values['temperature-sensors'] as string | undefined, 1))),
  };
  const count = values.count === undefined ? undefined : number('count', values.count as string, 1);
  let stop: () => Promise<void>;
  if (count === undefined) {
    const client = new Lwm2mClient({ ...common, endpoint: (values.endpoint as string | undefined) ?? 'sim-0001', log: stamp });
    client.on('request', (r) => stamp(`${client.endpoint}: ${r.method} ${r.path} → ${r.code}`));
    stamp(`${client.endpoint}: registering with ${common.server} (LwM2M ${version}${common.queueMode ? ', queue mode' : ''})`);
    client.start().catch(() => stamp(`${client.endpoint}: will keep trying to register`));
    stop = () => client.stop();
  } else {
    const quiet = Boolean(values.quiet) || count > 20;
    const started = Date.now();
    stamp(`starting ${count} clients against ${common.server}${quiet ? ' (per-client lines off)' : ''}`);
    let fleet: Lwm2mFleet;
    try {
      fleet = await startLwm2mFleet({
        ...common,
        count,
        prefix: (values.prefix as string | undefined) ?? 'sim-',
        concurrency: number('concurrency', values.concurrency as string | undefined, 100),
        staggerMs: number('stagger-ms', values['stagger-ms'] as string | undefined, 0),
        ...(quiet ? {} : { log: stamp }),
        onProgress: (done, failed) => {
          if (done % 1000 === 0 || done === count) stamp(`${done}/${count} clients started, ${failed} failed to register at first try`);
        },
      });
    } catch (e) {
      console.error((e as Error).message);
      process.exit(1);
    }
    const s = (Date.now() - started) / 1000;
    stamp(`${fleet.clients.length - fleet.failed.length} of ${count} registered in ${s.toFixed(1)} s`);
    for (const f of fleet.failed.slice(0, 5)) stamp(`${f.endpoint}: ${f.error}`);
    stop = () => fleet.stop();
  }
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) process.exit(130);
    stopping = true;
    stamp('stopping: de-registering (Ctrl-C again to quit at once)');
    void stop().then(() => process.exit(0));
  });
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
}

void main();
