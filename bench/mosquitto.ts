// Starts Debian's mosquitto on a free 127.0.0.1 port with a generated config.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort, track, waitExit } from './proc.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';

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

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startMosquitto(dir: string, options: { noDelay?: boolean } = {}): Promise<Mosquitto> {
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, mosquittoConfig(port, options));
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  track(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${MOSQUITTO}`);
  const deadline = Date.now() + 5000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mosquitto did not listen on 127.0.0.1:${port} within 5 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    pid,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await waitExit(child, 3000);
    },
  };
}
