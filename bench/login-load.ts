// Login load benchmark: while 50 concurrent logins hash their passwords (scrypt, ~0.3 s, 128 MiB
// each), how fast are a static file and GET /api/me? Outpost with its hash bound
// (core/auth/hash-queue.ts) against the same Outpost with the bound lifted, from one run.
// Usage: npm run bench:login -- [--logins N=50]
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { startOutpost } from '../core/app.js';
import type { HashQueueOptions } from '../core/auth/hash-queue.js';
import { defaultUiDir } from '../core/paths.js';
import { ApiClient } from '../core/testing/harness.js';
import { machineBusy } from './proc.js';
import { table } from './report.js';

const { values } = parseArgs({ options: { logins: { type: 'string' } } });
const LOGINS = Number(values.logins ?? 50);
// Spread over users and loopback addresses so that the failed-login limits (5 logins in flight per
// username, 20 per address) admit them all: this measures hashing, not refusals.
const USERS = Math.ceil(LOGINS / 5);
const ADDRESSES = Math.ceil(LOGINS / 20);
const PASSWORD = 'bench password';
const TARGET_P95_MS = 100;
const PROBE_EVERY_MS = 50;

function loginFrom(url: string, localAddress: string, username: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/login`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject).end(JSON.stringify({ username, password: PASSWORD }));
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

async function run(name: string, uiDir: string, passwordHashing: HashQueueOptions | undefined) {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-login-'));
  const outpost = await startOutpost({ dataDir, httpPort: 0, mqttPort: 0, quiet: true, uiDir, passwordHashing });
  try {
    const admin = new ApiClient(outpost.url);
    if ((await admin.post('/api/setup', { username: 'user0', password: PASSWORD })).status !== 200) throw new Error('setup failed');
    for (let u = 1; u < USERS; u++) await admin.post('/api/users', { username: `user${u}`, password: PASSWORD, role: 'viewer' });

    const statuses: number[] = [];
    const started = performance.now();
    const logins = Array.from({ length: LOGINS }, (_, i) =>
      loginFrom(outpost.url, `127.0.0.${1 + (i % ADDRESSES)}`, `user${i % USERS}`).then((s) => { statuses.push(s); }));
    const all = Promise.all(logins);
    // Probes at a fixed pace, not one after the other: a probe stuck behind the hashes must not
    // hold back the next ones, or a stall would count as a single slow sample.
    const staticMs: number[] = [];
    const meMs: number[] = [];
    const probes: Array<Promise<void>> = [];
    const timed = (into: number[], f: () => Promise<number>) => {
      const t = performance.now();
      probes.push(f().then((status) => {
        if (status !== 200) throw new Error(`probe failed: ${status}`);
        into.push(performance.now() - t);
      }));
    };
    while (statuses.length < LOGINS) {
      timed(staticMs, async () => { const r = await fetch(`${outpost.url}/`); await r.arrayBuffer(); return r.status; });
      timed(meMs, async () => (await admin.get('/api/me')).status);
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
    await Promise.all(probes);
    await all;
    const elapsedS = (performance.now() - started) / 1000;
    return { name, ok: statuses.filter((s) => s === 200).length, refused: statuses.filter((s) => s !== 200).length, elapsedS, staticMs, meMs };
  } finally {
    await outpost.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let tempUi: string | undefined;
let uiDir = defaultUiDir();
if (!uiDir || !existsSync(join(uiDir, 'index.html'))) {
  // not built: a stand-in page read from disk like the real one
  uiDir = tempUi = mkdtempSync(join(tmpdir(), 'outpost-bench-ui-'));
  writeFileSync(join(uiDir, 'index.html'), `<!doctype html><title>Outpost</title>${'<!-- padding -->'.repeat(200)}`);
}
try {
  const busyBefore = await machineBusy(1000);
  const runs = [
    await run('Outpost (hashes bounded)', uiDir, undefined),
    await run('peer: bound lifted', uiDir, { concurrency: Infinity, maxWaiting: Infinity }),
  ];
  const cpu = cpus();
  const ms = (x: number) => x.toFixed(1);
  console.log(`\nmachine: ${cpu.length} cores (${cpu[0]?.model.trim()}); busy before the runs: ${(busyBefore * 100).toFixed(0)}% of all cores` +
    `${tempUi ? '; UI not built: a stand-in index.html' : ''}`);
  if (busyBefore > 0.15) console.log('warning: other processes were busy on this machine; the figures are not from a quiet machine');
  console.log(`${LOGINS} concurrent logins (${USERS} users, ${ADDRESSES} loopback addresses); a static file (GET /) and GET /api/me ` +
    `each asked every ${PROBE_EVERY_MS} ms until the last login is answered\n`);
  console.log(table(
    ['run', 'logins ok', 'refused', 'all answered s', 'static p50 ms', 'static p95 ms', '/api/me p50 ms', '/api/me p95 ms', 'probes'],
    runs.map((r) => [r.name, String(r.ok), String(r.refused), r.elapsedS.toFixed(1),
      ms(pct(r.staticMs, 0.5)), ms(pct(r.staticMs, 0.95)), ms(pct(r.meMs, 0.5)), ms(pct(r.meMs, 0.95)), String(r.staticMs.length)]),
  ));
  const ours = runs[0]!;
  const worst = Math.max(pct(ours.staticMs, 0.95), pct(ours.meMs, 0.95));
  console.log(`\nOutpost p95 under login load: ${ms(worst)} ms   (target < ${TARGET_P95_MS} ms: ${worst < TARGET_P95_MS ? 'meets' : 'MISSES'})`);
} finally {
  if (tempUi) rmSync(tempUi, { recursive: true, force: true });
}
