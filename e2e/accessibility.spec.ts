// axe-core on every page, in the light and the dark theme (following the system, and chosen with
// the shell's toggle): no serious or critical violations.
import type { Page } from '@playwright/test';
import { test, expect, setupOwner, login, logout } from './fixtures.js';
import { deviceWithTelemetry, expectNoSeriousViolations } from './a11y-helpers.js';

test.describe.configure({ mode: 'serial' });

const owner = { username: 'owner', password: 'correct-horse-battery' };
const schemes = ['light', 'dark'] as const;

/** Waits until the page shows its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('#main h1').first()).toBeVisible();
  await expect(page.getByTestId('loading')).toHaveCount(0);
}

async function expectTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  // the variables really apply: the page background is dark in dark mode and light in light mode
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  expect(theme === 'dark' ? luminance < 0.2 : luminance > 0.8, `body background ${bg} in ${theme}`).toBe(true);
}

/** Every page of the app, each checked with axe. */
async function checkEveryPage(page: Page, theme: string, uid: string): Promise<void> {
  const pages: [string, string][] = [['devices list', '#/devices'], ['operations', '#/operations'], ['users', '#/users'], ['audit log', '#/audit'],
    ['settings', '#/settings'], ['not found', '#/no/such/page']];
  for (const [name, hash] of pages) {
    await page.goto(`/${hash}`);
    await settled(page);
    await expectNoSeriousViolations(page, `${name} (${theme})`);
  }
  // the device page, each of its tabs (whatever tabs the build has)
  await page.goto(`/#/devices/${uid}`);
  await settled(page);
  const tabs = await page.getByTestId('device-tabs').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(tabs.length).toBeGreaterThan(0);
  for (const tab of tabs) {
    await page.goto(`/${tab}`);
    await settled(page);
    await expect(page.getByTestId('device-page')).toBeVisible();
    await expectNoSeriousViolations(page, `device page ${tab} (${theme})`);
  }
  await page.goto(`/#/devices/no-such-device`);
  await expect(page.getByTestId('device-not-found')).toBeVisible();
  await expectNoSeriousViolations(page, `unknown device (${theme})`);
}

test('setup page, light and dark', async ({ page, core: _core }) => {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByTestId('setup-form')).toBeVisible();
    await expectTheme(page, scheme);
    await expectNoSeriousViolations(page, `setup (${scheme})`);
    // the field messages too
    await page.getByTestId('setup-password').fill('short');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('field-error-password')).toBeVisible();
    await expectNoSeriousViolations(page, `setup with errors (${scheme})`);
  }
  // the OS switching while a page is open: it follows without a reload
  await page.emulateMedia({ colorScheme: 'light' });
  await expectTheme(page, 'light');
});

// one test per theme, each within the test timeout as pages and tabs are added (serial: the light
// one creates the owner and the device on this file's core, the dark one logs in)
for (const scheme of schemes) test(`every page following the system theme, ${scheme}`, async ({ page, core }) => {
  test.slow(); // some 40 axe runs, each a few seconds on a busy 2-core machine
  if (scheme === 'light') {
    await setupOwner(page, owner.username, owner.password);
    await deviceWithTelemetry(page, core, 'a11y-1', 'Boiler', [{ temperature: 21.5, humidity: 40, door: 'open' }, { temperature: 22, humidity: 41, door: 'shut' }]);
  } else {
    await page.goto('/');
    await login(page, owner.username, owner.password);
  }
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto('/#/devices');
  await settled(page);
  await expectTheme(page, scheme);
  await expect(page.getByTestId('device-row-a11y-1')).toBeVisible();
  await checkEveryPage(page, scheme, 'a11y-1');

  // open forms with their messages: add device, the unit editor, a user's password reset
  await page.goto('/#/devices');
  await page.getByTestId('add-device-toggle').click();
  await page.getByTestId('add-device-form').getByTestId('device-tags').fill(`ok, ${'x'.repeat(70)}`);
  await page.getByTestId('add-device-submit').click();
  await expect(page.getByTestId('field-error-uid')).toBeVisible();
  await expect(page.getByTestId('field-error-tags')).toHaveText('Tags can be at most 64 characters (tag 2 has 70).');
  await expectNoSeriousViolations(page, `add device form with errors (${scheme})`);
  await page.goto('/#/devices/a11y-1');
  await page.getByTestId('edit-unit-humidity').click();
  await expect(page.getByTestId('unit-input-humidity')).toBeFocused();
  await expectNoSeriousViolations(page, `unit editor (${scheme})`);
  await page.goto('/#/users');
  await page.getByTestId('user-reset-password').first().click();
  await expect(page.getByTestId('reset-password-input')).toBeFocused();
  await expectNoSeriousViolations(page, `password reset (${scheme})`);
  await page.goto('/#/settings');
  await page.getByTestId('setting-silence-timeout').fill('5');
  await page.getByTestId('setting-retention-days').fill('');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('field-error-silenceTimeoutSec')).toHaveText('Silence timeout must be at least 10 seconds.');
  await expect(page.getByTestId('field-error-retentionDays')).toHaveText('Keep data must be a number.');
  await expect(page.getByTestId('setting-silence-timeout')).toBeFocused();
  await expectNoSeriousViolations(page, `settings with errors (${scheme})`);

  await logout(page);
  await expectNoSeriousViolations(page, `login (${scheme})`);
  await page.getByTestId('login-username').fill(owner.username);
  await page.getByTestId('login-password').fill('wrong password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('error-message')).toContainText('Wrong username or password');
  await expectNoSeriousViolations(page, `login refused (${scheme})`);
  await login(page, owner.username, owner.password);
});

test('the toggle wins over the system and is remembered; every page in the chosen theme', async ({ page }) => {
  // every page and device tab checked with axe, in both themes
  test.slow();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await expectTheme(page, 'light');
  await page.getByTestId('theme-select').selectOption('dark');
  await expectTheme(page, 'dark');
  await checkEveryPage(page, 'dark by toggle', 'a11y-1');
  // remembered across a reload, applied before the app runs
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');
  // before first paint: without the app's JavaScript the page is already dark (/theme-init.js, CSP-safe)
  const other = await page.context().newPage();
  await other.emulateMedia({ colorScheme: 'light' });
  await other.route('**/assets/*.js', (r) => r.abort());
  await other.goto('/');
  await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(other.getByTestId('login-form')).toHaveCount(0); // the app really did not run
  await other.close();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('theme-select').selectOption('light');
  await expectTheme(page, 'light');
  await checkEveryPage(page, 'light by toggle', 'a11y-1');

  // back to the system: follows it, also when it changes
  await page.getByTestId('theme-select').selectOption('system');
  await expectTheme(page, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectTheme(page, 'light');
  expect(await page.evaluate(() => localStorage.getItem('outpost-theme'))).toBeNull();
});
