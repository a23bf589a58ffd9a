// The UI load benchmark's browser: Debian's Chromium, one launch per run.
//
// By default each run gets a browser profile of its own in a temporary directory, as a user's
// browser has: its HTTP cache on disk and V8's code cache (compiled JavaScript kept beside the
// cached file) fill as Outpost is opened. With `incognito`, the run gets an off-the-record
// context instead (Playwright's `browser.newContext()`, the measurement before 2026-12-07), whose
// caches live in memory only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

const LAUNCH = { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] };
const VIEWPORT = { width: 1280, height: 800 };

export interface RunBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser for one run: empty caches. */
export async function openRunBrowser(incognito: boolean): Promise<RunBrowser> {
  if (incognito) {
    const browser = await chromium.launch(LAUNCH);
    const context = await browser.newContext({ viewport: VIEWPORT });
    return { context, close: () => browser.close() };
  }
  const profile = mkdtempSync(join(tmpdir(), 'outpost-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...LAUNCH, viewport: VIEWPORT });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Chromium's full version, e.g. 156.0.8078.129 (the user agent says 156.0.0.0). */
export async function chromiumVersion(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product.replace(/^\D*\//, '');
}

/** Records a Chrome performance trace (all processes) around `work`, into `file` (open it in DevTools or Perfetto). */
export async function withChromeTrace<T>(context: BrowserContext, page: Page, file: string, categories: string[], work: () => Promise<T>): Promise<T> {
  const cdp = await context.newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (e) => { events.push(...(e.value as unknown[])); });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
  try {
    return await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
  }
}
