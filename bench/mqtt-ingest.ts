// MQTT telemetry ingest benchmark: Outpost vs a seed-style pipeline (Debian mosquitto + one
// subscriber writing SQLite), same fleet, same run. `npm run bench:ingest -- --help` for flags.
//
// Processes: this orchestrator only coordinates. The load generator (fleet-runner.ts), Outpost
// (outpost-server.ts), mosquitto and the pipeline subscriber each run in their own process, so that
// peak RSS and CPU are those of the server side alone.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deviceUid } from '../agent/sim/payload.js';
import type { FleetDevice, FleetResult } from '../agent/sim/fleet.js';
import { parseIngestArgs, USAGE, type IngestArgs } from './args.js';
import { is, type BenchMessage, type MessageOf } from './messages.js';
import { startMosquitto } from './mosquitto.js';
import { SYNCHRONOUS } from './pipeline-store.js';
import { forkBench, killChildren, machineBusy, nextMessage, procUsage, waitExit, type ProcUsage } from './proc.js';
import { formatReport, type RunFigures } from './report.js';

const DRAIN_MS = 10_000;

function send(child: ChildProcess, m: BenchMessage): void {
  child.send(m);
}

function countPoints(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select count(*) from points').pluck().get() as number;
  } finally {
    db.close();
  }
}

function log(msg: string): void {
  console.log(`[bench] ${msg}`);
}

function describeFleet(r: FleetResult, u: ProcUsage): string {
  const errs = r.errors.length ? `; first errors: ${r.errors.slice(0, 3).join(' | ')}` : '';
  return (
    `fleet: ${r.connected}/${r.devices} connected in ${(r.connectMs / 1000).toFixed(1)} s, ` +
    `${r.sent} sent${r.skipped ? ` (${r.skipped} ticks skipped, window full)` : ''}, ${r.acked} acked, ${r.failed} failed, ${r.dropped} dropped by server, ` +
    `load generator CPU ${u.cpuSeconds.toFixed(1)} s, peak RSS ${(u.peakRss / 1048576).toFixed(0)} MB${errs}`
  );
}

const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + procUsage(pid).cpuSeconds, 0);

/** Runs the fleet in its own process; `serverCpuAtStart` is the servers' CPU time when publishing began. */
async function runFleetChild(
  a: IngestArgs,
  port: number,
  devices: FleetDevice[],
  serverPids: number[],
): Promise<{ result: FleetResult; usage: ProcUsage; serverCpuAtStart: number }> {
  const fleet = forkBench('fleet-runner.ts');
  const started = nextMessage(fleet, is('fleet-started'), 180_000, 'fleet connect');
  const done = nextMessage(fleet, is('fleet-result'), 180_000 + (a.seconds * 1000 + DRAIN_MS + 30_000), 'fleet run');
  done.catch(() => {});
  send(fleet, {
    type: 'fleet-run',
    job: { host: '127.0.0.1', port, devices, keys: a.keys, qos: a.qos, seconds: a.seconds, inflight: a.inflight, ratePerDevice: a.rate, drainMs: DRAIN_MS },
  });
  await started;
  const serverCpuAtStart = cpuOf(serverPids);
  log(`fleet publishing for ${a.seconds} s`);
  const { result, usage } = await done;
  await waitExit(fleet, 5000);
  return { result, usage, serverCpuAtStart };
}

async function runOutpost(a: IngestArgs, dir: string): Promise<RunFigures> {
  const dataDir = join(dir, 'outpost');
  mkdirSync(dataDir);
  log('Outpost: starting core in its own process (bench/outpost-server.ts)');
  const server = forkBench('outpost-server.ts');
  const ready = nextMessage(server, is('outpost-ready'), 120_000, 'outpost start');
  send(server, { type: 'outpost-start', dataDir, devices: a.devices });
  const { mqttPort, devices } = await ready;
  log(`Outpost: MQTT on 127.0.0.1:${mqttPort}, ${devices.length} devices provisioned`);

  const serverPid = server.pid ?? 0;
  const { result, usage, serverCpuAtStart } = await runFleetChild(a, mqttPort, devices, [serverPid]);
  const cpuSeconds = cpuOf([serverPid]) - serverCpuAtStart;
  log(describeFleet(result, usage));

  const closed = nextMessage(server, is('outpost-closed'), 60_000, 'outpost close');
  send(server, { type: 'outpost-stop' });
  const { usage: serverUsage } = await closed;
  await waitExit(server, 5000);
  const persisted = countPoints(join(dataDir, 'outpost.db'));
  return {
    name: 'Outpost (1 process)',
    acked: result.acked,
    ackedPoints: result.acked * a.keys,
    persisted,
    elapsedS: (result.endedAt - result.startedAt) / 1000,
    peakRss: serverUsage.peakRss,
    cpuSeconds,
  };
}

