// LwM2M benchmark: N clients register with Outpost, then report observations. Registrations
// against Debian's libcoap resource directory (coap-rd-notls) taking the same Register requests;
// notifications persisted against a CoAP server that stores each notification in its own SQLite
// transaction (bench/lwm2m-notify-peer.ts says why that peer). One run, both sides.
//
// Processes: Outpost runs as its own child (core/testing/child-outpost.ts; compiled first with
// npm run build:node, as users run it), each peer too, so RSS
// and CPU are the server's own. This process is the load generator (bench/lwm2m-client.ts: one UDP
// socket per client) and shares the machine's cores with the server.
//
// Usage: npm run bench:lwm2m -- [--clients N (repeatable or 1000,10000; default both)] [--seconds S=10]
//          [--rate R=25000 notifications/s in total] [--concurrency C=200 Registers in flight] [--only outpost|peer]
// Profile Outpost: OUTPOST_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:lwm2m -- ...
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ApiClient } from '../core/testing/harness.js';
import { startChildOutpost, stopChild } from '../core/testing/child-outpost.js';
import { compileCore } from './compiled-core.js';
import { LeanFleet, type NotifyFigures, type RegisterFigures } from './lwm2m-client.js';
import { parseLwm2mArgs, LWM2M_USAGE, type Lwm2mArgs } from './lwm2m-args.js';
import { formatLwm2mReport, type NotifyRun, type RegisterRun } from './lwm2m-report.js';
import { machineBusy, parseStatusBytes, procUsage, track } from './proc.js';
import { udpRcvbufErrors } from './udp-stats.js';

const OBSERVED_PATH = '/3303/0/5700';
/** tag targets of an operation batch hold at most this many devices (BULK_OPERATION_MAX_DEVICES) */
const DEVICES_PER_TAG = 1000;

