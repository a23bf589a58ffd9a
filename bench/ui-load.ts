// UI load benchmark, in Debian's Chromium against a real headless core serving dist/ui:
// - the JavaScript the first page (the device list) transfers before it is usable, compressed as
//   sent, beside the same files gzip-only and uncompressed, and beside all the app's JavaScript
//   (about what one unsplit bundle would send);
// - the time from navigation start to the first chart's svg path painted on the device page, warm
//   (a new tab in a browser that opened the page before: hashed files from the cache) beside cold
//   (an empty cache), median of several runs;
// - from the build manifest, that recharts is not among the first page's files.
//
// The browser is set up as a user's, not as the sandbox leaves it (since 2026-12-07; the flags
// in brackets measure the old way, to compare):
// - each run launches Chromium with a browser profile of its own in a temporary directory (an
//   HTTP cache on disk with V8's code cache beside it), where it used to open an off-the-record
//   context (Playwright's browser.newContext(), caches in memory only) [--incognito];
// - each tab is opened and left until the browser's processes are idle (ui-load-quiet.ts) before
//   the address is entered: headless Chromium 156 makes every new tab a window of its own and
//   loads the omnibox popup's WebUI page into it, about 1.4 s of CPU in a renderer of its own,
//   which ran beside the measured page on this 2-core machine; a user enters the address in a
//   window that is already open [--no-settle].
// What is measured did not change: navigation start to the chart's line painted, in a new tab.
// Usage: npm run bench:ui-load -- [--runs N=7] [--warm W=3] [--trace]
//   [--chrome-trace FILE] [--cpu-profile FILE] (one more warm tab, recorded) [--ui-dir DIR] (another build)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import mqtt from 'mqtt';
import { startOutpost } from '../core/app.js';
import { ApiClient, waitFor } from '../core/testing/harness.js';
import { machineBusy } from './proc.js';
import { table } from './report.js';
import { childrenCpuTicks, waitChildrenQuiet } from './ui-load-quiet.js';
import { chromiumVersion, openRunBrowser, withChromeTrace, type RunBrowser } from './ui-load-browser.js';
import { chunkOf, entryKey, staticFiles, type Manifest } from './ui-manifest.js';

const { values } = parseArgs({ options: {
  runs: { type: 'string' }, warm: { type: 'string' }, trace: { type: 'boolean' }, 'chrome-trace': { type: 'string' },
  'no-settle': { type: 'boolean' }, 'cpu-profile': { type: 'string' }, incognito: { type: 'boolean' }, 'ui-dir': { type: 'string' },
} });
const RUNS = Number(values.runs ?? 7);
const WARM_PER_RUN = Number(values.warm ?? 3);
/** print each tab's requests: where the time to the first chart goes */
const TRACE = values.trace ?? false;
/** write a Chrome performance trace (all processes) of one more warm tab to this file */
const CHROME_TRACE = values['chrome-trace'];
/** write a V8 CPU profile of the page in one more warm tab to this file (.cpuprofile, for DevTools) */
const CPU_PROFILE = values['cpu-profile'];
/** each run in an off-the-record context (no V8 code cache), as measured before 2026-12-07, instead of a profile of its own */
const INCOGNITO = values.incognito ?? false;
/** enter the address as soon as the tab exists, while the browser still sets up its window (the measurement before 2026-12-07) */
const SETTLE = !(values['no-settle'] ?? false);
const TARGET_INITIAL_JS_KB = 150;
const TARGET_FIRST_CHART_MS = 300;
const OWNER = { username: 'owner', password: 'bench password' };
const UID = 'bench-chart';
const KEY = 'temperature';
const POINTS = 720; // one every 5 s over the last hour: the chart's default range

const repo = resolve(import.meta.dirname, '..');
/** another build's dist/ui (e.g. a copy of an older one) to measure instead of this worktree's */
const uiDir = values['ui-dir'] ? resolve(values['ui-dir']) : join(repo, 'dist/ui');
const manifestPath = join(uiDir, '.vite/manifest.json');

