// Keyboard only (page.keyboard: Tab, Enter, typing) from login to a device's chart: every stop
// shows a focus ring, focus lands on the page heading after navigation, inside a form or panel
// when it opens and back on its opener when it closes.
import type { Page } from '@playwright/test';
import { test, expect, setupOwner, logout, mosquittoPub } from './fixtures.js';
import type { DeviceCredentials } from './fixtures.js';
import { focused, tabTo } from './a11y-helpers.js';

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'kbd-1';

/** The page's h1 has focus (where navigation and login put it). */
async function expectHeadingFocused(page: Page, text: string | RegExp): Promise<void> {
  await expect.poll(async () => (await focused(page)).tag, { message: 'focus on the page heading' }).toBe('h1');
  await expect(page.locator('#main h1')).toHaveText(text);
}

test('keyboard only: log in, devices, add a device, open it, chart a series', async ({ page, core }) => {
  await setupOwner(page, owner.username, owner.password);
  await logout(page);

  await test.step('log in with the keyboard; focus lands on the main content', async () => {
    // the username field has focus when the login page opens
    await expect.poll(async () => (await focused(page)).testId).toBe('login-username');
    expect((await focused(page)).visible).toBe(true);
    await page.keyboard.type(owner.username);
    await page.keyboard.press('Tab');
    expect((await focused(page)).testId).toBe('login-password');
    // a wrong password: the message is in words, focus stays in the form
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-form').getByTestId('error-message')).toContainText('Wrong username or password');
    expect((await focused(page)).testId).toBe('login-password');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(owner.password);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('current-user')).toHaveText(owner.username);
    await expectHeadingFocused(page, 'Devices');
  });

  await test.step('a skip link leads to the content; the menu is reachable', async () => {
    await tabTo(page, 'skip-link', { back: true });
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Devices');
    await tabTo(page, 'nav-users', { back: true });
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Users');
    await tabTo(page, 'nav-devices', { back: true });
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Devices');
  });

  const creds: DeviceCredentials = await test.step('add a device: focus into the form, then the credentials, then back', async () => {
    await tabTo(page, 'add-device-toggle');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).testId, { message: 'first field of the form' }).toBe('device-uid');
    // Escape closes it, focus back on the button; Enter opens it again
    await page.keyboard.type('half-typed');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('add-device-form')).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).testId).toBe('add-device-toggle');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).testId).toBe('device-uid');
    await expect(page.getByTestId('add-device-form').getByTestId('device-uid')).toHaveValue('');
    // a name of only spaces is refused in words, next to the field, and focus goes to it
    await page.keyboard.type(uid);
    await page.keyboard.press('Tab');
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('field-error-name')).toHaveText(/Name cannot be empty/);
    const name = page.getByTestId('add-device-form').getByTestId('device-name');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription(/Name cannot be empty/);
    expect((await focused(page)).testId).toBe('device-name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Keyboard sensor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('desk');
    await page.keyboard.press('Enter');

    const panel = page.getByTestId('credentials-panel');
    await expect(panel).toBeVisible();
    await expect.poll(async () => (await focused(page)).path.includes('credentials-panel'), { message: 'focus inside the credentials' }).toBe(true);
    const c: DeviceCredentials = {
      username: (await page.getByTestId('cred-username').textContent())!.trim(),
      token: (await page.getByTestId('cred-token').textContent())!.trim(),
      host: core.mqttHost,
      port: Number((await page.getByTestId('cred-port').textContent())!.trim()),
      topic: (await page.getByTestId('cred-topic').textContent())!.trim(),
    };
    await tabTo(page, 'credentials-close');
    await page.keyboard.press('Enter');
    await expect(panel).toHaveCount(0);
    // back on the control that opened the form
    await expect.poll(async () => (await focused(page)).testId).toBe('add-device-toggle');
    return c;
  });

  await mosquittoPub(creds, JSON.stringify({ temperature: 21.5, humidity: 40 }));
  await mosquittoPub(creds, JSON.stringify({ temperature: 22, humidity: 42 }));

  await test.step('open the device with Tab and Enter', async () => {
    await expect(page.getByTestId(`device-row-${uid}`)).toBeVisible();
    await tabTo(page, 'device-link');
    expect((await focused(page)).text).toContain('Keyboard sensor');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('device-page')).toBeVisible();
    await expectHeadingFocused(page, 'Keyboard sensor');
  });

  await test.step('set a unit with the keyboard; focus returns to its button', async () => {
    await tabTo(page, 'edit-unit-temperature');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).testId).toBe('unit-input-temperature');
    await page.keyboard.type('°C');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('edit-unit-temperature')).toHaveText('°C');
    await expect.poll(async () => (await focused(page)).testId).toBe('edit-unit-temperature');
    // Escape closes the editor without saving, focus back on the button
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).testId).toBe('unit-input-temperature');
    await page.keyboard.type('K');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focused(page)).testId).toBe('edit-unit-temperature');
    await expect(page.getByTestId('edit-unit-temperature')).toHaveText('°C');
  });

  await test.step('pick a series for the chart', async () => {
    await expect(page.getByTestId('chart-card')).toContainText('humidity');
    // the key of a latest-values row is a button: Enter charts that series alone
    await tabTo(page, 'chart-only-temperature', { back: true });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chart-card')).toContainText('temperature (°C)');
    await expect.poll(async () => Number(await page.getByTestId('chart').getAttribute('data-points-count'))).toBeGreaterThan(0);
    await tabTo(page, 'range-24h');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('range-24h')).toHaveClass(/active/);
  });

  await test.step('a new token: focus into its credentials, back to "New token" when done', async () => {
    page.once('dialog', (d) => void d.accept()); // the browser's own confirm()
    await tabTo(page, 'rotate-token', { back: true });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('credentials-panel')).toBeVisible();
    await expect.poll(async () => (await focused(page)).path.includes('credentials-panel')).toBe(true);
    await tabTo(page, 'credentials-close');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('credentials-panel')).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).testId).toBe('rotate-token');
  });

  await test.step('edit the device: focus returns to Edit after saving', async () => {
    await tabTo(page, 'edit-device');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).testId).toBe('edit-device-name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Desk sensor');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('device-title')).toHaveText('Desk sensor');
    await expect.poll(async () => (await focused(page)).testId).toBe('edit-device');
  });

  await test.step('users: add one with the keyboard, change a role only on Apply', async () => {
    await tabTo(page, 'nav-users', { back: true });
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Users');
    await tabTo(page, 'new-user-username');
    await page.keyboard.type('kb-viewer');
    await page.keyboard.press('Tab');
    await page.keyboard.type('short');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('field-error-password')).toHaveText('Password needs at least 8 characters (it has 5).');
    expect((await focused(page)).testId).toBe('new-user-password');
    await page.keyboard.type('-and-longer');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notice')).toHaveText('User kb-viewer created.');

    const row = page.getByTestId('user-row-kb-viewer');
    await tabTo(page, 'user-role', { max: 60 });
    // the first role select is the owner's; go on to kb-viewer's
    if (!(await focused(page)).path.includes('user-row-kb-viewer')) await tabTo(page, 'user-role', { max: 10 });
    expect((await focused(page)).path).toContain('user-row-kb-viewer');
    // arrows move the choice without applying it
    await page.keyboard.press('ArrowUp');
    await expect(row.getByTestId('user-role')).toHaveValue('operator');
    const before = await page.request.get('/api/users').then((r) => r.json()) as { username: string; role: string }[];
    expect(before.find((u) => u.username === 'kb-viewer')?.role).toBe('viewer');
    await tabTo(page, 'user-role-apply');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notice')).toHaveText('kb-viewer: role set to operator.');
    await expect(row.getByTestId('user-role-apply')).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).path).toContain('user-row-kb-viewer');
    expect((await focused(page)).testId).toBe('user-role');
  });
});
