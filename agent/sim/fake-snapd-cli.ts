// Runs the fake snapd on its own, for demos and trying the agent by hand:
//   tsx agent/sim/fake-snapd-cli.ts --socket /tmp/snapd.socket [--step-ms 250]
//   curl --unix-socket /tmp/snapd.socket http://localhost/v2/snaps
// Stops (and removes the socket file) on SIGINT / SIGTERM.
import { parseArgs } from 'node:util';
import { FakeSnapd } from './fake-snapd.js';

const HELP = 'usage: tsx agent/sim/fake-snapd-cli.ts [--socket PATH] [--step-ms MS=250]';
const { values } = parseArgs({ options: { socket: { type: 'string' }, 'step-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const stepMs = Number(values['step-ms'] ?? 250);
if (!Number.isFinite(stepMs) || stepMs < 0) {
  console.error(`fake-snapd: --step-ms must be a number of milliseconds\n${HELP}`);
  process.exit(2);
}
const snapd = await FakeSnapd.start({ stepMs, ...(values.socket ? { socketPath: values.socket } : {}) });
console.log(`fake snapd listening on ${snapd.socketPath}`);
const stop = (): void => {
  void snapd.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
