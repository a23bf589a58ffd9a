// Outpost as its own process (the headless CLI): for kill -9 and for memory measured apart
// from the test's own clients.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
/** the CLI as `npm run build:node` compiles it: what users run (tsx adds a helper call to every closure it creates) */
const compiledCli = fileURLToPath(new URL('../../dist/core/cli.js', import.meta.url));

/** `coapPort`: null when the LwM2M server did not start */
export interface ChildOutpost { child: ChildProcess; url: string; mqttPort: number; coapPort: number | null }

/** `compiled`: run dist/core/cli.js (benchmarks, after `npm run build:node`) instead of the sources through tsx. */
export function startChildOutpost(dataDir: string, extraArgs: string[] = [], options: { compiled?: boolean } = {}): Promise<ChildOutpost> {
  // OUTPOST_CHILD_NODE_ARGS: extra node flags for the child (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof for a profile)
  const nodeArgs = process.env.OUTPOST_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  if (options.compiled && !existsSync(compiledCli)) return Promise.reject(new Error(`${compiledCli} is missing: run npm run build:node`));
  const entry = options.compiled ? [compiledCli] : ['--import', 'tsx', cli];
  const child = spawn(process.execPath, [...nodeArgs, ...entry, '--data-dir', dataDir, '--http-port', '0', '--mqtt-port', '0', '--coap-port', '0', '--quiet', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      const port = /MQTT broker on \S+:(\d+)/.exec(out)?.[1];
      const coap = /LwM2M (?:\(CoAP\/UDP\) on \S+:(\d+)|server not running)/.exec(out);
      if (url && port && coap) resolve({ child, url, mqttPort: Number(port), coapPort: coap[1] === undefined ? null : Number(coap[1]) });
    });
    child.once('exit', (code) => reject(new Error(`core exited with ${code} before starting: ${out}`)));
  });
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  await exited;
}