// ---- the build: this tree's UI, built now (about 6 s): a dist/ui left from an older tree would be
// measured as if it were this one (on 2026-12-07 a build four commits old was, for an evening)
function built(): boolean {
  if (!existsSync(manifestPath)) return false;
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return existsSync(join(uiDir, `${m[entryKey(m)]!.file}.br`));
}
if (values['ui-dir']) {
  if (!built()) throw new Error(`${uiDir} has no built UI with compressed copies`);
} else {
  console.log('[bench] npm run build:ui');
  const r = spawnSync('npm', ['run', 'build:ui'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0 || !built()) throw new Error('npm run build:ui failed');
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
const entryFiles = staticFiles(manifest, entryKey(manifest));
const listFiles = staticFiles(manifest, chunkOf(manifest, 'src/pages/Devices.tsx'));
// the device page's files and its chart's (recharts, a chunk of its own that the page loads at once)
const deviceFiles = [...new Set([...staticFiles(manifest, chunkOf(manifest, 'src/device/DevicePage.tsx')),
  ...staticFiles(manifest, chunkOf(manifest, 'src/chart/TimeChart.tsx'))])];
const allJs = Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js'));
// recharts' own class names are string literals its minified code keeps
const mentionsRecharts = (files: string[]) => files.filter((f) => readFileSync(join(uiDir, f), 'utf8').includes('recharts-'));
const size = (file: string, suffix = '') => (existsSync(join(uiDir, file + suffix)) ? readFileSync(join(uiDir, file + suffix)).length : NaN);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// ---- in the page: JS received so far, and when the chart's line is on screen
interface JsEntry { name: string; encoded: number; decoded: number; transfer: number }
const jsSoFar = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.endsWith('.js'))
  .map((e) => {
    const r = e as PerformanceResourceTiming;
    return { name: new URL(r.name).pathname, encoded: r.encodedBodySize, decoded: r.decodedBodySize, transfer: r.transferSize };
  })) as Promise<JsEntry[]>;

/**
 * Runs in every document before its scripts: notes when the first chart path is painted, and on
 * the way (for --trace) when the shell, the device page and the chart's data are on screen and
 * which tasks held the main thread for 50 ms or more. A string, because tsx would wrap the inner
 * functions of a real function in helpers the page lacks.
 */
