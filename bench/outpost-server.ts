// Child process: Outpost's server side alone (startOutpost on a temp data dir), so that its RSS
// and CPU are measured apart from the load generator and the orchestrator.
import { startOutpost } from '../core/app.js';
import { deviceUid } from '../agent/sim/payload.js';
import type { FleetDevice } from '../agent/sim/fleet.js';
import { exitWithParent, finalToParent, onParent, toParent } from './messages.js';
import { procUsage } from './proc.js';

exitWithParent();
onParent('outpost-start', ({ dataDir, devices }) => {
  startOutpost({ dataDir, httpPort: 0, mqttPort: 0, host: '127.0.0.1', quiet: true })
    .then((app) => {
      if (app.mqttPort === null) throw new Error(`Outpost started without its MQTT broker: ${app.mqttError ?? 'unknown error'}`);
      const mqttPort = app.mqttPort;
      const creds: FleetDevice[] = [];
      for (let i = 0; i < devices; i++) {
        const uid = deviceUid(i, 'bench');
        const { username, token } = app.provisionDevice(uid, `Bench device ${i + 1}`);
        creds.push({ uid, username, password: token });
      }
      onParent('outpost-stop', () => {
        app
          .close()
          .then(() => finalToParent({ type: 'outpost-closed', usage: procUsage('self') }))
          .catch((err: unknown) => {
            console.error('outpost-server: close failed:', err);
            process.exit(1);
          });
      });
      toParent({ type: 'outpost-ready', mqttPort, devices: creds });
    })
    .catch((err: unknown) => {
      console.error('outpost-server: start failed:', err);
      process.exit(1);
    });
});
