// Operations from the UI against a real core and simulated Ubuntu agents (agent/sim: the real
// agent code with a fake snapd, talking MQTT to the core's broker): queue for an offline device
// and watch it finish when the device starts, the detail's history, cancel and retry, a bulk
// operation from the device list with its live summary, the Operations page's filters, and axe.
import type { Page } from '@playwright/test';
import { test, expect, setupOwner, login } from './fixtures.js';
import type { Core } from './fixtures.js';
import { expectNoSeriousViolations, focused, pageOverflowsSideways, tabTo } from './a11y-helpers.js';
import { startAgentFleet, type AgentFleet } from '../agent/sim/agent-fleet.js';

test.describe.configure({ mode: 'serial' });

const owner = { username: 'owner', password: 'correct-horse-battery' };
const fleets: AgentFleet[] = [];
const tokens = new Map<string, string>();

test.afterAll(async () => {
  await Promise.all(fleets.map((f) => f.stop()));
});

async function addDevice(page: Page, uid: string): Promise<void> {
  const res = await page.request.post('/api/devices', { data: { uid, name: `Agent ${uid}`, tags: ['ops'] } });
  expect(res.status(), await res.text()).toBe(200);
  tokens.set(uid, ((await res.json()) as { credentials: { token: string } }).credentials.token);
}

async function startAgents(core: Core, uids: string[]): Promise<void> {
  fleets.push(await startAgentFleet({ host: core.mqttHost, port: core.mqttPort, devices: uids.map((uid) => ({ uid, token: tokens.get(uid)! })), stepMs: 50 }));
}

const rows = (page: Page) => page.getByTestId('operations-table').getByTestId('operation-row');
const row = (page: Page, id: number) => page.locator(`[data-testid="operation-row"][data-id="${id}"]`);

