// Roles: a viewer sees devices and data but no admin pages, forms or APIs.
import { test, expect, setupOwner, login, logout } from './fixtures.js';

const admin = { username: 'boss', password: 'admin-password-1' };
const viewer = { username: 'vera', password: 'viewer-password-1' };

test('a viewer cannot reach admin pages, forms or APIs', async ({ page }) => {
  await test.step('admin creates a viewer and a device', async () => {
    await setupOwner(page, admin.username, admin.password);
    await page.getByTestId('nav-users').click();
    await page.getByTestId('new-user-username').fill(viewer.username);
    await page.getByTestId('new-user-password').fill(viewer.password);
    await page.getByTestId('new-user-role').selectOption('viewer');
    await page.getByTestId('new-user-submit').click();
    const row = page.getByTestId(`user-row-${viewer.username}`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('user-role')).toHaveValue('viewer');

    const res = await page.request.post('/api/devices', { data: { uid: 'pump-7', name: 'Pump 7', tags: ['field'] } });
    expect(res.status()).toBe(200);
    await page.getByTestId('nav-audit').click();
    await expect(page.getByTestId('audit-table')).toBeVisible();
  });

  await test.step('the viewer logs in and sees only what a viewer may', async () => {
    await logout(page);
    await login(page, viewer.username, viewer.password);
    await expect(page.getByTestId('current-role')).toHaveText('viewer');
    await expect(page.getByTestId('nav-devices')).toBeVisible();
    await expect(page.getByTestId('nav-settings')).toBeVisible();
    await expect(page.getByTestId('nav-users')).toHaveCount(0);
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);
    await expect(page.getByTestId('device-row-pump-7')).toBeVisible();
    await expect(page.getByTestId('add-device-toggle')).toHaveCount(0);
    await expect(page.getByTestId('add-device-form')).toHaveCount(0);
  });

  await test.step('admin pages say forbidden', async () => {
    for (const path of ['#/users', '#/audit']) {
      await page.evaluate((h) => { window.location.hash = h; }, path);
      await expect(page.getByTestId('forbidden')).toBeVisible();
      await expect(page.getByTestId('users-table')).toHaveCount(0);
      await expect(page.getByTestId('audit-table')).toHaveCount(0);
    }
  });

  await test.step('device page has no token or delete actions; settings are read-only', async () => {
    await page.evaluate(() => { window.location.hash = '#/devices/pump-7'; });
    await expect(page.getByTestId('device-page')).toBeVisible();
    await expect(page.getByTestId('rotate-token')).toHaveCount(0);
    await expect(page.getByTestId('delete-device')).toHaveCount(0);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('setting-mqtt-port')).toBeDisabled();
    await expect(page.getByTestId('settings-save')).toHaveCount(0);
  });

  await test.step('the API refuses admin and operator calls with 403', async () => {
    const calls = [
      page.request.post('/api/users', { data: { username: 'mallory', password: 'mallory-password', role: 'admin' } }),
      page.request.get('/api/users'),
      page.request.get('/api/audit'),
      page.request.post('/api/devices', { data: { uid: 'x-1', name: 'X' } }),
      page.request.post('/api/devices/pump-7/token'),
      page.request.delete('/api/devices/pump-7'),
      page.request.put('/api/settings', { data: { anonymousMqtt: true } }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status(), `${res.url()}`).toBe(403);
      const body = (await res.json()) as { error?: unknown };
      expect(typeof body.error).toBe('string');
    }
    const ok = await page.request.get('/api/devices');
    expect(ok.status()).toBe(200);
  });
});
