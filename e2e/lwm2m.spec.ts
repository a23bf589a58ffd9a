// The LwM2M tab against the LwM2M client simulator (agent/lwm2m) over real UDP to the e2e core's
// own CoAP port: registration, Read of the Device object, Observe with a live chart, Write,
// Execute reboot, de-registration; pending devices approved from the list; keyboard, phone, axe.
// Nothing is reloaded: values, operations and statuses arrive on the live stream.
import type { Page } from '@playwright/test';
import { test, expect, login, setupOwner } from './fixtures.js';
import type { Core } from './fixtures.js';
import { expectNoSeriousViolations, pageOverflowsSideways, tabTo } from './a11y-helpers.js';
import { createLwm2mClient, type Lwm2mClient } from '../agent/lwm2m/index.js';

test.describe.configure({ mode: 'serial' });

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'lwm2m-sim-1';
const clients: Lwm2mClient[] = [];
let main: Lwm2mClient | undefined;

test.afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop().catch(() => undefined)));
});

async function startClient(core: Core, endpoint: string): Promise<Lwm2mClient> {
  const c = createLwm2mClient({ server: `coap://127.0.0.1:${core.coapPort}`, endpoint, lwm2mVersion: '1.1', lifetime: 60, intervalMs: 400, workMs: 300 });
  clients.push(c);
  await c.start();
  return c;
}

async function status(page: Page, id: string): Promise<string> {
  return ((await (await page.request.get(`/api/devices/${id}`)).json()) as { status: string }).status;
}

/** The simulated LwM2M device, created through the API and registered once for the file. */
async function lwm2mDevice(page: Page, core: Core): Promise<Lwm2mClient> {
  if (main?.registered) return main;
  if (!main) {
    const res = await page.request.post('/api/devices', { data: { uid, name: 'Simulated LwM2M', tags: ['lwm2m'], dialect: 'lwm2m' } });
    expect(res.status(), await res.text()).toBe(200);
  }
  main = await startClient(core, uid);
  await expect.poll(() => status(page, uid), { timeout: 15_000 }).toBe('online');
  return main;
}

/** Logged in as the owner, whichever test of the file runs first (a -g run starts anywhere). */
async function enter(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('setup-form').or(page.getByTestId('login-form'))).toBeVisible();
  if (await page.getByTestId('setup-form').isVisible()) await setupOwner(page, owner.username, owner.password);
  else await login(page, owner.username, owner.password);
}

const res = (page: Page, path: string) => page.getByTestId(`lw-res-${path.slice(1).replaceAll('/', '-')}`);

