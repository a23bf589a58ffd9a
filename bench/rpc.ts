// Operations round trip: an HTTP request that asks a device to do something and answers with the
// device's reply. Outpost (POST /api/devices/{uid}/operations?wait=5: queue, history, the embedded
// broker) against the seed systems' architecture (an HTTP -> MQTT relay on Debian's mosquitto,
// with no queue and no history), the same simulated devices answering both, in one run.
// The load generator is this one process, on the same two cores as the servers: keep-alive
// HTTP/1.1 connections writing prepared requests (rpc-http-client.ts) and 100 bare MQTT devices
// (rpc-devices.ts). It used to be fetch and 100 MQTT.js clients, which cost about 1 ms of CPU per
// round trip, more than the relay it measured; now about 0.1 ms. Both servers get the same
// requests, packets and devices; the table shows CPU per operation for the server and the bench.
// Profile Outpost: OUTPOST_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:rpc -- --only outpost
// Usage: npm run bench:rpc -- [--devices N=100] [--seconds S=5] [--concurrency C=64] [--only outpost|peer]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../core/testing/harness.js';
import { startChildOutpost, stopChild } from '../core/testing/child-outpost.js';
import { compileCore } from './compiled-core.js';
import { startMosquitto } from './mosquitto.js';
import { HttpConnection, requestBytes } from './rpc-http-client.js';
import { startDevices } from './rpc-devices.js';
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

type Call = (conn: HttpConnection, device: number) => Promise<void>;

/** Sequential round trips (latency alone), then CONCURRENCY at once for SECONDS (throughput and latency under load). */
async function measure(name: string, port: number, call: Call, serverCpu: () => number): Promise<Figures> {
  const one = new HttpConnection(port);
  for (let i = 0; i < 200; i++) await call(one, i % DEVICES); // warm up
  const sequential: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = performance.now();
    await call(one, i % DEVICES);
    sequential.push(performance.now() - t);
  }
  one.close();
  const loaded: number[] = [];
  const cpuBefore = serverCpu();
  // this process is the load generator and the devices, on the same cores as the server
  const benchCpuBefore = procUsage('self').cpuSeconds;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    const conn = new HttpConnection(port);
    while (performance.now() < end) {
      const t = performance.now();
      await call(conn, n++ % DEVICES);
      loaded.push(performance.now() - t);
    }
    conn.close();
  }));
  const elapsed = (performance.now() - start) / 1000;
  return { name, sequential, loaded, rate: loaded.length / elapsed, cpuS: serverCpu() - cpuBefore, benchCpuS: procUsage('self').cpuSeconds - benchCpuBefore };
}

async function runOutpost(): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-rpc-'));
  const core = await startChildOutpost(dataDir, [], { compiled: true });
  try {
    const api = new ApiClient(core.url);
    await api.post('/api/setup', { username: 'bench', password: 'bench password' });
    const tokens: string[] = [];
    for (let i = 0; i < DEVICES; i++) tokens.push((await api.post('/api/devices', { uid: `dev-${i}`, name: `dev-${i}` })).body.credentials.token);
    const devices = await startDevices(core.mqttPort, DEVICES, (i) => ({ clientId: `dev-${i}`, username: `dev-${i}`, password: tokens[i] }),
      (i) => `outpost/v1/dev-${i}/op/+`, (topic) => topic.replace('/op/', '/reply/'));
    const { host, port } = new URL(core.url);
    const body = JSON.stringify({ kind: 'system.status', args: {} });
    const requests = Array.from({ length: DEVICES }, (_, i) => requestBytes('POST', `/api/devices/dev-${i}/operations?wait=5`, host,
      ['content-type: application/json', `cookie: ${api.cookie}`], body));
    const call: Call = async (conn, i) => {
      const res = await conn.request(requests[i]!);
      const op = JSON.parse(res.body.toString()) as { state: string };
      if (op.state !== 'succeeded') throw new Error(`operation ended ${op.state} (HTTP ${res.status})`);
    };
    const figures = await measure('Outpost (queue + history, SQLite synchronous=FULL)', Number(port), call, () => procUsage(core.child.pid!).cpuSeconds);
    devices.stop();
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
    const devices = await startDevices(broker.port, DEVICES, (i) => ({ clientId: `dev-${i}` }),
      (i) => `peer/dev-${i}/req/+`, (topic) => topic.replace('/req/', '/res/'));
    const body = JSON.stringify({ kind: 'system.status', args: {} });
    const requests = Array.from({ length: DEVICES }, (_, i) => requestBytes('POST', `/rpc/dev-${i}`, `127.0.0.1:${relayPort}`,
      ['content-type: application/json'], body));
    const call: Call = async (conn, i) => {
      const res = await conn.request(requests[i]!);
      if (res.status !== 200) throw new Error(`relay answered ${res.status}`);
    };
    // the peer is two processes: count both
    const pids = [relay.pid!, broker.pid];
    const f = await measure('peer: HTTP -> MQTT relay on mosquitto (no queue, no history)', relayPort, call,
      () => pids.reduce((sum, pid) => sum + procUsage(pid).cpuSeconds, 0));
    devices.stop();
    return f;
  } finally {
    relay?.kill('SIGKILL');
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadBefore = loadavg();
if (values.only !== 'peer') compileCore((msg) => console.log(`[bench] ${msg}`));
const busy = await machineBusy(1000);
const results: Figures[] = [];
if (values.only !== 'peer') results.push(await runOutpost());
if (values.only !== 'outpost') results.push(await runPeer());
const ms = (x: number) => `${x.toFixed(2)} ms`;
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`\nbench:rpc — ${DEVICES} devices answering at once; ${cpus().length} × ${cpus()[0]?.model.trim()}; machine ${(busy * 100).toFixed(0)}% busy before; ` +
  `load average ${load(loadBefore)} before, ${load(loadavg())} after`);
console.log('one request at a time (1,000 round trips):');
console.log(table(['', 'p50', 'p95', 'p99'], results.map((r) => [r.name, ms(pct(r.sequential, 0.5)), ms(pct(r.sequential, 0.95)), ms(pct(r.sequential, 0.99))])));
console.log(`\n${CONCURRENCY} requests in flight for ${SECONDS} s:`);
const perOp = (s: number, r: Figures) => `${((s * 1000) / r.loaded.length).toFixed(3)} ms`;
console.log(table(['', 'operations/s', 'p50', 'p99', 'server CPU/op', 'bench CPU/op'], results.map((r) => [r.name, Math.round(r.rate).toLocaleString('en-US'),
  ms(pct(r.loaded, 0.5)), ms(pct(r.loaded, 0.99)), perOp(r.cpuS, r), perOp(r.benchCpuS, r)])));
const [ours, peer] = values.only ? [results[0]!, undefined] : results as [Figures, Figures];
if (ours && values.only !== 'peer') console.log(`\ntargets: p99 ≤ ${TARGET_P99_MS} ms one at a time: ${pct(ours.sequential, 0.99) <= TARGET_P99_MS ? 'met' : 'missed'}; ` +
  `≥ ${TARGET_RATE.toLocaleString('en-US')} operations/s: ${ours.rate >= TARGET_RATE ? 'met' : 'missed'}; ` +
  (peer ? `ahead of the peer: ${ours.rate > peer.rate && pct(ours.sequential, 0.99) < pct(peer.sequential, 0.99) ? 'yes' : 'no'}` : ''));
process.exit(0);
