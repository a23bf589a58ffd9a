// The Overview and Snaps tabs against real simulated devices: the Outpost agent with its fake
// snapd (agent/sim/agent-fleet.ts, whose changes progress over time) and a seed-agent device
// (agent/sim/seed-device.ts), both over the e2e core's real MQTT broker. Nothing is reloaded:
// progress, results and new inventory arrive on the live stream.
import type { Page } from '@playwright/test';
import { test, expect, login, setupOwner } from './fixtures.js';
import type { Core } from './fixtures.js';
import { expectNoSeriousViolations, pageOverflowsSideways, tabTo } from './a11y-helpers.js';
import { startAgentFleet, type AgentFleet } from '../agent/sim/agent-fleet.js';
import { startSeedDevice, type SeedDevice } from '../agent/sim/seed-device.js';

test.describe.configure({ mode: 'serial' });

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'snap-sim-1';
const serial = '50010042';
let fleet: AgentFleet | undefined;
let seed: SeedDevice | undefined;

test.afterAll(async () => {
  await fleet?.stop();
  await seed?.stop();
});

async function addDevice(page: Page, id: string, dialect: 'native' | 'seed' = 'native'): Promise<string> {
  const res = await page.request.post('/api/devices', { data: { uid: id, name: `Simulated ${id}`, tags: ['simulated'], dialect } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { credentials: { token: string } }).credentials.token;
}

async function waitOnline(page: Page, id: string): Promise<void> {
  await expect.poll(async () => ((await (await page.request.get(`/api/devices/${id}`)).json()) as { status: string }).status,
    { timeout: 15_000 }).toBe('online');
}

/** The simulated agent device, started once for the file (logged in as the owner). */
async function agentDevice(page: Page, core: Core): Promise<void> {
  if (fleet) return;
  const token = await addDevice(page, uid);
  fleet = await startAgentFleet({ host: core.mqttHost, port: core.mqttPort, devices: [{ uid, token }], stepMs: 150 });
  await waitOnline(page, uid);
}

const row = (page: Page, name: string) => page.getByTestId(`snap-row-${name}`);

test('an agent device: Overview shows its system, Snaps its snaps; a refresh shows progress, then Done and the new revision, without reload', async ({ page, core }) => {
  await setupOwner(page, owner.username, owner.password);
  await agentDevice(page, core);

  await test.step('Overview: hostname, OS, the inventory\'s age and the Refresh button', async () => {
    await page.goto(`/#/devices/${uid}/overview`);
    await expect(page.getByTestId('overview-hostname')).toHaveText(`sim-${uid}`);
    await expect(page.getByTestId('overview-os')).not.toHaveText('—');
    await expect(page.getByTestId('overview-os')).toHaveText(/\S/);
    await expect(page.getByTestId('overview-snapd-version')).toHaveText('2.66.1+24.04');
    await expect(page.getByTestId('overview-uptime')).toHaveText(/min|h|day/);
    await expect(page.getByTestId('inventory-age')).toContainText('Collected');
    await expect(page.getByTestId('user-row').first()).toBeVisible(); // snapd's user "ops" at least
    await expect(page.getByTestId('inventory-refresh')).toBeVisible();
  });

  await test.step('Snaps: the fake snapd\'s snaps with version, revision, channel, services', async () => {
    await page.getByTestId('tab-snaps').click();
    await expect(page).toHaveURL(new RegExp(`#/devices/${uid}/snaps$`));
    for (const name of ['core22', 'hello-world', 'snapd', 'mosquitto', 'outpost-agent']) await expect(row(page, name)).toBeVisible();
    await expect(page.getByTestId('snap-version-hello-world')).toHaveText('6.3 rev 28');
    await expect(page.getByTestId('snap-channel-hello-world')).toHaveText('latest/stable');
    await expect(page.getByTestId('snap-channel-mosquitto')).toHaveText('sideloaded');
    await expect(page.getByTestId('snap-service-mosquitto-mosquitto')).toContainText('running, enabled');
  });

  await test.step('Refresh hello-world with the keyboard: a progress bar, then Done and revision 29 in the table', async () => {
    // from the tab link, every stop on the way shows its focus ring
    await page.getByTestId('tab-snaps').focus();
    await tabTo(page, 'snap-refresh-hello-world');
    await page.keyboard.press('Enter');
    const r = row(page, 'hello-world');
    await expect(r.getByRole('progressbar')).toBeVisible();
    // unavailable while it runs, and the keyboard user's focus stays on it
    await expect(r.getByTestId('snap-refresh-hello-world')).toHaveAttribute('aria-disabled', 'true');
    await expect(r.getByTestId('snap-refresh-hello-world')).toBeFocused();
    await expect(r.getByTestId('operation-state')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
    await expect(r.getByTestId('operation-state')).toHaveText('Done');
    await expect(r.getByRole('progressbar')).toHaveCount(0);
    // the agent's own new inventory brings it, sooner than the tab's fallback ask (4 s after Done)
    await expect(page.getByTestId('snap-version-hello-world')).toHaveText('6.4 rev 29', { timeout: 3000 });
    await expect(r.getByTestId('snap-refresh-hello-world')).not.toHaveAttribute('aria-disabled', 'true');
  });

  await test.step('Switch hello-world to latest/candidate in its row form: it tracks the new channel (a refresh brings its revision, as with snap switch)', async () => {
    await page.getByTestId('snap-switch-hello-world').click();
    const channel = page.getByTestId('snap-switch-channel-hello-world');
    await expect(channel).toBeFocused();
    await channel.fill('latest candidate');
    await channel.press('Enter');
    await expect(row(page, 'hello-world').getByTestId('field-error-channel')).toHaveText('Channel must look like stable or latest/edge (letters, digits and . _ / - only).');
    await channel.fill(' latest/candidate ');
    await channel.press('Enter');
    await expect(page.getByTestId('snap-switch-form-hello-world')).toHaveCount(0);
    await expect(page.getByTestId('snap-switch-hello-world')).toBeFocused();
    await expect(row(page, 'hello-world').getByTestId('operation-state')).toHaveText('Done', { timeout: 20_000 });
    await expect(page.getByTestId('snap-channel-hello-world')).toHaveText('latest/stable, tracking latest/candidate');
  });

  await test.step('Remove outpost-agent after the confirmation: the row goes', async () => {
    // the click returns only once its dialog is answered
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
    await page.getByTestId('snap-remove-outpost-agent').click();
    expect(asked).toContain('Remove the snap outpost-agent');
    await expect(row(page, 'outpost-agent')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('snap-pending-outpost-agent')).toHaveCount(0);
  });

  await test.step('Disable mosquitto: its status and services follow', async () => {
    await page.getByTestId('snap-toggle-mosquitto').click();
    await expect(row(page, 'mosquitto').getByTestId('operation-state')).toHaveText('Done', { timeout: 20_000 });
    await expect(page.getByTestId('snap-status-mosquitto')).toHaveText('disabled');
    await expect(page.getByTestId('snap-toggle-mosquitto')).toHaveText('Enable');
    await expect(page.getByTestId('snap-service-mosquitto-mosquitto')).toContainText('stopped, disabled');
  });
});

test('installing: the form words bad input; a snap snapd cannot find shows its kind and message; a good one appears', async ({ page, core }) => {
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await agentDevice(page, core);
  await page.goto(`/#/devices/${uid}/snaps`);
  await expect(row(page, 'core22')).toBeVisible();

  await test.step('bad input is worded next to its field, nothing is sent', async () => {
    await page.getByTestId('snap-install-name').fill('Hello World');
    await page.getByTestId('snap-install-channel').fill('stable');
    await page.getByTestId('snap-install-revision').fill('29');
    await page.getByTestId('snap-install-submit').click();
    await expect(page.getByTestId('field-error-name')).toHaveText('Snap name may contain lower-case letters, digits and - only (e.g. hello-world).');
    await expect(page.getByTestId('field-error-revision')).toHaveText('Give a channel or a revision, not both: leave one empty.');
    await expect(page.getByTestId('snap-install-name')).toBeFocused();
    await expect(page.getByTestId('snap-install-name')).toHaveAttribute('aria-invalid', 'true');
  });

  await test.step("no-such-snap: the pending row ends Failed with snapd's kind and message", async () => {
    await page.getByTestId('snap-install-name').fill('  no-such-snap ');
    await page.getByTestId('snap-install-channel').fill('');
    await page.getByTestId('snap-install-revision').fill('');
    await page.getByTestId('snap-install-submit').click();
    const pending = page.getByTestId('snap-pending-no-such-snap');
    await expect(pending).toBeVisible();
    await expect(pending.getByTestId('operation-state')).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
    await expect(pending.getByTestId('operation-error')).toHaveText('snap-not-found: snap not found');
    await expect(page.getByTestId('snap-install-name')).toHaveValue('');
  });

  await test.step('hello from latest/beta: a pending row with progress on top, then the snap in the table', async () => {
    await page.getByTestId('snap-install-name').fill('hello');
    await page.getByTestId('snap-install-channel').fill('latest/beta');
    await page.getByTestId('snap-install-submit').click();
    const pending = page.getByTestId('snap-pending-hello');
    await expect(pending.getByRole('progressbar')).toBeVisible();
    // pending rows come first
    await expect(page.getByTestId('snaps-table').locator('tbody tr').first()).toHaveAttribute('data-name', 'hello');
    await expect(row(page, 'hello')).toBeVisible({ timeout: 20_000 });
    await expect(pending).toHaveCount(0);
    await expect(page.getByTestId('snap-version-hello')).toHaveText('2.12 rev 44');
    await expect(page.getByTestId('snap-channel-hello')).toHaveText('latest/beta');
  });
});

test('a seed-agent device: its snapd and uptime, its snaps, and no snap actions (the seed agent has no command for them)', async ({ page, core }) => {
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await addDevice(page, serial, 'seed');
  seed = await startSeedDevice(core.mqttHost, core.mqttPort, serial);
  await waitOnline(page, serial);

  await page.goto(`/#/devices/${serial}/overview`);
  await expect(page.getByTestId('overview-snapd-version')).toHaveText('2.66.1+24.04', { timeout: 15_000 });
  await expect(page.getByTestId('overview-uptime')).toHaveText(/minute/);
  await expect(page.getByTestId('inventory-age')).toContainText('from the seed agent');

  await page.getByTestId('tab-snaps').click();
  await expect(row(page, 'core22')).toBeVisible();
  await expect(page.getByTestId('snap-version-hello-world')).toHaveText('6.3 rev 28');
  await expect(page.getByTestId('snaps-seed-note')).toBeVisible();
  await expect(page.getByTestId('snap-refresh-hello-world')).toHaveCount(0);
  await expect(page.getByTestId('snap-install-form')).toHaveCount(0);
});

test('a device that never sent inventory says how to get one', async ({ page }) => {
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await addDevice(page, 'plain-sensor');
  await page.goto('/#/devices/plain-sensor/overview');
  await expect(page.getByTestId('inventory-empty')).toContainText('The device agent (outpost-agent)');
  // asking by hand says why nothing was asked
  await page.getByTestId('inventory-refresh').click();
  await expect(page.getByTestId('inventory-ask')).toHaveText('Not asked: the device is offline: its last known inventory is shown.');
  await page.getByTestId('tab-snaps').click();
  await expect(page.getByTestId('inventory-empty')).toContainText('No snaps known');
});

test('a viewer sees the snaps and the operations, but no buttons that change them', async ({ page, core, browser }) => {
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await agentDevice(page, core);
  const created = await page.request.post('/api/users', { data: { username: 'watcher', password: 'watcher-password-1', role: 'viewer' } });
  expect(created.status(), await created.text()).toBe(200);
  const context = await browser.newContext({ baseURL: core.url });
  try {
    const viewer = await context.newPage();
    await viewer.goto('/');
    await login(viewer, 'watcher', 'watcher-password-1');
    await viewer.goto(`/#/devices/${uid}/snaps`);
    await expect(row(viewer, 'core22')).toBeVisible();
    // the failed install of the test before is still shown, with snapd's words
    await expect(viewer.getByTestId('snap-pending-no-such-snap').getByTestId('operation-error')).toHaveText('snap-not-found: snap not found');
    await expect(viewer.getByTestId('snap-refresh-core22')).toHaveCount(0);
    await expect(viewer.getByTestId('snap-refresh-all')).toHaveCount(0);
    await expect(viewer.getByTestId('snap-install-form')).toHaveCount(0);
    await expect(viewer.getByTestId('inventory-refresh')).toBeVisible(); // asking for inventory is a viewer's right
  } finally {
    await context.close();
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('Snaps and Overview are cards that never scroll sideways; the row buttons are visible', async ({ page, core }) => {
    await page.goto('/');
    await login(page, owner.username, owner.password);
    await agentDevice(page, core);
    for (const tab of ['snaps', 'overview']) {
      await page.goto(`/#/devices/${uid}/${tab}`);
      await expect(page.getByTestId('inventory-age')).toContainText('Collected');
      await expect(page.getByTestId('loading')).toHaveCount(0);
      const { scrollWidth, innerWidth } = await pageOverflowsSideways(page);
      expect(scrollWidth, `${tab}: page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
    }
    await page.goto(`/#/devices/${uid}/snaps`);
    const refresh = page.getByTestId('snap-refresh-core22');
    await expect(refresh).toBeVisible();
    const box = (await refresh.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });
});

// one test per theme: each has its own time budget (axe is slow on a loaded machine)
for (const scheme of ['light', 'dark'] as const) {
  test(`axe: Overview and Snaps in ${scheme}, no serious or critical violations`, async ({ page, core }) => {
    await page.goto('/');
    await login(page, owner.username, owner.password);
    await agentDevice(page, core);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/#/devices/${uid}/overview`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await expect(page.getByTestId('overview-hostname')).toHaveText(`sim-${uid}`);
    await expect(page.getByTestId('loading')).toHaveCount(0);
    await expectNoSeriousViolations(page, `Overview (${scheme})`);
    await page.goto(`/#/devices/${uid}/snaps`);
    await expect(row(page, 'core22')).toBeVisible();
    await expect(page.getByTestId('loading')).toHaveCount(0);
    await expectNoSeriousViolations(page, `Snaps (${scheme})`);
    // the in-row form and a failed operation's error are part of the page too
    await page.getByTestId('snap-switch-core22').click();
    await expect(page.getByTestId('snap-switch-channel-core22')).toBeFocused();
    await expectNoSeriousViolations(page, `Snaps with the switch form (${scheme})`);
  });
}
