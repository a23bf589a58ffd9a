// Shared by core/coap's tests only: raw UDP peers, and libcoap's example client and server as
// foreign peers.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface RawPeer {
  socket: Socket;
  port: number;
  /** every datagram received, oldest first */
  received: Buffer[];
  /** forgets datagrams not yet taken with next() */
  clear(): void;
  send(data: Buffer, port: number, address?: string): void;
  /** the next datagram not yet taken, within `timeoutMs` (undefined when none came) */
  next(timeoutMs?: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export async function rawPeer(host = '127.0.0.1'): Promise<RawPeer> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.bind(0, host);
  await once(socket, 'listening');
  const received: Buffer[] = [];
  const queue: Buffer[] = [];
  socket.on('message', (data) => {
    received.push(data);
    queue.push(data);
  });
  return {
    socket, received,
    clear: () => {
      queue.length = 0;
    },
    port: socket.address().port,
    send: (data, port, address = host) => socket.send(data, port, address),
    next: async (timeoutMs = 1000) => {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      return queue.shift();
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

export async function freeUdpPort(): Promise<number> {
  const peer = await rawPeer();
  const { port } = peer;
  await peer.close();
  return port;
}

/** Runs libcoap's coap-client-notls; resolves with what it printed (stdout + stderr). */
export async function coapClient(args: string[]): Promise<string> {
  const { stdout, stderr } = await execFileAsync('coap-client-notls', ['-B', '3', ...args], { encoding: 'utf8', maxBuffer: 1 << 22 });
  return stdout + stderr;
}

export interface LibcoapServer {
  port: number;
  stop(): Promise<void>;
}

/** libcoap's example server (/, /time observable, /example_data PUT/GET) on 127.0.0.1. */
export async function startLibcoapServer(): Promise<LibcoapServer> {
  const port = await freeUdpPort();
  const child: ChildProcess = spawn('coap-server-notls', ['-A', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  // ready once it answers a GET
  for (let attempt = 0; attempt < 50; attempt++) {
    const output = await execFileAsync('coap-client-notls', ['-B', '1', `coap://127.0.0.1:${port}/`], { encoding: 'utf8' }).catch(() => ({ stdout: '' }));
    if (output.stdout.includes('libcoap')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill();
        await once(child, 'exit');
      }
    },
  };
}
