// Charts: a real time axis with gaps drawn as breaks, drag zoom and reset, pan, two series on two
// axes, a boolean timeline, the raw points table paged, and the first chart fetched once.
import mqtt from 'mqtt';
import type { Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { test, expect, setupOwner, login } from './fixtures.js';

test.describe.configure({ mode: 'serial' });

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'chart-dev';
const MIN = 60_000;
const HOUR = 60 * MIN;
let t0 = 0; // "now" when the data was published

test('setup: a device with two numeric series around an outage, a boolean and a string', async ({ page, core }) => {
  await setupOwner(page, owner.username, owner.password);
  const created = await page.request.post('/api/devices', { data: { uid, name: 'Chart device' } });
  expect(created.status()).toBe(200);
  const { token } = (await created.json()).credentials as { token: string };
  const client = await mqtt.connectAsync({ host: core.mqttHost, port: core.mqttPort, username: uid, password: token, clientId: `${uid}:seed`, reconnectPeriod: 0 });
  t0 = Date.now();
  const sent: Promise<unknown>[] = [];
  const publish = (values: Record<string, unknown>) =>
    sent.push(client.publishAsync(`outpost/v1/${uid}/telemetry`, JSON.stringify(values), { qos: 1 }));
  // every 10 s from 40 to 25 min ago, an outage of 15 min, then every 10 s up to 1 min ago
  for (let ago = 40 * MIN; ago >= MIN; ago -= 10_000) {
    if (ago < 25 * MIN && ago > 10 * MIN) continue;
    const i = ago / 10_000;
    publish({ ts: t0 - ago, temperature: 20 + Math.sin(i / 5), humidity: 60 + (i % 7) });
  }
  // a door open and closed every 5 minutes, a mode switching twice
  for (let k = 0; k < 8; k++) publish({ ts: t0 - 40 * MIN + k * 5 * MIN, door: k % 2 === 0 });
  publish({ ts: t0 - 30 * MIN, mode: 'auto' });
  publish({ ts: t0 - 15 * MIN, mode: 'manual' });
  await Promise.all(sent);
  await client.endAsync();
  expect((await page.request.patch(`/api/devices/${uid}/series/temperature`, { data: { unit: '°C' } })).status()).toBe(200);
  expect((await page.request.patch(`/api/devices/${uid}/series/humidity`, { data: { unit: '%' } })).status()).toBe(200);
});

async function openDevice(page: Page): Promise<string[]> {
  const pointsRequests: string[] = [];
  page.on('request', (r) => { if (/\/series\/[^/]+\/points\?/.test(r.url())) pointsRequests.push(r.url()); });
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await page.goto(`/#/devices/${uid}`);
  await expect(page.getByTestId('chart')).not.toHaveAttribute('data-points-count', '0');
  return pointsRequests;
}
const chart = (page: Page) => page.getByTestId('chart');
async function windowSpan(page: Page): Promise<number> {
  return Number(await chart(page).getAttribute('data-window-to')) - Number(await chart(page).getAttribute('data-window-from'));
}

test('the first chart is fetched once: no request before the width is known, none again after', async ({ page }) => {
  const requests = await openDevice(page);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  expect(requests, requests.join('\n')).toHaveLength(1);
  expect(requests[0]).toContain('/series/humidity/points?');
  // asked at the chart's real width (about a bucket per pixel), not at a guess made before it was known
  const width = await page.locator('.chart-wrap').evaluate((e) => e.getBoundingClientRect().width);
  expect(Number(new URL(requests[0]!).searchParams.get('maxPoints'))).toBe(Math.ceil(width / 100) * 100);
  // the width settling a few pixels later (a scrollbar, a sidebar) does not fetch again, even
  // across a multiple of 100 px
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width - (Math.round(width) % 100) - 5, height: viewport.height });
  await expect.poll(() => page.locator('.chart-wrap').evaluate((e) => Math.ceil(e.getBoundingClientRect().width / 100))).toBe(Math.ceil(width / 100) - 1);
  await page.waitForTimeout(1500);
  expect(requests, requests.join('\n')).toHaveLength(1);
});

test.describe('in a zone 5:45 ahead of UTC', () => {
  test.use({ timezoneId: 'Asia/Kathmandu' });
  test('an outage is drawn as a break in the line, on a time axis in local time with the zone', async ({ page }) => {
    await openDevice(page);
    await page.getByTestId('chart-only-temperature').click();
    await expect(chart(page)).toHaveAttribute('data-gaps', '1');
    const d = await page.locator('.tchart-line-temperature path.recharts-line-curve').getAttribute('d');
    expect(d?.match(/M/g)?.length, 'two path segments').toBe(2);
    await expect(page.getByTestId('chart-zone')).toContainText(/Asia\/Kath?mandu \(UTC\+05:45\)/);
    // ticks at round local times across the whole hour, including the part without data
    const ticks = await page.locator('.tchart-tick').evaluateAll((els) => els.map((e) => e.querySelector('tspan')?.textContent ?? ''));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) expect(t).toMatch(/^\d\d:[0-5][05]$/);
    const shown = await page.evaluate(() => {
      const d = new Date();
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    });
    expect(shown.slice(0, 2), 'the page runs in the zone').toBe(new Date(Date.now() + 5.75 * HOUR).toISOString().slice(11, 13));
  });
});

