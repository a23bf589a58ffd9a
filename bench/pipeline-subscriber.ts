// Child process: the peer pipeline's single subscriber. Subscribes to every device's telemetry on
// mosquitto with QoS 1 and stores it like Outpost does (pipeline-store.ts), one transaction per
// batch, flushed every 10 ms or 500 messages. MQTT.js acknowledges each message to mosquitto on
// receipt, as a typical subscriber does; mosquitto acknowledged the device long before.
import mqtt from 'mqtt';
import { exitWithParent, finalToParent, onParent, toParent } from './messages.js';
import { PipelineStore, type Received } from './pipeline-store.js';
import { procUsage } from './proc.js';

const BATCH = 500;
const FLUSH_MS = 10;

exitWithParent();
onParent('sub-start', ({ port, dbFile }) => {
  const store = new PipelineStore(dbFile);
  let queue: Received[] = [];
  let timer: NodeJS.Timeout | undefined;
  let messages = 0;
  let points = 0;
  let lastCommitAt = 0;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    points += store.write(batch);
    messages += batch.length;
    lastCommitAt = Date.now();
  };

  const client = mqtt.connect({
    host: '127.0.0.1',
    port,
    protocolVersion: 4,
    clientId: `pipeline-subscriber-${process.pid}`,
    clean: true,
    reconnectPeriod: 0,
  });
  client.on('error', (err) => console.error('pipeline-subscriber:', err.message));
  client.on('message', (topic, payload) => {
    queue.push({ uid: topic.split('/')[2] ?? '', payload });
    if (queue.length >= BATCH) flush();
    else timer ??= setTimeout(flush, FLUSH_MS);
  });
  client.on('connect', () => {
    client.subscribe('outpost/v1/+/telemetry', { qos: 1 }, (err) => {
      if (err) {
        console.error('pipeline-subscriber: subscribe failed:', err.message);
        process.exit(1);
      }
      toParent({ type: 'sub-ready' });
    });
  });

  const progress = setInterval(() => toParent({ type: 'sub-progress', messages, points, lastCommitAt }), 250);

  onParent('sub-stop', () => {
    clearInterval(progress);
    client.end(true, {}, () => {
      flush();
      store.close();
      finalToParent({ type: 'sub-final', messages, points, lastCommitAt, rejected: store.rejected, usage: procUsage('self') });
    });
  });
});
