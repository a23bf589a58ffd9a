// Journey: first run → add a device → it publishes over MQTT → live values and chart → it drops off.
import { readFileSync } from 'node:fs';
import { test, expect, setupOwner, login, logout, mosquittoPub, mosquittoSubLong } from './fixtures.js';
import type { DeviceCredentials, LongConnection } from './fixtures.js';
import type { Page } from '@playwright/test';

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'greenhouse-1';

async function pointsCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('chart').getAttribute('data-points-count'));
}

test('device journey: add, publish, live values and chart, then offline', async ({ page, core }) => {
  let sub: LongConnection | undefined;
  try {
    await test.step('create the owner on first run', async () => {
      await setupOwner(page, owner.username, owner.password);
      await expect(page.getByTestId('current-role')).toHaveText('admin');
    });

    await test.step('log out and log in again', async () => {
      await logout(page);
      await login(page, owner.username, owner.password);
      await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
    });

    const creds: DeviceCredentials = await test.step('add a device; its credentials are shown once', async () => {
      await page.getByTestId('add-device-toggle').click();
      await page.getByTestId('device-uid').fill(uid);
      await page.getByTestId('device-name').fill('Greenhouse');
      await page.getByTestId('device-tags').fill('lab, north');
      await page.getByTestId('add-device-submit').click();

      const panel = page.getByTestId('credentials-panel');
      await expect(panel).toBeVisible();
      await expect(panel).toContainText('shown only once');
      const c: DeviceCredentials = {
        username: (await page.getByTestId('cred-username').textContent())!.trim(),
        token: (await page.getByTestId('cred-token').textContent())!.trim(),
        host: (await page.getByTestId('cred-host').textContent())!.trim(),
        port: Number(await page.getByTestId('cred-port').textContent()),
        topic: (await page.getByTestId('cred-topic').textContent())!.trim(),
      };
      expect(c.token.length).toBeGreaterThan(8);
      expect(c.port).toBe(core.mqttPort);
      expect(c.topic).toContain(uid);
      const line = (await page.getByTestId('mosquitto-pub').textContent()) ?? '';
      expect(line).toContain('mosquitto_pub');
      for (const part of [c.username, c.token, String(c.port), c.topic]) expect(line).toContain(part);

      const row = page.getByTestId(`device-row-${uid}`);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('device-status')).toHaveText('Never connected');
      await expect(row).toContainText('north');
      await page.getByTestId('credentials-close').click();
      await expect(panel).toHaveCount(0);
      return c;
    });

    await test.step('open the device page', async () => {
      await page.getByTestId(`device-row-${uid}`).getByTestId('device-link').click();
      await expect(page).toHaveURL(new RegExp(`#/devices/${uid}$`));
      await expect(page.getByTestId('device-status')).toHaveAttribute('data-status', 'never');
      await expect(page.getByTestId('chart')).toHaveAttribute('data-points-count', '0');
      // the token is never shown again
      await expect(page.locator('body')).not.toContainText(creds.token);
      // from here on, everything must arrive live: a reload would clear this marker
      await page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
    });

    await test.step('a long-lived device connection shows it online', async () => {
      sub = await mosquittoSubLong(creds, `outpost/v1/${uid}/#`, 5);
      await expect(page.getByTestId('device-status')).toHaveAttribute('data-status', 'online');
      await expect(page.getByTestId('device-status')).toContainText('Online');
    });

    await test.step('a published value appears live in the table and the chart', async () => {
      await mosquittoPub(creds, JSON.stringify({ temperature: 21.5 }));
      await expect(page.getByTestId('latest-value-temperature')).toHaveText('21.5', { timeout: 5_000 });
      await expect.poll(() => pointsCount(page), { timeout: 5_000 }).toBe(1);
      await expect(page.getByTestId('chart').locator('svg.recharts-surface')).toBeVisible();
    });

    await test.step('more values: the latest value updates and the chart grows', async () => {
      let before = await pointsCount(page);
      for (const t of [22, 22.75, 23.25]) {
        await mosquittoPub(creds, JSON.stringify({ temperature: t, humidity: 40 + t }));
        await expect(page.getByTestId('latest-value-temperature')).toHaveText(String(t), { timeout: 5_000 });
        await expect.poll(() => pointsCount(page), { timeout: 5_000 }).toBeGreaterThan(before);
        before = await pointsCount(page);
      }
      expect(before).toBe(4);
      await expect(page.getByTestId('latest-value-humidity')).toHaveText('63.25');
      // clean publish/disconnect of mosquitto_pub does not take the device offline while sub is connected
      await expect(page.getByTestId('device-status')).toHaveAttribute('data-status', 'online');
    });

    await test.step('the chart range downloads as CSV', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const file = await download.path();
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('time,ts_ms,value');
      expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(['21.5', '22', '22.75', '23.25']);
    });

    await test.step('the operator gives the series a unit', async () => {
      await page.getByTestId('latest-row-temperature').hover();
      await page.getByTestId('edit-unit-temperature').click();
      await page.getByTestId('unit-input-temperature').fill('°C');
      await page.getByTestId('unit-input-temperature').press('Enter');
      await expect(page.getByTestId('unit-temperature')).toContainText('°C');
      await expect(page.getByTestId('chart-card')).toContainText('temperature (°C)');
    });

    await test.step('the operator renames the device and changes its tags', async () => {
      await page.getByTestId('edit-device').click();
      await page.getByTestId('edit-device-name').fill('Boiler room sensor');
      await page.getByTestId('edit-device-tags').fill('boiler, basement');
      await page.getByTestId('save-device').click();
      await expect(page.getByTestId('device-title')).toHaveText('Boiler room sensor');
      await expect(page.getByTestId('device-info')).toContainText('boiler');
    });

    await test.step('the connection drops: offline with a reason, last values kept', async () => {
      await sub!.kill();
      sub = undefined;
      const status = page.getByTestId('device-status');
      await expect(status).toHaveAttribute('data-status', 'offline', { timeout: 20_000 });
      // plain words first, the protocol detail and since when second
      await expect(status).toHaveAttribute('data-health', 'warning');
      await expect(page.getByTestId('device-status-text')).toHaveText('Connection lost — the device did not say goodbye');
      await expect(page.getByTestId('device-status-detail')).toContainText(/^MQTT: \S.* · since \d\d:\d\d:\d\d/);
      await expect(page.getByTestId('latest-value-temperature')).toHaveText('23.25');
      expect(await pointsCount(page)).toBe(4);
      await page.getByTestId('tab-events').click();
      await expect(page.getByTestId('events-list')).toContainText(/offline/i);
      await page.getByTestId('tab-telemetry').click();
    });

    await test.step('the device list shows it offline too, without a reload', async () => {
      await page.getByTestId('nav-devices').click();
      const status = page.getByTestId(`device-row-${uid}`).getByTestId('device-status');
      await expect(status).toHaveText('Connection lost');
      await expect(status).toHaveAttribute('data-health', 'warning');
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    });
  } finally {
    await sub?.kill();
  }
});
