// A simulated device for trying Outpost without hardware: publishes telemetry every few seconds
// with the credentials Outpost showed when the device was added.
// Usage: npm run demo-device -- --uid UID --token TOKEN [--host 127.0.0.1] [--port 1883] [--every 2] [--keys 3]
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { keyNames, telemetryPayload, telemetryTopic } from './payload.js';

const HELP = 'usage: npm run demo-device -- --uid UID --token TOKEN [--host 127.0.0.1] [--port 1883] [--every SECONDS=2] [--keys N=3]';

const { values } = parseArgs({
  options: {
    uid: { type: 'string' }, token: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
    every: { type: 'string' }, keys: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.uid || !values.token) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const uid = values.uid;
const every = Math.max(0.1, Number(values.every ?? 2));
const names = keyNames(Number(values.keys ?? 3));
const statusTopic = `outpost/v1/${uid}/status`;

const client = mqtt.connect({
  host: values.host ?? '127.0.0.1', port: Number(values.port ?? 1883), clientId: uid, username: uid, password: values.token,
  keepalive: 30, will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
});
client.on('error', (e) => {
  console.error(`demo-device: ${e.message}`);
  if (/username or password|not authorized/i.test(e.message)) process.exit(1);
});
client.on('connect', () => {
  console.log(`demo-device ${uid}: connected, publishing ${names.join(', ')} every ${every} s (Ctrl+C stops)`);
  client.publish(statusTopic, 'online', { qos: 1, retain: true });
});
let seq = 0;
const timer = setInterval(() => {
  if (client.connected) client.publish(telemetryTopic(uid), telemetryPayload(names, 0, seq++ * 5, Date.now()), { qos: 1 });
}, every * 1000);
process.on('SIGINT', () => {
  clearInterval(timer);
  client.publish(statusTopic, 'offline', { qos: 1, retain: true }, () => client.end());
});