const WATCH_CHART_PAINT = `(() => {
  const marks = window.loadMarks = [];
  const mark = (name) => { if (!marks.some((m) => m.name === name)) marks.push({ name, at: performance.now() }); };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.push({ name: 'long task ' + e.duration.toFixed(0) + ' ms', at: e.startTime });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="current-user"]')) mark('shell');
    if (document.querySelector('[data-testid="device-page"]')) mark('device page');
    const chart = document.querySelector('[data-testid="chart"]');
    if (chart && Number(chart.getAttribute('data-points-count') || '0') > 0) mark('chart data');
    const drawn = [...document.querySelectorAll('[data-testid="chart"] svg path')]
      .some((p) => (p.getAttribute('d') || '').length > 10);
    if (!drawn) return;
    observer.disconnect();
    mark('chart path');
    // the frame being prepared holds the path; a message posted from requestAnimationFrame is
    // handled right after that frame is painted
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { mark('painted'); window.chartPaintedAt = performance.now(); };
      ch.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing',
  'loading', 'navigation', 'toplevel', 'disabled-by-default-devtools.timeline.frame', '__metadata', 'v8', 'disabled-by-default-v8.compile', 'blink', 'devtools.timeline.async'];

/** A fresh browser (empty caches), logged in. */
async function loggedInBrowser(url: string): Promise<RunBrowser> {
  const run = await openRunBrowser(INCOGNITO);
  await run.context.addInitScript(WATCH_CHART_PAINT);
  const r = await run.context.request.post(`${url}/api/login`, { data: OWNER });
  if (r.status() !== 200) throw new Error(`login failed: ${r.status()} ${await r.text()}`);
  return run;
}

/** A new tab on the device page: ms from navigation start to the chart painted, and its JS. */
async function firstChart(context: BrowserContext, url: string, record: { profileTo?: string; traceTo?: string } = {}) {
  const { profileTo, traceTo } = record;
  const page = await context.newPage();
  try {
    if (SETTLE) {
      const q = await waitChildrenQuiet();
      if (!q.quiet) console.log(`note: the browser was still busy ${q.waitedMs} ms after opening the tab; measuring anyway`);
    }
    const cpuBefore = childrenCpuTicks().ticks;
    const cdp = profileTo ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const load = async () => {
      await page.goto(`${url}/#/devices/${UID}`);
      await page.waitForFunction(() => (window as unknown as { chartPaintedAt?: number }).chartPaintedAt !== undefined, null, { timeout: 20_000 });
    };
    if (traceTo) await withChromeTrace(context, page, traceTo, TRACE_CATEGORIES, load);
    else await load();
    if (cdp && profileTo) writeFileSync(profileTo, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    // all the browser's processes, navigation to paint (and the few ms of asking): far less swayed by other load than the time
    const cpuMs = (childrenCpuTicks().ticks - cpuBefore) * 10;
    const ms = await page.evaluate(() => (window as unknown as { chartPaintedAt: number }).chartPaintedAt);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { status: n.responseStatus, transfer: n.transferSize };
    });
    if (TRACE) {
      const lines = await page.evaluate(() => [
        ...performance.getEntriesByType('resource').map((e) => {
          const u = new URL(e.name);
          return { at: e.startTime, text: `${u.pathname}${u.search ? '?…' : ''} until ${(e as PerformanceResourceTiming).responseEnd.toFixed(0)}` };
        }),
        ...(window as unknown as { loadMarks: Array<{ name: string; at: number }> }).loadMarks.map((m) => ({ at: m.at, text: `* ${m.name}` })),
      ].sort((a, b) => a.at - b.at).map((l) => `${l.at.toFixed(0).padStart(5)} ms  ${l.text}`));
      console.log(`[trace] a tab on the device page (* what the page showed or did; the rest are requests):\n${lines.join('\n')}`);
    }
    return { ms, cpuMs, js: await jsSoFar(page), nav };
  } finally {
    await page.close();
  }
}

/**
 * In the running app (the list open, as a technician leaves it): ms from a click on the device in
 * the list to its chart painted. The device page's chunks and recharts load on that click, as the
 * list does not need them; the HTTP cache is warm, as in the warm tabs.
 */
async function chartAfterClick(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${url}/#/devices`);
    const link = `a[href="#/devices/${UID}"]`;
    await page.locator(link).first().waitFor({ timeout: 20_000 });
    if (SETTLE) await waitChildrenQuiet();
    const clickedAt = await page.evaluate((sel) => {
      const a = document.querySelector<HTMLAnchorElement>(sel);
      if (!a) throw new Error(`${sel} is gone`);
      const t = performance.now();
      a.click();
      return t;
    }, link);
    await page.waitForFunction(() => (window as unknown as { chartPaintedAt?: number }).chartPaintedAt !== undefined, null, { timeout: 20_000 });
    return (await page.evaluate(() => (window as unknown as { chartPaintedAt: number }).chartPaintedAt)) - clickedAt;
  } finally {
    await page.close();
  }
}

