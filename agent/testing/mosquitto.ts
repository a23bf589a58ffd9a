// Debian's real mosquitto on a free 127.0.0.1 port, for the agent's tests. It can be stopped and
// started again on the same port, and keeps its sessions across that (persistence in `dir`), like
// Outpost's own broker does, so a test can take the broker away and bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO = '/usr/sbin/mosquitto';

export interface TestBroker {
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** Resolves once a freshly spawned mosquitto accepts connections on 127.0.0.1:port (5 s at most). */
export async function waitListening(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mosquitto did not listen on 127.0.0.1:${port} within 5 s`);
    }
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** `extra`: more mosquitto.conf lines, e.g. `max_packet_size 3000`. */
export async function startTestBroker(dir: string, extra: string[] = []): Promise<TestBroker> {
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    // started as root, mosquitto would switch to the mosquitto user, who cannot write our temp dir
    `user ${userInfo().username}`,
    'persistence true',
    `persistence_location ${dir}/`,
    'log_dest stderr',
    'log_type error',
    ...extra,
    '',
  ].join('\n'));
  let child: ChildProcess | undefined;

  const broker: TestBroker = {
    port,
    async start() {
      const c = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = c;
      // errors are shown; the start-up warning about running as root (tests often do) is not
      c.stderr!.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().split('\n').filter((l) => l && !l.includes('should not be run as root'));
        if (lines.length) process.stderr.write(`mosquitto: ${lines.join('\n')}\n`);
      });
      await waitListening(c, port);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      // SIGTERM: mosquitto writes its persistence file (sessions, queued messages) and exits
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => c.kill('SIGKILL'), 3000);
        c.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        c.kill('SIGTERM');
      });
    },
  };
  await broker.start();
  return broker;
}
