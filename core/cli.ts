#!/usr/bin/env node
// Headless entry: `node dist/core/cli.js --help`. Electron runs this same file in a utility process.
import { parseArgs } from 'node:util';
import { startOutpost, defaultDataDir } from './app.js';

const HELP = `Outpost — IoT control center (headless)

Usage: outpost [options]

  --data-dir DIR     where the database lives (default: ${defaultDataDir()}; env OUTPOST_DATA_DIR)
  --http-port N      port of the web UI and API (default: from settings, 8080; 0 = any free port)
  --mqtt-port N      port of the MQTT broker (default: from settings, 1883; 0 = any free port)
  --coap-port N      UDP port of the LwM2M server (default: from settings, 5683; 0 = any free port)
  --host ADDRESS     address to bind (default 127.0.0.1; LAN access is not supported yet)
  --quiet            log errors only
  -h, --help         show this help
`;

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data?: { type?: string } }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--${name} must be a port number 0-65535, got "${value}"`);
  return n;
}

function fail(message: string): never {
  console.error(`outpost: ${message}`);
  parentPort?.postMessage({ type: 'fatal', message });
  process.exit(1);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        'http-port': { type: 'string' },
        'mqtt-port': { type: 'string' },
        'coap-port': { type: 'string' },
        host: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  let outpost;
  try {
    outpost = await startOutpost({
      dataDir,
      httpPort: port(values['http-port'], 'http-port'),
      mqttPort: port(values['mqtt-port'], 'mqtt-port'),
      coapPort: port(values['coap-port'], 'coap-port'),
      host: values.host,
      quiet: values.quiet,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') fail(`port in use: ${err.message}. Choose another with --http-port / --mqtt-port / --coap-port.`);
    fail(`could not start: ${err.message}`);
  }
  console.log(`Outpost is running at ${outpost.url}`);
  if (outpost.mqttPort !== null) console.log(`MQTT broker on ${values.host ?? '127.0.0.1'}:${outpost.mqttPort}`);
  else console.log(`MQTT broker not running: ${outpost.mqttError}`);
  if (outpost.coapPort !== null) console.log(`LwM2M (CoAP/UDP) on ${values.host ?? '127.0.0.1'}:${outpost.coapPort}`);
  else console.log(`LwM2M server not running: ${outpost.coapError}`);
  console.log(`Data in ${dataDir}`);
  parentPort?.postMessage({ type: 'ready', url: outpost.url, httpPort: outpost.httpPort, mqttPort: outpost.mqttPort, coapPort: outpost.coapPort });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await outpost.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Windows has no SIGTERM: the Electron shell asks over the port instead
  parentPort?.on('message', (e) => {
    if (e.data?.type === 'shutdown') void stop();
  });
}

void main();
