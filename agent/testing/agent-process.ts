// A whole agent in its own process, for tests that kill and restart it:
//   node --import tsx agent/testing/agent-process.ts CONFIG.json
// It runs the real startAgent with the test executors and stops on SIGTERM.
import { loadConfig } from '../config/load-config.js';
import { startAgent } from '../main.js';
import { testExecutors } from './test-executors.js';

const { config } = await loadConfig({ config: process.argv[2] });
const agent = await startAgent(config, {
  executors: () => testExecutors(),
  refreshInventory: async (services) => {
    await services.sendInventory({ collectedAt: Date.now(), system: { hostname: 'test-host', os: {} } });
    return { published: true };
  },
  stableAfterMs: 200,
});
process.once('SIGTERM', () => void agent.stop().then(() => process.exit(0)));