/** Queues an operation from the device's Operations tab and returns its id. */
async function queueFromTab(page: Page, kind: string, args?: string): Promise<number> {
  await page.getByTestId('new-operation').click();
  await expect.poll(async () => (await focused(page)).tag, { message: 'focus moved into the form' }).toBe('h2');
  await page.getByTestId('new-op-kind').selectOption(kind);
  if (args !== undefined) await page.getByTestId('new-op-args').fill(args);
  await page.getByTestId('new-op-submit').click();
  await expect(page.getByTestId('operation-notice')).toBeVisible();
  const text = await page.getByTestId('operation-notice').textContent();
  return Number(/#(\d+)/.exec(text ?? '')![1]);
}

test('operations: queue for an offline device, history, cancel and retry, bulk, filters', async ({ page, core }) => {
  await setupOwner(page, owner.username, owner.password);
  for (const uid of ['ops-a', 'ops-b', 'ops-c']) await addDevice(page, uid);
  let first = 0;

  await test.step('the Operations tab sits before Telemetry; arguments are checked in words', async () => {
    await page.goto('/#/devices/ops-a');
    await expect(page.getByTestId('tab-operations')).toBeVisible();
    const tabs = await page.getByTestId('device-tabs').locator('a').allTextContents();
    expect(tabs.indexOf('Operations')).toBe(tabs.indexOf('Telemetry') - 1);
    await expect(page.getByTestId('tab-telemetry')).toHaveAttribute('aria-current', 'page'); // still the default
    await page.getByTestId('tab-operations').click();
    await expect(page.getByTestId('operations-empty')).toBeVisible();
    await page.getByTestId('new-operation').click();
    await page.getByTestId('new-op-kind').selectOption('snap.install');
    await expect(page.getByTestId('new-op-args')).toHaveValue('{\n  "name": ""\n}');
    await page.getByTestId('new-op-args').fill('{"name": "Hello"}');
    await page.getByTestId('new-op-ttl').fill('soon');
    await page.getByTestId('new-op-submit').click();
    await expect(page.getByTestId('field-error-args')).toHaveText('"name": lower-case letters, digits and - only.');
    await expect(page.getByTestId('field-error-ttl')).toContainText('whole number of minutes');
    await expect(page.getByTestId('new-op-args')).toBeFocused();
    await expect(page.getByTestId('new-op-args')).toHaveAccessibleDescription(/lower-case letters/);
    // Escape closes the form; focus back on its button
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('new-operation-form')).toHaveCount(0);
    await expect(page.getByTestId('new-operation')).toBeFocused();
  });

  await test.step('(a) queued while the device is offline, done once it starts, without a reload', async () => {
    first = await queueFromTab(page, 'inventory.refresh');
    await expect(row(page, first)).toHaveAttribute('data-state', 'queued');
    await expect(row(page, first).getByTestId('operation-state')).toHaveText('Queued — waiting for the device');
    await expect(row(page, first).getByTestId('operation-attempts')).toHaveText('0/3');
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });
    await startAgents(core, ['ops-a']);
    await expect(row(page, first)).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
    await expect(row(page, first).getByTestId('operation-state')).toHaveText('Done');
    await expect(row(page, first).getByTestId('operation-attempts')).toHaveText('1/3');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // same page, no reload
  });

  await test.step('(a) the detail: focus moves in, the history shows sent, delivered and the reply; Escape closes it', async () => {
    const open = row(page, first).getByTestId('operation-open');
    await open.focus();
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('operation-detail');
    await expect(detail).toHaveAttribute('data-id', String(first));
    await expect.poll(async () => (await focused(page)).path.includes('operation-detail'), { message: 'focus inside the detail' }).toBe(true);
    await expect(open).toHaveAttribute('aria-expanded', 'true');
    const types = await detail.getByTestId('history-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types).toEqual(expect.arrayContaining(['created', 'sent', 'delivered', 'reply']));
    expect(types.indexOf('sent')).toBeLessThan(types.indexOf('reply'));
    await expect(detail.locator('[data-type="sent"]')).toContainText('Sent to the device (attempt 1)');
    await expect(detail.locator('[data-type="sent"] pre')).toContainText('"kind": "inventory.refresh"');
    await expect(detail.locator('[data-type="reply"]')).toContainText('Reply: done');
    await expect(detail.getByTestId('operation-result')).toContainText('{');
    await page.keyboard.press('Escape');
    await expect(detail).toHaveCount(0);
    await expect(open).toBeFocused();
  });

  let cancelled = 0;
  let retried = 0;
  await test.step('(b) cancel a queued operation: Cancelled', async () => {
    await page.goto('/#/devices/ops-b/operations');
    // a hash change: wait for this device's page, not a click on the one before it
    await expect(page.getByTestId('device-page')).toHaveAttribute('data-uid', 'ops-b');
    cancelled = await queueFromTab(page, 'system.reboot');
    await expect(row(page, cancelled)).toHaveAttribute('data-state', 'queued');
    await row(page, cancelled).getByTestId('operation-open').click();
    const detail = page.getByTestId('operation-detail');
    await detail.getByTestId('operation-cancel').click();
    const dialog = page.getByTestId('operation-cancel-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('operation-cancel-dialog-cancel')).toBeFocused();
    await page.getByTestId('operation-cancel-dialog-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(detail).toHaveAttribute('data-state', 'cancelled');
    await expect(row(page, cancelled).getByTestId('operation-state')).toHaveText('Cancelled');
    await expect(detail.locator('[data-type="cancelled"]')).toContainText(`Cancelled by ${owner.username} while queued`);
    await expect(detail.getByTestId('operation-cancel')).toHaveCount(0);
  });

  await test.step('(b) retry it: a new operation linked to the old one, both ways', async () => {
    const detail = page.getByTestId('operation-detail');
    await detail.getByTestId('operation-retry').click();
    await expect(detail).not.toHaveAttribute('data-id', String(cancelled));
    retried = Number(await detail.getAttribute('data-id'));
    expect(retried).toBeGreaterThan(cancelled);
    await expect(detail).toHaveAttribute('data-state', 'queued');
    await expect(detail.getByTestId('detail-retry-of')).toHaveText(`#${cancelled}`);
    await expect(row(page, retried)).toBeVisible();
    await expect(row(page, retried).getByTestId('operation-retry-of')).toHaveText(`#${cancelled}`);
    // newest first
    await expect(rows(page).first()).toHaveAttribute('data-id', String(retried));
    // and the old one says what became of it
    await detail.getByTestId('detail-retry-of').click();
    await expect(detail).toHaveAttribute('data-id', String(cancelled));
    await expect(detail.getByTestId('detail-retried-as')).toHaveText(`#${retried}`);
    await expect(detail.locator('[data-type="retried"]')).toContainText(`Retried by ${owner.username} as #${retried}`);
    const api = (await (await page.request.get(`/api/operations/${retried}`)).json()) as { retryOf: number; state: string };
    expect(api).toMatchObject({ retryOf: cancelled, state: 'queued' });
  });

  let batchId = 0;
  await test.step('(c) bulk: two devices selected, Run operation…, confirm, the summary reaches 2 succeeded', async () => {
    await startAgents(core, ['ops-c']);
    await page.goto('/#/devices');
    await expect(page.getByTestId('device-row-ops-c')).toHaveAttribute('data-status', 'online');
    for (const uid of ['ops-a', 'ops-c']) await page.getByTestId(`device-row-${uid}`).getByTestId('device-select').check();
    await expect(page.getByTestId('bulk-count')).toHaveText('2 devices selected');
    await page.getByTestId('bulk-run-operation').click();
    const form = page.getByTestId('bulk-operation-form');
    await expect(form).toBeVisible();
    await expect(form.getByRole('heading')).toHaveText('Run an operation on 2 devices');
    await form.getByTestId('new-op-kind').selectOption('inventory.refresh');
    await form.getByTestId('new-op-submit').click();
    const dialog = page.getByTestId('bulk-operation-dialog');
    await expect(dialog.getByRole('heading')).toHaveText('Refresh inventory on 2 devices?');
    await expect(page.getByTestId('bulk-operation-dialog-cancel')).toBeFocused();
    await expect(dialog).toContainText('ops-a, ops-c');
    await page.getByTestId('bulk-operation-dialog-confirm').click();
    await expect(dialog).toBeHidden();
    const summary = page.getByTestId('batch-summary');
    await expect(summary).toBeVisible();
    await expect(summary.getByTestId('batch-count-total')).toHaveText('2');
    await expect(summary.getByTestId('batch-count-succeeded')).toHaveText('2', { timeout: 20_000 });
    await expect(summary.getByTestId('batch-status')).toHaveText('All 2 succeeded.');
    // focus went to the summary, not back to the page body
    await expect.poll(async () => (await focused(page)).path.includes('batch-summary')).toBe(true);
    batchId = Number(/#(\d+)/.exec((await summary.getByRole('heading').textContent()) ?? '')![1]);
  });

  await test.step('(c) the Operations page filtered to the bulk operation lists both devices', async () => {
    await page.getByTestId('batch-link').click();
    await expect(page).toHaveURL(new RegExp(`#/operations/batch/${batchId}$`));
    await expect(page.locator('#main h1')).toHaveText(`Operations of bulk operation #${batchId}`);
    await expect(rows(page)).toHaveCount(2);
    expect((await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-device')))).sort()).toEqual(['ops-a', 'ops-c']);
    await expect(page.getByTestId('batch-summary').getByTestId('batch-count-succeeded')).toHaveText('2');
    // a row leads to its device's Operations tab
    await rows(page).first().getByTestId('operation-device').click();
    await expect(page).toHaveURL(/#\/devices\/ops-[ac]\/operations$/);
    await expect(page.getByTestId('operations-tab')).toBeVisible();
  });

  await test.step('(d) the Operations page: filter by state, device and kind; open a detail there', async () => {
    await page.getByTestId('nav-operations').click();
    await expect(page.locator('#main h1')).toHaveText('Operations');
    await expect(rows(page)).toHaveCount(5); // first, cancelled, retried, two of the batch
    await page.getByTestId('op-chip-cancelled').click();
    await expect(page.getByTestId('op-chip-cancelled')).toHaveAttribute('aria-pressed', 'true');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute('data-id', String(cancelled));
    await page.getByTestId('op-chip-running').click();
    await expect(rows(page)).toHaveCount(2);
    expect((await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).sort()).toEqual(['cancelled', 'queued']);
    await page.getByTestId('op-chip-cancelled').click();
    await page.getByTestId('op-chip-running').click();
    await page.getByTestId('op-chip-succeeded').click();
    await expect(rows(page)).toHaveCount(3);
    await page.getByTestId('op-filter-device').fill('ops-a');
    await expect(rows(page)).toHaveCount(2);
    await page.getByTestId('op-filter-kind').selectOption('system.reboot');
    await expect(page.getByTestId('operations-empty')).toBeVisible();
    await page.getByTestId('op-filter-clear').click();
    await expect(rows(page)).toHaveCount(5);
    await row(page, retried).getByTestId('operation-open').click();
    await expect(page.getByTestId('operation-detail')).toHaveAttribute('data-id', String(retried));
    await expect(page.getByTestId('operation-detail')).toContainText('ops-b');
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`(e) axe on the Operations page, a detail, the tab and its form (${scheme})`, async ({ page }) => {
    test.slow(); // six axe runs on a shared build machine
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await login(page, owner.username, owner.password);
    await page.goto('/#/operations');
    await expect(rows(page).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await expectNoSeriousViolations(page, `operations page (${scheme})`);
    await page.getByTestId('op-chip-running').click();
    await rows(page).first().getByTestId('operation-open').click();
    await expect(page.getByTestId('operation-detail').getByTestId('operation-history')).toBeVisible();
    await expectNoSeriousViolations(page, `operations page with a detail (${scheme})`);

    await page.goto('/#/operations/batch/1');
    await expect(page.getByTestId('batch-count-total')).toHaveText('2');
    await expectNoSeriousViolations(page, `a bulk operation (${scheme})`);

    await page.goto('/#/devices/ops-a/operations');
    // a hash change: wait for this device's page, not a click on the one before it
    await expect(page.getByTestId('device-page')).toHaveAttribute('data-uid', 'ops-a');
    await expect(rows(page).first()).toBeVisible();
    await expectNoSeriousViolations(page, `device operations tab (${scheme})`);
    await rows(page).first().getByTestId('operation-open').click();
    await expect(page.getByTestId('operation-detail').getByTestId('operation-history')).toBeVisible();
    await page.getByTestId('new-operation').click();
    await page.getByTestId('new-op-args').fill('{');
    await page.getByTestId('new-op-submit').click();
    await expect(page.getByTestId('field-error-args')).toBeVisible();
    await expectNoSeriousViolations(page, `device operations tab with a detail and a form with errors (${scheme})`);
  });
}

test('keyboard only on the Operations page: chips, a detail in and out, focus always visible', async ({ page }) => {
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await page.getByTestId('nav-operations').click();
  await expect.poll(async () => (await focused(page)).tag, { message: 'focus on the heading' }).toBe('h1');
  await expect(rows(page).first()).toBeVisible();
  await tabTo(page, 'op-chip-succeeded');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('op-chip-succeeded')).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveCount(3);
  const opener = await tabTo(page, 'operation-open').then(() => page.locator(':focus'));
  const id = await opener.evaluate((el) => el.closest('tr')!.getAttribute('data-id'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operation-detail')).toHaveAttribute('data-id', id!);
  await expect.poll(async () => (await focused(page)).path.includes('operation-detail')).toBe(true);
  await tabTo(page, 'operation-detail-close');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operation-detail')).toHaveCount(0);
  await expect.poll(async () => (await focused(page)).testId).toBe('operation-open');
  expect(await page.locator(':focus').evaluate((el) => el.closest('tr')!.getAttribute('data-id'))).toBe(id);
});

test('paging: Load older brings the next page; a viewer sees operations but no buttons that change them', async ({ page, browser, baseURL }) => {
  await page.goto('/');
  await login(page, owner.username, owner.password);
  await addDevice(page, 'ops-many');
  for (let i = 0; i < 53; i++) {
    const res = await page.request.post('/api/devices/ops-many/operations', { data: { kind: 'inventory.refresh' } });
    expect(res.status()).toBe(200);
  }
  await page.goto('/#/devices/ops-many/operations');
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId('operations-shown')).toHaveText('50 operations shown');
  await page.getByTestId('operations-load-older').click();
  await expect(rows(page)).toHaveCount(53);
  await expect(page.getByTestId('operations-shown')).toHaveText('53 operations shown (all)');
  await expect(page.getByTestId('operations-load-older')).toHaveCount(0);
  const ids = (await rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id')))));
  expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first, no duplicates
  expect(new Set(ids).size).toBe(53);

  const res = await page.request.post('/api/users', { data: { username: 'ops-viewer', password: 'viewer-password-1', role: 'viewer' } });
  expect(res.status(), await res.text()).toBe(200);
  const ctx = await browser.newContext({ baseURL });
  const viewer = await ctx.newPage();
  await viewer.goto('/');
  await login(viewer, 'ops-viewer', 'viewer-password-1');
  await viewer.goto('/#/devices/ops-many/operations');
  await expect(rows(viewer).first()).toBeVisible();
  await expect(viewer.getByTestId('new-operation')).toHaveCount(0);
  await rows(viewer).first().getByTestId('operation-open').click();
  await expect(viewer.getByTestId('operation-history')).toBeVisible();
  await expect(viewer.getByTestId('operation-cancel')).toHaveCount(0);
  await viewer.goto('/#/operations');
  await expect(rows(viewer).first()).toBeVisible();
  await ctx.close();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
    const { scrollWidth, innerWidth } = await pageOverflowsSideways(page);
    expect(scrollWidth, `${where}: page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
  }
  async function expectWithinWidth(page: Page, testId: string): Promise<void> {
    const box = await page.getByTestId(testId).first().boundingBox();
    expect(box, `${testId} is rendered`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${testId} ends inside the window`).toBeLessThanOrEqual(390.5);
  }

  test('390 px: the page, a detail with payloads, the tab and its form, a bulk summary, Run operation…', async ({ page }) => {
    await page.goto('/');
    await login(page, owner.username, owner.password);
    await page.goto('/#/operations');
    await expect(rows(page).first()).toBeVisible();
    await expectNoSidewaysScroll(page, 'operations page');
    for (const id of ['operation-open', 'operation-state', 'operation-device', 'op-chip-cancelled', 'op-filter-to']) await expectWithinWidth(page, id);
    await page.getByTestId('op-chip-succeeded').tap();
    await rows(page).first().getByTestId('operation-open').tap();
    await expect(page.getByTestId('operation-detail').getByTestId('operation-history')).toBeVisible();
    await expectNoSidewaysScroll(page, 'operation detail');
    await expectWithinWidth(page, 'operation-history');
    await expectWithinWidth(page, 'operation-detail-close');

    await page.goto('/#/operations/batch/1');
    await expect(page.getByTestId('batch-count-total')).toHaveText('2');
    await expectNoSidewaysScroll(page, 'bulk operation');
    await expectWithinWidth(page, 'batch-bar');

    await page.goto('/#/devices/ops-b/operations');
    // a hash change: wait for this device's page, not a click on the one before it
    await expect(page.getByTestId('device-page')).toHaveAttribute('data-uid', 'ops-b');
    await expect(rows(page).first()).toBeVisible();
    await page.getByTestId('new-operation').tap();
    await expect(page.getByTestId('new-op-args')).toBeVisible();
    await expectNoSidewaysScroll(page, 'device operations tab with its form');
    await expectWithinWidth(page, 'new-op-submit');

    await page.goto('/#/devices');
    await page.getByTestId('device-row-ops-a').getByTestId('device-select').check();
    await page.getByTestId('bulk-run-operation').tap();
    await expect(page.getByTestId('bulk-operation-form')).toBeVisible();
    await expectNoSidewaysScroll(page, 'Run operation… form');
    await expectWithinWidth(page, 'bulk-operation-form');
  });
});