async function openObject(page: Page, id: number): Promise<void> {
  const toggle = page.getByTestId(`lw-obj-toggle-${id}`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

test('an LwM2M device: registration, Read, Observe with a live chart, Write, Execute reboot, then de-registered and offline', async ({ page, core }) => {
  await enter(page);
  const sim = await lwm2mDevice(page, core);

  await test.step('the device page shows the LwM2M tab (not Snaps) with the registration', async () => {
    await page.goto(`/#/devices/${uid}`);
    await expect(page.getByTestId('tab-lwm2m')).toBeVisible();
    await expect(page.getByTestId('tab-snaps')).toHaveCount(0);
    await page.getByTestId('tab-lwm2m').click();
    await expect(page).toHaveURL(new RegExp(`#/devices/${uid}/lwm2m$`));
    await expect(page.getByTestId('lw-reg-endpoint')).toHaveText(uid);
    await expect(page.getByTestId('lw-reg-version')).toHaveText('1.1');
    await expect(page.getByTestId('lw-reg-address')).toHaveText(`127.0.0.1:${sim.port}`);
    await expect(page.getByTestId('lw-reg-lifetime')).toContainText('60 s, ends in');
    await expect(page.getByTestId('lw-obj-3')).toContainText('3 Device');
    await expect(page.getByTestId('lw-obj-3303')).toContainText('3303 Temperature');
  });

  await test.step('Read the Device object: the manufacturer shows, read just now', async () => {
    await openObject(page, 3);
    await page.getByTestId('lw-obj-3').getByTestId('lw-obj-read').click();
    await expect(page.getByTestId('lw-obj-3').getByTestId('lw-op').first()).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
    await expect(res(page, '/3/0/0').getByTestId('lw-value')).toHaveText('Outpost');
    await expect(res(page, '/3/0/0').getByTestId('lw-age')).toContainText('read');
  });

  await test.step('Observe the temperature: observed, and its value and chart move with the notifications', async () => {
    await openObject(page, 3303);
    const temp = res(page, '/3303/0/5700');
    await temp.getByTestId('lw-observe').click();
    await expect(temp.getByTestId('lw-observed')).toBeVisible({ timeout: 15_000 });
    await expect(temp.getByTestId('lw-cancel-observe')).toBeVisible();
    const first = await temp.getByTestId('lw-value').textContent({ timeout: 15_000 });
    await expect(temp.getByTestId('lw-value')).not.toHaveText(first ?? '', { timeout: 20_000 });
    await expect(temp.getByTestId('lw-age')).toContainText('notification');
    const chart = page.getByTestId('lw-chart-3303-0-5700');
    await expect(chart).toBeVisible();
    await expect(chart.locator('.recharts-line-curve, path.recharts-curve').first()).toBeVisible({ timeout: 20_000 });
  });

  await test.step('Cancel the observation: no longer observed', async () => {
    const temp = res(page, '/3303/0/5700');
    await temp.getByTestId('lw-cancel-observe').click();
    await expect(temp.getByTestId('lw-observed')).toHaveCount(0, { timeout: 15_000 });
    await expect(temp.getByTestId('lw-observe')).toBeVisible();
    await expect.poll(() => sim.observationCount, { timeout: 10_000 }).toBe(0);
  });

  await test.step('Write the light on: the simulator has it, the tree shows it', async () => {
    await openObject(page, 3311);
    const light = res(page, '/3311/0/5850');
    await light.getByTestId('lw-write').click();
    await light.getByTestId('lw-write-value').selectOption('true');
    await light.getByTestId('lw-write-submit').click();
    await expect(light.getByTestId('lw-op')).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
    await expect.poll(() => sim.get('/3311/0/5850')).toBe(true);
    await expect(light.getByTestId('lw-value')).toHaveText('true');
  });

  await test.step('a number field refuses what is not a number before anything is sent', async () => {
    const lifetime = res(page, '/1/0/1');
    await openObject(page, 1);
    await lifetime.getByTestId('lw-write').click();
    await lifetime.getByTestId('lw-write-value').fill('soon');
    await lifetime.getByTestId('lw-write-submit').click();
    await expect(lifetime.getByTestId('lw-write-error')).toContainText('not a number');
    await lifetime.getByTestId('lw-write-value').press('Escape');
    await expect(lifetime.getByTestId('lw-write-form')).toHaveCount(0);
  });

  await test.step('Execute reboot: the device de-registers and registers again', async () => {
    const reboot = res(page, '/3/0/4');
    await reboot.getByTestId('lw-execute').click();
    await reboot.getByTestId('lw-execute-submit').click();
    await expect(reboot.getByTestId('lw-op')).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
    await expect.poll(() => sim.registered, { timeout: 15_000 }).toBe(true);
    await expect(page.getByTestId('lw-reg-endpoint')).toHaveText(uid, { timeout: 15_000 });
  });

  await test.step('the simulator stops with a De-register: offline with its reason, without reload', async () => {
    await sim.stop();
    await expect(page.getByTestId('lw-not-registered')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('lw-not-registered-reason')).toHaveText(/de-registered/i);
    await expect.poll(() => status(page, uid)).toBe('offline');
  });
});

test('keyboard only: open the Device object and read it', async ({ page, core }) => {
  await enter(page);
  await lwm2mDevice(page, core);
  await page.goto(`/#/devices/${uid}/lwm2m`);
  await expect(page.getByTestId('lw-obj-toggle-3')).toBeVisible();
  await page.getByTestId('tab-lwm2m').focus();
  await tabTo(page, 'lw-obj-toggle-3', { max: 80 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lw-obj-toggle-3')).toHaveAttribute('aria-expanded', 'true');
  await tabTo(page, 'lw-obj-read');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lw-obj-read').and(page.locator(':focus'))).toHaveCount(1);
  await expect(page.getByTestId('lw-obj-3').getByTestId('lw-op').first()).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
  await expect(res(page, '/3/0/0').getByTestId('lw-value')).toHaveText('Outpost');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('the LwM2M tab never scrolls sideways; resource buttons are on screen', async ({ page, core }) => {
    await enter(page);
    await lwm2mDevice(page, core);
    await page.goto(`/#/devices/${uid}/lwm2m`);
    await openObject(page, 3);
    await openObject(page, 3303);
    await expect(page.getByTestId('loading')).toHaveCount(0);
    const { scrollWidth, innerWidth } = await pageOverflowsSideways(page);
    expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
    const read = res(page, '/3303/0/5700').getByTestId('lw-read');
    await expect(read).toBeVisible();
    const box = (await read.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: the LwM2M tab in ${scheme}, no serious or critical violations`, async ({ page, core }) => {
    await enter(page);
    await lwm2mDevice(page, core);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/#/devices/${uid}/lwm2m`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await openObject(page, 3311);
    await expect(page.getByTestId('loading')).toHaveCount(0);
    await res(page, '/3311/0/5850').getByTestId('lw-write').click();
    await expectNoSeriousViolations(page, `LwM2M tab with a write form (${scheme})`);
  });
}

test('pending devices: an unknown endpoint appears in the open list waiting for approval; Approve and Reject', async ({ page, core }) => {
  await enter(page);
  const put = await page.request.put('/api/settings', { data: { acceptNewLwm2mDevices: true } });
  expect(put.status(), await put.text()).toBe(200);
  await page.goto('/#/devices');
  await expect(page.getByTestId('device-table').or(page.getByTestId('no-devices'))).toBeVisible();
  await expect(page.getByTestId('pending-bar')).toHaveCount(0);

  await startClient(core, 'lwm2m-new-1');
  await startClient(core, 'lwm2m-new-2');
  // no reload: the live stream brings them
  const first = page.getByTestId('device-row-lwm2m-new-1');
  await expect(first.getByTestId('pending-badge')).toHaveText('Waiting for approval', { timeout: 15_000 });
  await expect(page.getByTestId('device-row-lwm2m-new-2').getByTestId('pending-badge')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('2 devices');
  await page.getByTestId('pending-filter').click();
  await expect(page.getByTestId('pending-filter')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid^="device-row-"]')).toHaveCount(2);

  const approved = page.waitForResponse((r) => r.url().endsWith('/api/devices/lwm2m-new-1/approve'));
  await first.getByTestId('approve-device').click();
  const answer = await approved;
  expect(answer.status(), await answer.text()).toBe(200);
  await expect.poll(async () => ((await (await page.request.get('/api/devices/lwm2m-new-1')).json()) as { pending: boolean }).pending).toBe(false);
  await expect(first.getByTestId('pending-badge')).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toContainText('1 device');

  const second = page.getByTestId('device-row-lwm2m-new-2');
  page.once('dialog', (d) => void d.accept());
  await second.getByTestId('reject-device').click();
  await expect(second).toHaveCount(0);
  await expect(page.getByTestId('pending-bar')).toHaveCount(1); // the filter stays until it is turned off
  await page.getByTestId('pending-filter').click();
  await expect(page.getByTestId('pending-bar')).toHaveCount(0);

  await page.goto('/#/devices/lwm2m-new-1/lwm2m');
  await expect(page.getByTestId('device-pending')).toHaveCount(0);
  await expect(page.getByTestId('lw-reg-endpoint')).toHaveText('lwm2m-new-1');
});

test('Settings: the LwM2M models folder is saved and a bad DDF file is named with its problem', async ({ page }) => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const folder = await mkdtemp(join(tmpdir(), 'outpost-ddf-'));
  await writeFile(join(folder, 'broken.xml'), '<LWM2M><Object><Name>Half');
  await enter(page);
  await page.goto('/#/settings');
  await page.getByTestId('setting-lwm2m-models-folder').fill(folder);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('setting-lwm2m-models-folder')).toHaveValue(folder);
  await expect(page.getByTestId('lwm2m-model-problem').first()).toContainText('broken.xml');
  await expectNoSeriousViolations(page, 'Settings with model problems');
  await page.getByTestId('setting-lwm2m-models-folder').fill('');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('lwm2m-model-problems')).toHaveCount(0);
});

test('a viewer sees the registration, objects and values, but no action buttons', async ({ page, core }) => {
  await enter(page);
  await lwm2mDevice(page, core);
  const made = await page.request.post('/api/users', { data: { username: 'lw-viewer', password: 'viewer-password-1', role: 'viewer' } });
  expect([200, 409]).toContain(made.status());
  await page.context().clearCookies();
  await page.goto('/');
  await login(page, 'lw-viewer', 'viewer-password-1');
  await page.goto(`/#/devices/${uid}/lwm2m`);
  await expect(page.getByTestId('lw-reg-endpoint')).toHaveText(uid);
  await openObject(page, 3);
  await expect(res(page, '/3/0/0')).toBeVisible();
  await expect(page.getByTestId('lw-obj-read')).toHaveCount(0);
  await expect(page.getByTestId('lw-read')).toHaveCount(0);
  await expect(page.getByTestId('lw-write')).toHaveCount(0);
  await expect(page.getByTestId('lw-execute')).toHaveCount(0);
});