async function runPeer(a: IngestArgs, dir: string): Promise<RunFigures> {
  const peerDir = join(dir, 'peer');
  mkdirSync(peerDir);
  const dbFile = join(peerDir, 'pipeline.db');
  const mosq = await startMosquitto(peerDir);
  log(`pipeline: mosquitto (pid ${mosq.pid}) on 127.0.0.1:${mosq.port}; subscriber in its own process (bench/pipeline-subscriber.ts)`);
  const sub = forkBench('pipeline-subscriber.ts');
  const ready = nextMessage(sub, is('sub-ready'), 30_000, 'subscriber start');
  send(sub, { type: 'sub-start', port: mosq.port, dbFile });
  await ready;
  let progress: MessageOf<'sub-progress'> = { type: 'sub-progress', messages: 0, points: 0, lastCommitAt: 0 };
  sub.on('message', (m: unknown) => {
    if (is('sub-progress')(m)) progress = m;
  });

  const devices = Array.from({ length: a.devices }, (_, i) => ({ uid: deviceUid(i, 'bench') }));
  const serverPids = [mosq.pid, sub.pid ?? 0];
  const { result, usage, serverCpuAtStart } = await runFleetChild(a, mosq.port, devices, serverPids);
  log(describeFleet(result, usage));

  // let the subscriber work off mosquitto's backlog: until it has committed nothing for 1 s (max 60 s)
  const until = Date.now() + 60_000;
  while (Date.now() < until && Date.now() - Math.max(progress.lastCommitAt, result.endedAt) < 1000) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const mosqUsage = procUsage(mosq.pid);
  const cpuSeconds = cpuOf(serverPids) - serverCpuAtStart;
  const final = nextMessage(sub, is('sub-final'), 30_000, 'subscriber stop');
  send(sub, { type: 'sub-stop' });
  const f = await final;
  await waitExit(sub, 5000);
  await mosq.stop();
  const persisted = countPoints(dbFile);
  if (persisted !== f.points) log(`warning: subscriber reported ${f.points} points, file holds ${persisted}`);
  log(`pipeline: subscriber stored ${f.messages} messages (${f.rejected} rejected); mosquitto peak RSS ${(mosqUsage.peakRss / 1048576).toFixed(0)} MB, subscriber ${(f.usage.peakRss / 1048576).toFixed(0)} MB`);
  return {
    name: 'pipeline (mosquitto + subscriber)',
    acked: result.acked,
    ackedPoints: result.acked * a.keys,
    persisted,
    elapsedS: (Math.max(f.lastCommitAt, result.endedAt) - result.startedAt) / 1000,
    peakRss: mosqUsage.peakRss + f.usage.peakRss,
    cpuSeconds,
  };
}

async function main(): Promise<number> {
  let a: IngestArgs;
  try {
    if (process.argv.includes('--help')) {
      console.log(USAGE);
      return 0;
    }
    a = parseIngestArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
  // hard bound on the whole run: two fleets plus generous start/stop/drain time
  const watchdog = setTimeout(() => {
    console.error('[bench] timed out; killing child processes');
    killChildren();
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }, (2 * a.seconds + 600) * 1000);
  watchdog.unref();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killChildren();
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    const busyBefore = await machineBusy(1000);
    const runs: RunFigures[] = [];
    if (a.only !== 'peer') runs.push(await runOutpost(a, dir));
    if (a.only !== 'outpost') runs.push(await runPeer(a, dir));
    const cpu = cpus();
    console.log('');
    console.log(formatReport({ cores: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown', busyBefore, ...a }, runs));
    console.log('');
    console.log(
      [
        'notes:',
        '- points persisted are counted in the SQLite files after the servers closed; persisted points/s =',
        '  points persisted / time from the first publish to the last commit (Outpost: last PUBACK, as it',
        '  acknowledges only committed points; pipeline: the subscriber\'s last commit, after its backlog).',
        '- processes: the load generator (MQTT.js clients, closed loop, bounded in-flight per device) runs in',
        '  its own process; Outpost runs alone in one process; the pipeline is mosquitto + one node subscriber.',
        '  All share the same cores, so the load generator competes with the server side in both runs.',
        `- the pipeline subscriber stores like Outpost (devices/series/points, prepared statements, WAL,`,
        `  synchronous=${SYNCHRONOUS}) in one transaction per batch of <= 500 messages or 10 ms.`,
        '- server peak RSS is VmHWM of the server-side process(es) (pipeline: mosquitto + subscriber summed);',
        '  server CPU s is their CPU time from the first publish to the end of the measured run.',
        '- mosquitto acknowledges (PUBACK) a device as soon as it has the message in memory, before the',
        '  subscriber persists it: the pipeline\'s acknowledgements do not guarantee persistence (messages',
        '  beyond its per-subscriber queue limit, 1000 by default, are dropped). Outpost sends PUBACK only',
        '  after the points are committed to SQLite.',
      ].join('\n'),
    );
    return 0;
  } finally {
    killChildren();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[bench] failed:', err);
    process.exit(1);
  },
);
