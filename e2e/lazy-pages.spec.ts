// Pages load on demand: the device list comes without the device page's file and without the
// chart library (recharts, in the chart's own file, which the device page loads), every file
// arrives compressed and cacheable, and a page whose file cannot be loaded says so and recovers
// with a reload.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect, setupOwner } from './fixtures.js';

const uiDir = join(resolve(import.meta.dirname, '..'), 'dist/ui');
const manifest = JSON.parse(readFileSync(join(uiDir, '.vite/manifest.json'), 'utf8')) as
  Record<string, { file: string; src?: string }>;
const devicePageFile = Object.values(manifest).find((c) => c.src === 'src/device/DevicePage.tsx')?.file;
const chartFile = Object.values(manifest).find((c) => c.src === 'src/chart/TimeChart.tsx')?.file;
const snapsTabFile = Object.values(manifest).find((c) => c.src === 'src/device/snaps/SnapsTab.tsx')?.file;
// recharts' own class names are string literals its minified code keeps
const holdsRecharts = (path: string) => readFileSync(join(uiDir, path), 'utf8').includes('recharts-');

test('the device page loads on demand, compressed and cached; a page that cannot load offers a reload', async ({ page }) => {
  expect(devicePageFile, 'the build manifest names the device page chunk').toBeTruthy();
  expect(chartFile, 'the build manifest names the chart chunk').toBeTruthy();
  expect(holdsRecharts(chartFile!), 'recharts is in the chart chunk').toBe(true);
  const scripts: Array<{ path: string; encoding: string | undefined; cache: string | undefined }> = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) scripts.push({ path, encoding: r.headers()['content-encoding'], cache: r.headers()['cache-control'] });
  });

  await test.step('the device list loads without the device page', async () => {
    await setupOwner(page, 'owner', 'owner-password-1');
    const res = await page.request.post('/api/devices', { data: { uid: 'lazy-1', name: 'Lazy one', tags: [] } });
    expect(res.status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId('device-row-lazy-1')).toBeVisible();
    expect(scripts.length).toBeGreaterThan(1);
    expect(scripts.map((s) => s.path)).not.toContain(`/${devicePageFile}`);
    expect(scripts.map((s) => s.path)).not.toContain(`/${chartFile}`);
    expect(scripts.filter((s) => holdsRecharts(s.path)).map((s) => s.path), 'no file of the first page holds recharts').toEqual([]);
    // hashed bundles are compressed and kept for a year; the one unhashed script (theme-init.js,
    // which sets the theme before first paint) is revalidated on every load
    const hashed = scripts.filter((s) => s.path.startsWith('/assets/'));
    expect(hashed.length).toBeGreaterThan(1);
    for (const s of hashed) {
      // V8's compile hint (renderer/vite-compile-hints.ts) counts only as the file's first line
      expect(readFileSync(join(uiDir, s.path), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'), s.path).toBe(true);
      expect(s.encoding, s.path).toBe('br');
      expect(s.cache, s.path).toBe('public, max-age=31536000, immutable');
    }
    for (const s of scripts.filter((x) => !x.path.startsWith('/assets/'))) {
      expect(s.path).toBe('/theme-init.js');
      expect(s.cache, s.path).toBe('no-cache');
    }
  });

  await test.step('a device page whose file cannot be fetched says so, and the rest of the app still works', async () => {
    await page.route(`**/${devicePageFile}`, (route) => route.abort('connectionreset'));
    await page.getByTestId('device-row-lazy-1').getByTestId('device-link').click();
    await expect(page.getByTestId('page-load-error')).toBeVisible();
    await expect(page.getByTestId('page-load-error').getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText('owner');
    await page.getByTestId('nav-devices').click();
    await expect(page.getByTestId('device-row-lazy-1')).toBeVisible();
    await expect(page.getByTestId('page-load-error')).toHaveCount(0);
  });

  await test.step('once the file is there again, Reload brings the device page', async () => {
    await page.unroute(`**/${devicePageFile}`);
    await page.getByTestId('device-row-lazy-1').getByTestId('device-link').click();
    await expect(page.getByTestId('page-load-error')).toBeVisible(); // the failed import is remembered until a reload
    await page.getByTestId('page-load-error').getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByTestId('device-title')).toHaveText('Lazy one');
    expect(scripts.map((s) => s.path)).toContain(`/${devicePageFile}`);
    // the chart's file (recharts) comes with the device page, before any chart is asked for
    await expect.poll(() => scripts.map((s) => s.path)).toContain(`/${chartFile}`);
  });

  await test.step('a tab other than Telemetry comes the first time it is opened, not with the page', async () => {
    expect(snapsTabFile, 'the build manifest names the Snaps tab chunk').toBeTruthy();
    expect(scripts.map((s) => s.path)).not.toContain(`/${snapsTabFile}`);
    await page.getByTestId('tab-snaps').click();
    await expect(page.getByTestId('inventory-empty')).toBeVisible();
    expect(scripts.map((s) => s.path)).toContain(`/${snapsTabFile}`);
  });
});
