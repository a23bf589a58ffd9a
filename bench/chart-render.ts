// Chart render benchmark: time from the data's arrival (a JSON body of getPoints answers) to the
// painted chart, for Outpost's chart (renderer/src/chart/TimeChart: band, gaps, ticks, legend,
// pointer layers) and, as the peer, a plain recharts LineChart of the same buckets in the same page.
// Builds the bench page with Vite, serves it on 127.0.0.1, renders in Debian's Chromium.
// Usage: npm run bench:chart-render -- [--runs N=15]
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import type { PointsResponse } from '../core/contract/api.js';
import { table } from './report.js';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = Number(values.runs ?? 15);
const TARGET_MS = 100;
const here = resolve(import.meta.dirname, 'chart-render');
const repo = resolve(import.meta.dirname, '..');

/** n downsampled buckets over an hour: a wave with a min–max band, as getPoints returns them */
function points(key: string, n: number, phase: number): PointsResponse {
  const to = Date.UTC(2026, 0, 1, 12);
  const from = to - 3600_000;
  const w = (to - from) / n;
  const buckets = Array.from({ length: n }, (_, i) => {
    const avg = 20 + 5 * Math.sin(i / 40 + phase) + Math.sin(i / 3);
    return { ts: Math.round(from + i * w + w / 2), min: avg - 0.5 - (i % 5) / 10, max: avg + 0.5 + (i % 3) / 10, avg, count: 12 };
  });
  return { key, from, to, downsampled: true, buckets, values: [] };
}

const out = mkdtempSync(join(tmpdir(), 'outpost-chart-bench-'));
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  const file = path === '/style.css' ? join(repo, 'renderer/public/style.css') : join(out, path === '/' ? 'index.html' : path);
  if (!file.startsWith(out) && !file.endsWith('style.css')) { res.writeHead(403).end(); return; }
  if (!existsSync(file)) { res.writeHead(404).end(); return; }
  const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
});
const browser = await (async () => {
  process.stdout.write('[bench] building the bench page… ');
  await build({ root: here, base: '/', logLevel: 'warn', plugins: [react()], publicDir: false, build: { outDir: out, emptyOutDir: true, chunkSizeWarningLimit: 5000 } });
  console.log('done');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
})();

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'renderOnce' in window);
  const render = (kind: 'outpost' | 'baseline', body: string) =>
    page.evaluate(([k, b]) => (window as unknown as { renderOnce(k: string, b: string): Promise<number> }).renderOnce(k, b), [kind, body] as const);

  const cases = [
    { label: '1,000 buckets', body: JSON.stringify([points('t', 1000, 0)]) },
    { label: '2,000 buckets', body: JSON.stringify([points('t', 2000, 0)]) },
    { label: '2 × 2,000 buckets, 2 axes', body: JSON.stringify([points('t', 2000, 0), points('h', 2000, 1)]) },
  ];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows: string[][] = [];
  let at2000 = NaN;
  for (const c of cases) {
    for (let i = 0; i < 3; i++) { await render('outpost', c.body); await render('baseline', c.body); } // warm-up (JIT)
    const ours: number[] = [], peer: number[] = [];
    // alternate, so that both see the same machine load
    for (let i = 0; i < runs; i++) {
      ours.push(await render('outpost', c.body));
      peer.push(await render('baseline', c.body));
    }
    const o = median(ours), p = median(peer);
    if (c.label === '2,000 buckets') at2000 = o;
    rows.push([c.label, o.toFixed(1), p.toFixed(1), `${(o / p).toFixed(2)}x`, Math.max(...ours).toFixed(1)]);
  }
  console.log(`\nmachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}); Chromium ${browser.version()}; chart ${1200} px wide; ` +
    `median of ${runs} runs each, alternating; time from JSON arrival to the frame after commit\n`);
  console.log(table(['data', 'Outpost chart ms', 'recharts LineChart ms', 'ratio', 'Outpost worst ms'], rows));
  console.log(`\ntarget: ≤ ${TARGET_MS} ms at 2,000 buckets: ${at2000 <= TARGET_MS ? 'met' : 'NOT met'} (${at2000.toFixed(1)} ms)`);
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
