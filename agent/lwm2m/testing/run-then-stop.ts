// A process that only runs one simulated client (for the test that stop() leaves nothing behind):
// starts it against the server in argv[2], prints its port, stops it when stdin says "stop",
// prints "stopped" and then must exit by itself. SIM_CACHE_SIZE: the client's cacheSize.
import { createInterface } from 'node:readline';
import { createLwm2mClient } from '../client.js';

const client = createLwm2mClient({ server: process.argv[2]!, endpoint: 'stopper', intervalMs: 50, requestTimeoutMs: 1000, workMs: 10, ...(process.env.SIM_CACHE_SIZE ? { cacheSize: Number(process.env.SIM_CACHE_SIZE) } : {}) });
await client.start();
process.stdout.write(`port ${client.port}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line !== 'stop') return;
  lines.close();
  process.stdin.destroy();
  void client.stop().then(() => process.stdout.write('stopped\n'));
});