// ---- core with an owner and a device with an hour of telemetry
const busyBefore = await machineBusy(1000);
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-ui-'));
const outpost = await startOutpost({ dataDir, httpPort: 0, mqttPort: 0, quiet: true, uiDir });
let version = '';
try {
  if (outpost.mqttPort === null) throw new Error(`broker did not start: ${outpost.mqttError}`);
  const admin = new ApiClient(outpost.url);
  if ((await admin.post('/api/setup', OWNER)).status !== 200) throw new Error('setup failed');
  const created = await admin.post('/api/devices', { uid: UID, name: 'Bench chart device', tags: [] });
  if (created.status !== 200) throw new Error(`device creation failed: ${JSON.stringify(created.body)}`);
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${outpost.mqttPort}`, {
    clientId: UID, username: UID, password: created.body.credentials.token as string, reconnectPeriod: 0,
  });
  const now = Date.now();
  const last = now - 1000;
  await Promise.all(Array.from({ length: POINTS }, (_, i) => {
    const ts = last - (POINTS - 1 - i) * 5000;
    return client.publishAsync(`outpost/v1/${UID}/telemetry`, JSON.stringify({ ts, [KEY]: 20 + 3 * Math.sin(i / 40) }), { qos: 1 });
  }));
  await client.endAsync();
  await waitFor(async () => {
    const s = (await admin.get(`/api/devices/${UID}/series`)).body as Array<{ key: string; lastTs: number | null }>;
    return s.find((x) => x.key === KEY)?.lastTs === last;
  }, 'the telemetry to be stored', 20_000);

  // the first page: the device list, cold, until its device link is on screen
  const listBrowser = await loggedInBrowser(outpost.url);
  const listPage = await listBrowser.context.newPage();
  await listPage.goto(`${outpost.url}/#/devices`);
  await listPage.locator(`a[href="#/devices/${UID}"]`).first().waitFor({ timeout: 20_000 });
  const listJs = await jsSoFar(listPage);
  version = await chromiumVersion(listBrowser.context, listPage);
  await listBrowser.close();

  // the device page: a cold tab in a fresh browser (empty caches), then warm tabs in the same one
  const cold: number[] = [];
  const warm: number[] = [];
  const coldCpu: number[] = [];
  const warmCpu: number[] = [];
  const inApp: number[] = [];
  let deviceJs: JsEntry[] = [];
  let warmJs: JsEntry[] = [];
  let warmNav = { status: 0, transfer: 0 };
  for (let run = 0; run < RUNS; run++) {
    const run_ = await loggedInBrowser(outpost.url);
    const context = run_.context;
    const c = await firstChart(context, outpost.url);
    cold.push(c.ms);
    coldCpu.push(c.cpuMs);
    deviceJs = c.js;
    for (let w = 0; w < WARM_PER_RUN; w++) {
      const h = await firstChart(context, outpost.url);
      warm.push(h.ms);
      warmCpu.push(h.cpuMs);
      warmJs = h.js;
      warmNav = h.nav;
    }
    inApp.push(await chartAfterClick(context, outpost.url));
    if (CPU_PROFILE && run === RUNS - 1) {
      const t = await firstChart(context, outpost.url, { profileTo: CPU_PROFILE });
      console.log(`[cpu-profile] one more warm tab (${t.ms.toFixed(0)} ms, not counted) profiled into ${CPU_PROFILE}`);
    }
    if (CHROME_TRACE && run === RUNS - 1) {
      const t = await firstChart(context, outpost.url, { traceTo: CHROME_TRACE });
      console.log(`[chrome-trace] one more warm tab (${t.ms.toFixed(0)} ms, not counted) traced into ${CHROME_TRACE}`);
    }
    await run_.close();
  }

  // ---- report
  const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const sent = (js: JsEntry[]) => sum(js.map((e) => e.encoded));
  const files = (js: JsEntry[]) => js.map((e) => e.name.replace(/^\//, ''));
  const onDisk = (fs: string[], suffix: string) => sum(fs.map((f) => size(f, suffix)));
  const cpu = cpus();
  console.log(`\nmachine: ${cpu.length} cores (${cpu[0]?.model.trim()}); busy before the runs: ${(busyBefore * 100).toFixed(0)}% of all cores; ` +
    `Chromium ${version} headless, 1280×800, ${INCOGNITO ? 'off-the-record contexts' : 'a browser profile of its own per run'}, tabs ${SETTLE ? 'left to settle before the address is entered' : 'used at once'}; one device with ${POINTS} points in the last hour; 1 KB = 1000 bytes`);
  if (busyBefore > 0.15) console.log('warning: other processes were busy on this machine; the figures are not from a quiet machine');

  console.log('\nJavaScript per page (cold cache; "sent" is the compressed body the browser received)\n');
  const row = (name: string, js: JsEntry[]) => [name, String(js.length), kb(sent(js)), kb(onDisk(files(js), '.gz')), kb(sum(js.map((e) => e.decoded)))];
  console.log(table(['page', 'JS files', 'sent (brotli)', 'same files gzip', 'uncompressed'], [
    row('device list (first page)', listJs),
    row('device page (with recharts)', deviceJs),
    ['peer: all JS of the app at once', String(allJs.length), kb(onDisk(allJs, '.br')), kb(onDisk(allJs, '.gz')), kb(onDisk(allJs, ''))],
  ]));
  const missing = (want: string[], got: JsEntry[]) => want.filter((f) => !files(got).includes(f));
  if (missing(listFiles, listJs).length) console.log(`note: the device list did not load ${missing(listFiles, listJs).join(', ')} named in the manifest`);
  const rechartsInEntry = mentionsRecharts(entryFiles);
  const rechartsOnList = mentionsRecharts(files(listJs));
  console.log(`recharts in the entry chunk: ${rechartsInEntry.length ? `YES (${rechartsInEntry.join(', ')})` : 'no'}; ` +
    `in the first page's files: ${rechartsOnList.length ? `YES (${rechartsOnList.join(', ')})` : 'no'}; ` +
    `in the device page's (with its chart): ${mentionsRecharts(deviceFiles).join(', ') || 'NOWHERE (is the chart gone?)'}`);

  console.log(`\nFirst chart on the device page: navigation start to the chart's svg path painted, ${RUNS} cold runs, ${RUNS * WARM_PER_RUN} warm\n`);
  const r = (name: string, xs: number[], cpu: number[]) =>
    [name, median(xs).toFixed(0), Math.min(...xs).toFixed(0), Math.max(...xs).toFixed(0), String(xs.length), median(cpu).toFixed(0)];
  console.log(table(['load', 'median ms', 'min ms', 'max ms', 'runs', 'browser CPU ms (median)'], [
    r('warm (a new tab, cache filled)', warm, warmCpu),
    r('peer: cold (empty cache)', cold, coldCpu),
  ]));
  const m = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;
  console.log(`in the running app (not the target's measure): a click on the device in the list to its chart painted, median ${m(inApp)}`);
  const fromNetwork = warmJs.filter((e) => e.transfer > 0);
  console.log(`warm tab: index.html ${warmNav.status === 304 || warmNav.transfer < 1000 ? 'revalidated' : 'fetched'} (status ${warmNav.status}, ${warmNav.transfer} bytes); ` +
    `${warmJs.length - fromNetwork.length} of ${warmJs.length} JS files from the cache, ${kb(sum(fromNetwork.map((e) => e.transfer)))} of JS over the network`);

  const initial = sent(listJs) / 1000;
  const firstChartMs = median(warm);
  console.log(`\nOutpost initial JS: ${initial.toFixed(1)} KB compressed   (target <= ${TARGET_INITIAL_JS_KB} KB: ${initial <= TARGET_INITIAL_JS_KB ? 'meets' : 'MISSES'})`);
  console.log(`Outpost first chart, warm: ${firstChartMs.toFixed(0)} ms   (target <= ${TARGET_FIRST_CHART_MS} ms: ${firstChartMs <= TARGET_FIRST_CHART_MS ? 'meets' : 'MISSES'})`);
} finally {
  await outpost.close();
  rmSync(dataDir, { recursive: true, force: true });
}
