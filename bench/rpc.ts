// Operations round trip: an HTTP request that asks a device to do something and answers with the
// device's reply. Outpost (POST /api/devices/{uid}/operations?wait=5: queue, history, the embedded
// broker) against the seed systems' architecture (an HTTP -> MQTT relay on Debian's mosquitto,
// with no queue and no history), the same simulated devices answering both, in one run.
// Usage: npm run bench:rpc -- [--devices N=100] [--seconds S=5] [--concurrency C=64] [--only outpost|peer]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { ApiClient } from '../core/testing/harness.js';
import { startChildOutpost, stopChild } from '../core/testing/child-outpost.js';
import { startMosquitto } from './mosquitto.js';
import { machineBusy, procUsage, track } from './proc.js';
import { table } from './report.js';

const { values } = parseArgs({ options: { devices: { type: 'string' }, seconds: { type: 'string' }, concurrency: { type: 'string' }, only: { type: 'string' } } });
const DEVICES = Number(values.devices ?? 100);
const SECONDS = Number(values.seconds ?? 5);
const CONCURRENCY = Number(values.concurrency ?? 64);
const TARGET_P99_MS = 5;
const TARGET_RATE = 5000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

interface Figures { name: string; sequential: number[]; loaded: number[]; rate: number; cpuS: number; benchCpuS: number }

/** Devices that answer every request at once; `topicOf` says where requests arrive and replies go. */
async function startDevices(port: number, creds: (i: number) => { clientId: string; username?: string; password?: string },
  requests: (uid: string) => string, replyTo: (topic: string) => string) {
  const clients = await Promise.all(Array.from({ length: DEVICES }, async (_, i) => {
    const c = creds(i);
    const client = await mqtt.connectAsync({ host: '127.0.0.1', port, protocolVersion: 4, reconnectPeriod: 0, ...c });
    client.on('message', (topic) => {
      client.publish(replyTo(topic), '{"ok":true,"result":{"uptime":123}}', { qos: 1 });
    });
    await client.subscribeAsync(requests(c.username ?? c.clientId), { qos: 1 });
    return client;
  }));
  return { stop: () => Promise.all(clients.map((c) => c.endAsync(true))) };
}

/** Sequential round trips (latency alone), then CONCURRENCY at once for SECONDS (throughput and latency under load). */
async function measure(name: string, call: (device: number) => Promise<void>, serverCpu: () => number): Promise<Figures> {
  for (let i = 0; i < 200; i++) await call(i % DEVICES); // warm up
  const sequential: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = performance.now();
    await call(i % DEVICES);
    sequential.push(performance.now() - t);
  }
  const loaded: number[] = [];
  const cpuBefore = serverCpu();
  // this process is the load generator and the devices (fetch, 100 MQTT.js clients), on the same cores
  const benchCpuBefore = procUsage('self').cpuSeconds;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await call(n++ % DEVICES);
      loaded.push(performance.now() - t);
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  return { name, sequential, loaded, rate: loaded.length / elapsed, cpuS: serverCpu() - cpuBefore, benchCpuS: procUsage('self').cpuSeconds - benchCpuBefore };
}

async function runOutpost(): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-rpc-'));
  const core = await startChildOutpost(dataDir);
  try {
    const api = new ApiClient(core.url);
    await api.post('/api/setup', { username: 'bench', password: 'bench password' });
    const tokens: string[] = [];
    for (let i = 0; i < DEVICES; i++) tokens.push((await api.post('/api/devices', { uid: `dev-${i}`, name: `dev-${i}` })).body.credentials.token);
    const devices = await startDevices(core.mqttPort, (i) => ({ clientId: `dev-${i}`, username: `dev-${i}`, password: tokens[i] }),
      (uid) => `outpost/v1/${uid}/op/+`, (topic) => topic.replace('/op/', '/reply/'));
    const body = JSON.stringify({ kind: 'system.status', args: {} });
    const call = async (i: number) => {
      const res = await fetch(`${core.url}/api/devices/dev-${i}/operations?wait=5`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: api.cookie }, body,
      });
      const op = await res.json() as { state: string };
      if (op.state !== 'succeeded') throw new Error(`operation ended ${op.state}`);
    };
    const figures = await measure('Outpost (queue + history, SQLite synchronous=FULL)', call, () => procUsage(core.child.pid!).cpuSeconds);
    await devices.stop();
    return figures;
  } finally {
    await stopChild(core.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPeer(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-rpc-peer-'));
  const broker = await startMosquitto(dir, { noDelay: true });
  let relay: ChildProcess | undefined;
  try {
    relay = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./rpc-relay.ts', import.meta.url)), String(broker.port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    track(relay);
    const relayPort = await new Promise<number>((resolve, reject) => {
      relay!.stdout!.on('data', (d: Buffer) => {
        const m = /relay on (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      relay!.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    });
    const devices = await startDevices(broker.port, (i) => ({ clientId: `dev-${i}` }),
      (uid) => `peer/${uid}/req/+`, (topic) => topic.replace('/req/', '/res/'));
    const body = JSON.stringify({ kind: 'system.status', args: {} });
    const call = async (i: number) => {
      const res = await fetch(`http://127.0.0.1:${relayPort}/rpc/dev-${i}`, { method: 'POST', body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`relay answered ${res.status}`);
    };
    // the peer is two processes: count both
    const pids = [relay.pid!, broker.pid];
    const f = await measure('peer: HTTP -> MQTT relay on mosquitto (no queue, no history)', call,
      () => pids.reduce((sum, pid) => sum + procUsage(pid).cpuSeconds, 0));
    await devices.stop();
    return f;
  } finally {
    relay?.kill('SIGKILL');
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const busy = await machineBusy(1000);
const results: Figures[] = [];
if (values.only !== 'peer') results.push(await runOutpost());
if (values.only !== 'outpost') results.push(await runPeer());
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`\nbench:rpc — ${DEVICES} devices answering at once; ${cpus().length} × ${cpus()[0]?.model.trim()}; machine ${(busy * 100).toFixed(0)}% busy before`);
console.log('one request at a time (1,000 round trips):');
console.log(table(['', 'p50', 'p95', 'p99'], results.map((r) => [r.name, ms(pct(r.sequential, 0.5)), ms(pct(r.sequential, 0.95)), ms(pct(r.sequential, 0.99))])));
console.log(`\n${CONCURRENCY} requests in flight for ${SECONDS} s:`);
console.log(table(['', 'operations/s', 'p50', 'p99', 'server CPU s', 'bench CPU s'], results.map((r) => [r.name, Math.round(r.rate).toLocaleString('en-US'),
  ms(pct(r.loaded, 0.5)), ms(pct(r.loaded, 0.99)), r.cpuS.toFixed(1), r.benchCpuS.toFixed(1)])));
const [ours, peer] = values.only ? [results[0]!, undefined] : results as [Figures, Figures];
if (ours && values.only !== 'peer') console.log(`\ntargets: p99 ≤ ${TARGET_P99_MS} ms one at a time: ${pct(ours.sequential, 0.99) <= TARGET_P99_MS ? 'met' : 'missed'}; ` +
  `≥ ${TARGET_RATE.toLocaleString('en-US')} operations/s: ${ours.rate >= TARGET_RATE ? 'met' : 'missed'}; ` +
  (peer ? `ahead of the peer: ${ours.rate > peer.rate && pct(ours.sequential, 0.99) < pct(peer.sequential, 0.99) ? 'yes' : 'no'}` : ''));
process.exit(0);
