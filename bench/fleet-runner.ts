// Child process: runs the simulated device fleet (agent/sim/fleet.ts) so that the load generator
// does not share a process with the server it measures.
import { runFleet } from '../agent/sim/fleet.js';
import { exitWithParent, finalToParent, onParent, toParent } from './messages.js';
import { procUsage } from './proc.js';

exitWithParent();
onParent('fleet-run', ({ job }) => {
  runFleet({ ...job, onStart: (startedAt) => toParent({ type: 'fleet-started', startedAt }) })
    .then((result) => {
      finalToParent({ type: 'fleet-result', result, usage: procUsage('self') });
    })
    .catch((err: unknown) => {
      console.error('fleet-runner:', err);
      process.exit(1);
    });
});
