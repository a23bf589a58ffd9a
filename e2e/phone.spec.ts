// A phone (390×844, touch): log in, the device list shows name, status and last seen without
// sideways scrolling, open a device, set a unit by tapping, the chart is there.
import type { Page } from '@playwright/test';
import { test, expect, setupOwner } from './fixtures.js';
import { deviceWithTelemetry, pageOverflowsSideways } from './a11y-helpers.js';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'phone-sensor-with-a-long-uid-01';

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await pageOverflowsSideways(page);
  expect(scrollWidth, `${where}: page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/** The element lies inside the window horizontally (readable without scrolling sideways). */
async function expectWithinWidth(page: Page, testId: string, scope = page.locator('body')): Promise<void> {
  const box = await scope.getByTestId(testId).first().boundingBox();
  expect(box, `${testId} is rendered`).not.toBeNull();
  const width = page.viewportSize()!.width;
  expect(box!.x, `${testId} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${testId} ends inside the window`).toBeLessThanOrEqual(width + 0.5);
}

test('phone journey: log in, device cards, open a device, set a unit by tapping, chart', async ({ page, core }) => {
  await test.step('log in on the phone through the menu', async () => {
    await setupOwner(page, owner.username, owner.password);
    await deviceWithTelemetry(page, core, uid, 'Greenhouse sensor by the north window',
      [{ temperature: 21.5, humidity: 40 }, { temperature: 22.25, humidity: 41 }]);
    // the sidebar is a compact top bar: its menu holds the log-out button
    await expect(page.getByTestId('logout')).toBeHidden();
    await page.getByTestId('menu-toggle').tap();
    await expect(page.getByTestId('menu-toggle')).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('logout').tap();
    await expect(page.getByTestId('login-form')).toBeVisible();
    await expectNoSidewaysScroll(page, 'login');
    await page.getByTestId('login-username').fill(owner.username);
    await page.getByTestId('login-password').fill(owner.password);
    await page.getByTestId('login-submit').tap();
    await expect(page.getByTestId('current-user')).toHaveText(owner.username);
  });

  await test.step('the device list shows name, status and last seen, nothing sideways', async () => {
    const row = page.getByTestId(`device-row-${uid}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('Greenhouse sensor by the north window');
    await expect(row.getByTestId('device-status')).toBeVisible();
    await expect(row.getByTestId('device-last-seen')).toBeVisible();
    await expect(row.getByTestId('device-last-seen')).toHaveText(/ago|just now/);
    for (const id of ['device-link', 'device-status', 'device-last-seen']) await expectWithinWidth(page, id, row);
    await expectNoSidewaysScroll(page, 'device list');
  });

  await test.step('open the device: one column, compact header', async () => {
    await page.getByTestId(`device-row-${uid}`).getByTestId('device-link').tap();
    await expect(page.getByTestId('device-title')).toHaveText('Greenhouse sensor by the north window');
    await expectNoSidewaysScroll(page, 'device page');
    // one column: the info card and the chart card are stacked, each as wide as the page allows
    const info = (await page.getByTestId('device-info').boundingBox())!;
    const chart = (await page.getByTestId('chart-card').boundingBox())!;
    expect(chart.y).toBeGreaterThan(info.y + info.height - 1);
    expect(Math.abs(chart.x - info.x)).toBeLessThan(2);
    expect(info.width).toBeGreaterThan(330);
    // the menu is closed again, the header fits in the first screen
    await expect(page.getByTestId('nav-devices')).toBeHidden();
    const title = (await page.getByTestId('device-title').boundingBox())!;
    expect(title.y).toBeLessThan(200);
  });

  await test.step('latest values are cards: every value and its time are in view, nothing scrolls inside the card', async () => {
    const card = page.getByTestId('latest-values');
    const overflow = await card.evaluate((el) => [...el.querySelectorAll('*')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').length);
    expect(overflow, 'elements of the latest-values card that scroll sideways').toBe(0);
    const cardBox = (await card.boundingBox())!;
    for (const testId of ['latest-value-temperature', 'latest-time-temperature']) {
      const box = (await page.getByTestId(testId).boundingBox())!;
      expect(box.x + box.width, `${testId} ends inside the card`).toBeLessThanOrEqual(cardBox.x + cardBox.width + 1);
    }
  });

  await test.step('set a unit by tapping its visible button', async () => {
    const edit = page.getByTestId('edit-unit-temperature');
    await expect(edit).toBeVisible(); // no hover needed
    await expect(edit).toHaveAccessibleName('Set unit of temperature');
    await edit.tap();
    const input = page.getByTestId('unit-input-temperature');
    await expect(input).toBeFocused();
    await expect(input).toHaveAttribute('placeholder', '°C, %, hPa');
    await input.fill('°C');
    await page.getByTestId('unit-save-temperature').tap();
    await expect(page.getByTestId('edit-unit-temperature')).toHaveText('°C');
    await expectNoSidewaysScroll(page, 'device page after setting a unit');
  });

  await test.step('the chart is visible with its points', async () => {
    await page.getByTestId('chart-card').scrollIntoViewIfNeeded();
    const chart = page.getByTestId('chart');
    await expect(chart).toBeVisible();
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
    await expect.poll(async () => Number(await chart.getAttribute('data-points-count'))).toBeGreaterThan(0);
    await expectWithinWidth(page, 'chart');
  });

  await test.step('the other pages through the menu: nothing scrolls sideways', async () => {
    for (const [nav, heading] of [['nav-operations', 'Operations'], ['nav-users', 'Users'], ['nav-audit', 'Audit log'], ['nav-settings', 'Settings'], ['nav-devices', 'Devices']] as const) {
      await page.getByTestId('menu-toggle').tap();
      await page.getByTestId(nav).tap();
      await expect(page.locator('#main h1')).toHaveText(heading);
      await expect(page.getByTestId(nav)).toBeHidden(); // the menu closes after navigating
      await expect(page.getByTestId('loading')).toHaveCount(0);
      await expectNoSidewaysScroll(page, heading);
    }
    // Escape closes the menu (an external keyboard) and focus returns to its button
    await page.getByTestId('menu-toggle').tap();
    await expect(page.getByTestId('nav-users')).toBeVisible();
    await page.getByTestId('nav-users').focus();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('nav-users')).toBeHidden();
    await expect(page.getByTestId('menu-toggle')).toBeFocused();
    // the users list is cards too: the user's name and role control inside the window
    await page.getByTestId('menu-toggle').tap();
    await page.getByTestId('nav-users').tap();
    const row = page.getByTestId(`user-row-${owner.username}`);
    await expectWithinWidth(page, 'user-role', row);
    await expectWithinWidth(page, 'user-reset-password', row);
  });
});
