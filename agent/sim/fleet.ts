// A fleet of simulated MQTT devices publishing telemetry as fast as the broker acknowledges it.
// Each client keeps at most `inflight` unacknowledged messages (closed loop): the fleet saturates
// the server while memory stays bounded (devices × inflight messages at most). With `ratePerDevice`
// each client instead publishes at a fixed rate (open loop), still never beyond `inflight`.
import mqtt, { type MqttClient } from 'mqtt';
import { keyNames, telemetryPayload, telemetryTopic } from './payload.js';

export interface FleetDevice {
  uid: string;
  username?: string;
  password?: string;
}

export interface FleetOptions {
  host: string;
  port: number;
  devices: readonly FleetDevice[];
  /** values per message (plus `ts`) */
  keys: number;
  qos: 0 | 1;
  /** publishing time; connecting happens before and is not counted */
  seconds: number;
  /** max unacknowledged messages per client */
  inflight: number;
  /** messages per second per device; 0 or absent: as fast as acknowledgements allow */
  ratePerDevice?: number;
  /** parallel connection attempts (a burst of 1000 SYNs overflows listen backlogs) */
  connectConcurrency?: number;
  /** after `seconds`, how long to wait for outstanding acknowledgements */
  drainMs?: number;
  onStart?: (startedAt: number) => void;
}

export interface FleetResult {
  devices: number;
  connected: number;
  connectMs: number;
  /** epoch ms when publishing started, stopped, and the last acknowledgement arrived (or drain gave up) */
  startedAt: number;
  stoppedAt: number;
  endedAt: number;
  sent: number;
  /** fixed-rate mode: ticks skipped because the client's in-flight window was full */
  skipped: number;
  acked: number;
  failed: number;
  /** clients the server closed while publishing */
  dropped: number;
  errors: string[];
}

interface Sim {
  client: MqttClient;
  topic: string;
  index: number;
  seq: number;
  inflight: number;
  closed: boolean;
}

function connectOne(o: FleetOptions, d: FleetDevice): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect({
      host: o.host,
      port: o.port,
      protocol: 'mqtt',
      protocolVersion: 4,
      clientId: d.uid,
      username: d.username,
      password: d.password,
      clean: true,
      keepalive: 60,
      reconnectPeriod: 0,
      connectTimeout: 15_000,
    });
    const fail = (err: Error) => {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end(true);
      reject(err);
    };
    client.once('connect', () => {
      client.removeListener('error', fail);
      client.removeListener('close', onClose);
      resolve(client);
    });
    const onClose = () => fail(new Error(`${d.uid}: connection closed before CONNACK`));
    client.once('error', fail);
    client.once('close', onClose);
  });
}

async function connectWithRetry(o: FleetOptions, d: FleetDevice): Promise<MqttClient> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await connectOne(o, d);
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
  }
  throw last;
}

export async function runFleet(o: FleetOptions): Promise<FleetResult> {
  if (o.inflight < 1) throw new RangeError('inflight must be >= 1');
  const names = keyNames(o.keys);
  const errors: string[] = [];
  const noteError = (msg: string) => {
    if (errors.length < 20) errors.push(msg);
  };

  // 1. connect, a bounded number at a time
  const t0 = Date.now();
  const sims: Sim[] = [];
  let next = 0;
  const workers = Array.from({ length: Math.min(o.connectConcurrency ?? 50, o.devices.length) }, async () => {
    while (next < o.devices.length) {
      const index = next++;
      const d = o.devices[index]!;
      try {
        const client = await connectWithRetry(o, d);
        sims.push({ client, topic: telemetryTopic(d.uid), index, seq: 0, inflight: 0, closed: false });
      } catch (err) {
        noteError(`connect ${d.uid}: ${(err as Error).message}`);
      }
    }
  });
  await Promise.all(workers);
  const connectMs = Date.now() - t0;

  // 2. publish in a closed loop for `seconds`
  let running = true;
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let dropped = 0;
  let lastAck = 0;
  let skipped = 0;
  const rate = o.ratePerDevice ?? 0;
  const publishOne = (s: Sim) => {
    s.inflight++;
    sent++;
    const payload = telemetryPayload(names, s.index, s.seq++, Date.now());
    s.client.publish(s.topic, payload, { qos: o.qos }, (err) => {
      s.inflight--;
      if (err) {
        failed++;
        noteError(`publish ${s.topic}: ${err.message}`);
      } else {
        acked++;
        lastAck = Date.now();
      }
      if (rate <= 0) pump(s);
    });
  };
  const pump = (s: Sim) => {
    while (running && !s.closed && s.inflight < o.inflight) publishOne(s);
  };
  const timers: NodeJS.Timeout[] = [];
  const tick = (s: Sim) => {
    if (!running || s.closed) return;
    if (s.inflight < o.inflight) publishOne(s);
    else skipped++;
  };
  const start = (s: Sim) => {
    if (rate <= 0) return pump(s);
    // spread the devices over one period so they do not publish in lockstep
    const period = 1000 / rate;
    timers.push(setTimeout(() => {
      if (!running) return;
      tick(s);
      timers.push(setInterval(() => tick(s), period));
    }, Math.random() * period));
  };
  for (const s of sims) {
    s.client.on('error', (err) => noteError(`client ${s.topic}: ${err.message}`));
    s.client.on('close', () => {
      if (!s.closed && running) {
        dropped++;
        noteError(`server closed ${s.topic}`);
      }
      s.closed = true;
    });
  }
  const startedAt = Date.now();
  o.onStart?.(startedAt);
  for (const s of sims) start(s);
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  running = false;
  for (const t of timers) clearTimeout(t);
  const stoppedAt = Date.now();

  // 3. drain outstanding acknowledgements (bounded), then disconnect
  const drainUntil = stoppedAt + (o.drainMs ?? 10_000);
  while (Date.now() < drainUntil && sims.some((s) => !s.closed && s.inflight > 0)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const endedAt = sims.some((s) => !s.closed && s.inflight > 0) ? Date.now() : Math.max(lastAck, stoppedAt);
  for (const s of sims) s.closed = true;
  await Promise.all(sims.map((s) => new Promise<void>((r) => s.client.end(true, {}, () => r()))));

  return {
    devices: o.devices.length,
    connected: sims.length,
    connectMs,
    startedAt,
    stoppedAt,
    endedAt,
    sent,
    skipped,
    acked,
    failed,
    dropped,
    errors,
  };
}