const log = (msg: string) => console.log(`[bench] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** resident memory now (VmRSS), bytes */
const rssBytes = (pid: number) => parseStatusBytes(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');

const endpointName = (n: number) => (i: number) => `lwm2m-bench-${n}-${String(i + 1).padStart(5, '0')}`;

/** Waits until every batch's operations have finished (succeeded or not), or none finished for `stallMs`; the number succeeded. */
async function waitBatches(api: ApiClient, ids: number[], stallMs: number): Promise<{ succeeded: number; unfinished: number }> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    let finished = 0;
    let succeeded = 0;
    let total = 0;
    for (const id of ids) {
      const b = await api.get<{ summary: Record<string, number> }>(`/api/operation-batches/${id}`);
      const s = b.body.summary ?? {};
      total += s.total ?? 0;
      succeeded += s.succeeded ?? 0;
      finished += (s.succeeded ?? 0) + (s.failed ?? 0) + (s.expired ?? 0) + (s.cancelled ?? 0);
    }
    if (finished === total || Date.now() - lastChange > stallMs) return { succeeded, unfinished: total - finished };
    if (finished !== last) {
      last = finished;
      lastChange = Date.now();
    }
    await sleep(500);
  }
}

/** Waits until `count` clients are observed, or no new observation came for `stallMs`. */
async function waitObserved(fleet: LeanFleet, count: number, stallMs: number): Promise<number> {
  let last = -1;
  let lastChange = Date.now();
  while (fleet.observing < count && Date.now() - lastChange < stallMs) {
    if (fleet.observing !== last) {
      last = fleet.observing;
      lastChange = Date.now();
    }
    await sleep(200);
  }
  return fleet.observing;
}

function countRows(file: string, table: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`select count(*) from ${table}`).pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function registerRun(name: string, r: RegisterFigures, rssBefore: number, rssAfter: number, cpuSeconds: number, udpDrops: number): RegisterRun {
  return { name, ok: r.ok, failed: r.failed, elapsedMs: r.elapsedMs, latenciesMs: r.latenciesMs, rssBefore, rssAfter, cpuSeconds, udpDrops, ...(r.firstError ? { firstError: r.firstError } : {}) };
}

function notifyRun(name: string, n: NotifyFigures, observed: number, persisted: number, cpuSeconds: number, peakRss: number, udpDrops: number): NotifyRun {
  return { name, observed, ...n, persisted, cpuSeconds, peakRss, udpDrops };
}

interface OutpostRun { reg: RegisterRun; notify: NotifyRun | string; rssFresh: number; held: number }

/** the bench's devices Outpost shows online */
async function onlineCount(api: ApiClient): Promise<number> {
  const r = await api.get<{ uid: string; status: string }[]>('/api/devices?q=lwm2m-bench');
  return Array.isArray(r.body) ? r.body.filter((d) => d.status === 'online').length : 0;
}

async function runOutpost(a: Lwm2mArgs, n: number): Promise<OutpostRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-lwm2m-'));
  const core = await startChildOutpost(dataDir, [], { compiled: true });
  const pid = core.child.pid!;
  let fleet: LeanFleet | undefined;
  try {
    if (core.coapPort === null) throw new Error('Outpost started without its LwM2M server');
    const api = new ApiClient(core.url);
    const setup = await api.post('/api/setup', { username: 'bench', password: 'bench password' });
    if (setup.status !== 200) throw new Error(`setup: ${JSON.stringify(setup.body)}`);
    const rssFresh = rssBytes(pid);
    const name = endpointName(n);
    log(`Outpost (pid ${pid}): provisioning ${n} LwM2M devices over the API`);
    const provisionStart = Date.now();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < n) {
        const i = next++;
        const r = await api.post('/api/devices', { uid: name(i), name: name(i), tags: [`bench-${Math.floor(i / DEVICES_PER_TAG)}`], dialect: 'lwm2m' });
        if (r.status !== 200) throw new Error(`creating ${name(i)}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }));
    log(`Outpost: provisioned in ${((Date.now() - provisionStart) / 1000).toFixed(1)} s`);
    await sleep(500);
    const rssProvisioned = rssBytes(pid);
    fleet = await LeanFleet.open({ host: '127.0.0.1', port: core.coapPort, count: n, endpoint: name });
    log(`Outpost: ${n} clients registering, ${a.concurrency} in flight`);
    const cpu0 = procUsage(pid).cpuSeconds;
    const drops0 = udpRcvbufErrors();
    const r = await fleet.registerAll(a.concurrency, (done) => log(`Outpost: ${done} registrations answered`));
    const regCpu = procUsage(pid).cpuSeconds - cpu0;
    const regDrops = udpRcvbufErrors() - drops0;
    await sleep(1000); // listeners run after the answers; let them finish before reading memory
    const reg = registerRun('Outpost', r, rssProvisioned, rssBytes(pid), regCpu, regDrops);

    log(`Outpost: asking for ${OBSERVED_PATH} to be observed on every device (operation batches by tag)`);
    const observeStart = Date.now();
    const batches: number[] = [];
    for (let t = 0; t * DEVICES_PER_TAG < n; t++) {
      const b = await api.post('/api/operation-batches', { kind: 'lwm2m.observe', args: { path: OBSERVED_PATH }, target: { tag: `bench-${t}` } });
      if (b.status !== 200) return { reg, rssFresh, held: await onlineCount(api), notify: `the observe batch was refused: ${b.status} ${JSON.stringify(b.body).slice(0, 200)}` };
      batches.push((b.body as { id: number }).id);
    }
    // the clients answer at once; Outpost has its observations only when it has stored them (the operations succeeded)
    const ops = await waitBatches(api, batches, 30_000);
    const observed = await waitObserved(fleet, r.ok, 15_000);
    log(`Outpost: ${ops.succeeded} observe operations succeeded${ops.unfinished ? `, ${ops.unfinished} unfinished` : ''}`);
    if (ops.succeeded + ops.unfinished < n) {
      // why the others did not: the first failed operation's error and attempts
      const failed = await api.get<{ operations: { attempts?: number; error: unknown }[] }>(`/api/operations?batch=${batches[0]}&state=failed,expired`);
      const first = failed.body.operations?.[0];
      if (first) log(`Outpost: a failed observe operation: ${JSON.stringify({ attempts: first.attempts, error: first.error }).slice(0, 400)}`);
    }
    await sleep(1000);
    const rssObserved = rssBytes(pid);
    log(`Outpost: ${observed}/${r.ok} clients observed in ${((Date.now() - observeStart) / 1000).toFixed(1)} s ` +
      `(${fleet.otherRequests} other requests from Outpost); RSS ${(rssObserved / 1048576).toFixed(0)} MB, ` +
      `${((rssObserved - rssProvisioned) / 1024 / Math.max(1, observed)).toFixed(1)} KB per registered and observed client`);
    if (observed === 0) return { reg, rssFresh, held: await onlineCount(api), notify: 'no observation reached a client (this build does not deliver lwm2m.observe yet?)' };
    const db = join(dataDir, 'outpost.db');
    const pointsBefore = countRows(db, 'points');
    log(`Outpost: notifications at ${a.rate}/s for ${a.seconds} s`);
    const cpu1 = procUsage(pid).cpuSeconds;
    const drops1 = udpRcvbufErrors();
    const nf = await fleet.notify(a.rate, a.seconds);
    const notifyCpu = procUsage(pid).cpuSeconds - cpu1;
    const notifyDrops = udpRcvbufErrors() - drops1;
    const peak = procUsage(pid).peakRss;
    const persisted = countRows(db, 'points') - pointsBefore;
    return { reg, rssFresh, held: await onlineCount(api), notify: notifyRun('Outpost', nf, observed, persisted, notifyCpu, peak, notifyDrops) };
  } finally {
    await fleet?.close();
    await stopChild(core.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** libcoap's resource directory, the same Register requests. */
async function runRdPeer(a: Lwm2mArgs, n: number): Promise<RegisterRun> {
  const port = await freeUdpPort();
  const rd = spawn('coap-rd-notls', ['-A', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  track(rd);
  let fleet: LeanFleet | undefined;
  try {
    await sleep(300);
    if (rd.exitCode !== null) throw new Error(`coap-rd-notls exited with ${rd.exitCode}`);
    const rss0 = rssBytes(rd.pid!);
    fleet = await LeanFleet.open({ host: '127.0.0.1', port, count: n, endpoint: endpointName(n) });
    log(`libcoap RD (pid ${rd.pid}): ${n} clients registering`);
    const cpu0 = procUsage(rd.pid!).cpuSeconds;
    const drops0 = udpRcvbufErrors();
    const r = await fleet.registerAll(a.concurrency);
    const cpu = procUsage(rd.pid!).cpuSeconds - cpu0;
    const drops = udpRcvbufErrors() - drops0;
    await sleep(1000);
    return registerRun('peer: libcoap coap-rd-notls 4.3.1', r, rss0, rssBytes(rd.pid!), cpu, drops);
  } finally {
    await fleet?.close();
    rd.kill('SIGKILL');
  }
}

/** The per-notification-transaction CoAP server (bench/lwm2m-notify-peer.ts). */
async function runNotifyPeer(a: Lwm2mArgs, n: number): Promise<NotifyRun> {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-lwm2m-peer-'));
  const dbFile = join(dir, 'peer.db');
  const script = fileURLToPath(new URL('./lwm2m-notify-peer.ts', import.meta.url));
  const peer: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, dbFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  track(peer);
  let fleet: LeanFleet | undefined;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      peer.stdout!.on('data', (d: Buffer) => {
        const m = /peer on (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      peer.once('exit', (code) => reject(new Error(`the notification peer exited with ${code}`)));
    });
    fleet = await LeanFleet.open({ host: '127.0.0.1', port, count: n, endpoint: endpointName(n) });
    const r = await fleet.registerAll(a.concurrency);
    const observed = await waitObserved(fleet, r.ok, 15_000);
    log(`notification peer (pid ${peer.pid}): ${observed}/${n} clients observed; notifications at ${a.rate}/s for ${a.seconds} s`);
    const cpu0 = procUsage(peer.pid!).cpuSeconds;
    const drops0 = udpRcvbufErrors();
    const nf = await fleet.notify(a.rate, a.seconds);
    const cpu = procUsage(peer.pid!).cpuSeconds - cpu0;
    const drops = udpRcvbufErrors() - drops0;
    const peak = procUsage(peer.pid!).peakRss;
    return notifyRun('peer: CoAP server, one SQLite transaction per notification', nf, observed, countRows(dbFile, 'notifications'), cpu, peak, drops);
  } finally {
    await fleet?.close();
    peer.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let a: Lwm2mArgs;
  try {
    if (process.argv.includes('--help')) {
      console.log(LWM2M_USAGE);
      return 0;
    }
    a = parseLwm2mArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${LWM2M_USAGE}`);
    return 2;
  }
  if (a.only !== 'peer') compileCore(log);
  const busyBefore = await machineBusy(1000);
  const cpu = cpus();
  for (const n of a.clients) {
    const registrations: RegisterRun[] = [];
    const notifications: (NotifyRun | string)[] = [];
    let rssFresh = 0;
    let held: number | undefined;
    if (a.only !== 'peer') {
      const o = await runOutpost(a, n);
      registrations.push(o.reg);
      notifications.push(typeof o.notify === 'string' ? `Outpost: ${o.notify}` : o.notify);
      rssFresh = o.rssFresh;
      held = o.held;
    }
    if (a.only !== 'outpost') {
      registrations.push(await runRdPeer(a, n));
      notifications.push(await runNotifyPeer(a, n));
    }
    console.log('');
    console.log(formatLwm2mReport({
      clients: n, seconds: a.seconds, rate: a.rate, concurrency: a.concurrency, cores: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown', busyBefore, outpostRssFresh: rssFresh, ...(held === undefined ? {} : { outpostHeld: held }),
    }, registrations, notifications));
    console.log('');
  }
  return 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
