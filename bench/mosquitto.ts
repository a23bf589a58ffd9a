// Starts Debian's mosquitto on a free 127.0.0.1 port with a generated config.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOSQUITTO, freePort, waitListening } from '../agent/testing/mosquitto.js';
import { track, waitExit } from './proc.js';

export interface Mosquitto {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

export function mosquittoConfig(port: number, options: { noDelay?: boolean } = {}): string {
  return [
    `listener ${port} 127.0.0.1`,
    // request/reply traffic: small packets must not wait for Nagle's algorithm
    ...(options.noDelay ? ['set_tcp_nodelay true'] : []),
    'allow_anonymous true',
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    '',
  ].join('\n');
}

export async function startMosquitto(dir: string, options: { noDelay?: boolean } = {}): Promise<Mosquitto> {
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, mosquittoConfig(port, options));
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  track(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${MOSQUITTO}`);
  await waitListening(child, port);
  return {
    pid,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await waitExit(child, 3000);
    },
  };
}