test('two series with different units: two Y axes, a legend that toggles them by keyboard', async ({ page }) => {
  await openDevice(page);
  await page.getByTestId('chart-only-temperature').click();
  await expect(chart(page)).toHaveAttribute('data-y-axes', '1');
  await page.getByTestId('chart-toggle-humidity').check();
  await expect(chart(page)).toHaveAttribute('data-series-count', '2');
  await expect(chart(page)).toHaveAttribute('data-y-axes', '2');
  await expect(page.locator('.tchart .recharts-yAxis')).toHaveCount(2);
  await expect(page.getByTestId('chart-axis-left')).toHaveText('°C');
  await expect(page.getByTestId('chart-axis-right')).toHaveText('%');
  await expect(page.getByTestId('chart-card')).toContainText('temperature (°C), humidity (%)');
  const legend = page.getByTestId('legend-humidity');
  await legend.focus();
  await page.keyboard.press('Enter');
  await expect(legend).toHaveAttribute('aria-pressed', 'false');
  await expect(chart(page)).toHaveAttribute('data-y-axes', '1');
  await page.keyboard.press('Space');
  await expect(legend).toHaveAttribute('aria-pressed', 'true');
  await expect(chart(page)).toHaveAttribute('data-y-axes', '2');
});

test('drag to zoom, pan by a range with the keyboard, reset back to the followed hour', async ({ page }) => {
  await openDevice(page);
  const follow = page.getByTestId('chart-follow');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  expect(await windowSpan(page)).toBeGreaterThanOrEqual(HOUR);
  const hit = page.locator('.tchart rect.tchart-hit').first();
  await hit.scrollIntoViewIfNeeded();
  const box = (await hit.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await expect(page.getByTestId('chart-readout')).toBeVisible();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 4 });
  await expect(page.getByTestId('zoom-selection')).toBeVisible();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
  await page.mouse.up();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const zoomed = await windowSpan(page);
  expect(zoomed).toBeGreaterThan(HOUR * 0.25);
  expect(zoomed).toBeLessThan(HOUR * 0.35);
  await expect(page.getByTestId('chart-reset')).toBeEnabled();

  const from = Number(await chart(page).getAttribute('data-window-from'));
  await page.locator('.tchart-plot').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(chart(page)).toHaveAttribute('data-window-from', String(Math.round(from - zoomed)));
  await page.getByTestId('chart-pan-forward').click();
  await expect(chart(page)).toHaveAttribute('data-window-from', String(Math.round(from)));

  await page.getByTestId('chart-reset').click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  expect(await windowSpan(page)).toBeGreaterThanOrEqual(HOUR);
  await expect(page.getByTestId('chart-reset')).toBeDisabled();
});

test('a boolean series is a timeline of coloured bands, a string one too', async ({ page }) => {
  await openDevice(page);
  await page.getByTestId('chart-only-door').click();
  const door = page.getByTestId('timeline-door');
  await expect(door).toBeVisible();
  await expect(door).toHaveAttribute('data-segments', '8');
  await expect(door.locator('[data-value="true"] rect')).toHaveCount(4);
  await expect(door.locator('[data-value="false"] rect')).toHaveCount(4);
  const fills = await door.locator('rect.tchart-band').evaluateAll((els) => [...new Set(els.map((e) => getComputedStyle(e).fill))]);
  expect(fills).toHaveLength(2);
  await page.getByTestId('chart-toggle-mode').check();
  await expect(page.getByTestId('timeline-mode').locator('[data-value="manual"]')).toHaveCount(1);
  // with no line on the chart, the last timeline carries the time axis
  await expect(page.locator('.tchart .recharts-xAxis')).not.toHaveCount(0);
  // lines, timelines, legend, toolbar and raw table together pass axe
  await page.getByTestId('chart-toggle-temperature').check();
  await page.getByTestId('chart-toggle-humidity').check();
  await expect(chart(page)).toHaveAttribute('data-y-axes', '2');
  const axe = await new AxeBuilder({ page }).include('[data-testid="chart-card"]').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
});

test('the raw points under the chart page newest first', async ({ page }) => {
  await openDevice(page);
  await page.getByTestId('chart-only-temperature').click();
  const rows = page.getByTestId('raw-row');
  await expect(rows).toHaveCount(20);
  const first = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ts'))));
  expect(first[0]).toBe(t0 - MIN);
  expect([...first].sort((a, b) => b - a)).toEqual(first);
  await expect(page.getByTestId('raw-newer')).toBeDisabled();
  await page.getByTestId('raw-older').click();
  await expect(page.getByTestId('raw-page')).toHaveText('page 2');
  await expect(rows.first()).toHaveAttribute('data-ts', String(first[19]! - 10_000));
  await page.getByTestId('raw-newer').click();
  await expect(rows.first()).toHaveAttribute('data-ts', String(first[0]));
  // the CSV export stays, for the series of the table
  const href = await page.getByTestId('export-csv').getAttribute('href');
  expect(href).toContain(`/series/temperature/export.csv?from=`);
});
