// Lists that scale: 120 devices paged, sorted, filtered by status and tag chips, bulk-tagged and
// bulk-deleted through the UI (checked through the API too); the audit log filtered and paged;
// a device's events filtered by kind with status flaps folded into one row.
import { test, expect, setupOwner, mosquittoPub, mosquittoSubLong } from './fixtures.js';
import type { DeviceCredentials, LongConnection } from './fixtures.js';
import type { Page } from '@playwright/test';

const owner = { username: 'owner', password: 'correct-horse-battery' };
const COUNT = 120;
const uidOf = (i: number) => `lst-${String(i).padStart(3, '0')}`;
const tagsOf = (i: number) => [...(i % 3 === 0 ? ['north'] : []), ...(i % 10 === 0 ? ['roof'] : [])];

const rows = (page: Page) => page.getByTestId('device-table').locator('tbody tr');
const rowUids = async (page: Page, n: number) =>
  (await rows(page).locator('.device-uid').allTextContents()).slice(0, n);

test('device list, audit log and events at scale', async ({ page }) => {
  const creds = new Map<string, DeviceCredentials>();
  let sub: LongConnection | undefined;
  try {
    await test.step(`create the owner and ${COUNT} devices through the API`, async () => {
      await setupOwner(page, owner.username, owner.password);
      for (let i = 1; i <= COUNT; i++) {
        const res = await page.request.post('/api/devices', { data: { uid: uidOf(i), name: `Sensor ${i}`, tags: tagsOf(i) } });
        expect(res.status()).toBe(200);
        const body = (await res.json()) as { credentials: { username: string; token: string; host: string; port: number; telemetryTopic: string } };
        creds.set(uidOf(i), { ...body.credentials, topic: body.credentials.telemetryTopic });
      }
    });

    await test.step('one device stays connected, three report once in a known order', async () => {
      sub = await mosquittoSubLong(creds.get(uidOf(100))!, `outpost/v1/${uidOf(100)}/#`, 60); // no pings during the test
      for (const i of [5, 77, 33]) await mosquittoPub(creds.get(uidOf(i))!, JSON.stringify({ t: i }));
    });

    await test.step('pages of 50 with page controls', async () => {
      await page.reload();
      await expect(page.getByTestId('device-count')).toHaveText(`${COUNT} devices`);
      await expect(page.getByTestId('pager-range')).toHaveText(`1–50 of ${COUNT} devices`);
      await expect(rows(page)).toHaveCount(50);
      await expect(page.getByTestId('pager-prev')).toBeDisabled();
      await page.getByTestId('pager-next').click();
      await expect(page.getByTestId('pager-range')).toHaveText(`51–100 of ${COUNT} devices`);
      await expect(page.getByTestId('pager-page')).toHaveText('Page 2 of 3');
      await page.getByTestId('pager-next').click();
      await expect(rows(page)).toHaveCount(20);
      await expect(page.getByTestId('pager-next')).toBeDisabled();
      await page.getByTestId('pager-prev').click();
      await page.getByTestId('pager-prev').click();
      await expect(page.getByTestId('pager-page')).toHaveText('Page 1 of 3');
    });

    await test.step('sort by name (numbers in number order) and by last seen, with aria-sort', async () => {
      const nameHeader = page.getByRole('columnheader', { name: /Device/ });
      await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
      expect(await rowUids(page, 3)).toEqual([uidOf(1), uidOf(2), uidOf(3)]);
      await page.getByTestId('sort-name').click();
      await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
      expect(await rowUids(page, 2)).toEqual([uidOf(120), uidOf(119)]);

      // keyboard: the header is a real button
      await page.getByTestId('sort-lastSeen').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('columnheader', { name: /Last seen/ })).toHaveAttribute('aria-sort', 'descending');
      await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
      await expect.poll(() => rowUids(page, 4)).toEqual([uidOf(33), uidOf(77), uidOf(5), uidOf(100)]);
      await page.getByTestId('sort-lastSeen').click();
      await expect(page.getByRole('columnheader', { name: /Last seen/ })).toHaveAttribute('aria-sort', 'ascending');
      // never seen counts as the oldest
      await expect(rows(page).first().getByTestId('device-last-seen')).toHaveText('never');
      await page.getByTestId('sort-name').click();
    });

    await test.step('a status chip shows only online devices, with counts on every chip', async () => {
      const online = page.getByTestId('chip-status-online');
      await expect(online.getByTestId('chip-count')).toHaveText('1');
      await expect(page.getByTestId('chip-status-never').getByTestId('chip-count')).toHaveText(String(COUNT - 4));
      await online.click();
      await expect(online).toHaveAttribute('aria-pressed', 'true');
      await expect(rows(page)).toHaveCount(1);
      await expect(page.getByTestId(`device-row-${uidOf(100)}`)).toHaveAttribute('data-status', 'online');
      await expect(page.getByTestId('device-count')).toHaveText(`1 of ${COUNT} devices shown`);
      await online.click();
      await expect(rows(page)).toHaveCount(50);
    });

    await test.step('a tag chip narrows to its devices', async () => {
      const roof = page.getByTestId('chip-tag-roof');
      await expect(roof.getByTestId('chip-count')).toHaveText('12');
      await roof.click();
      await expect(rows(page)).toHaveCount(12);
      await expect(page.getByTestId('pager-range')).toHaveText('1–12 of 12 devices');
      for (const uid of await rowUids(page, 12)) expect(Number(uid.slice(4)) % 10).toBe(0);
    });

    await test.step('select several and tag them in bulk; the list and the API agree', async () => {
      for (const i of [10, 20, 30]) await page.getByTestId(`device-row-${uidOf(i)}`).getByTestId('device-select').check();
      await expect(page.getByTestId('bulk-count')).toHaveText('3 devices selected');
      await page.getByTestId('bulk-tag-input').fill('batch-a');
      await page.getByTestId('bulk-tag-submit').click();
      await expect(page.getByTestId('bulk-notice')).toContainText('Tagged 3 devices with “batch-a”.');
      for (const i of [10, 20, 30]) await expect(page.getByTestId(`device-row-${uidOf(i)}`)).toContainText('batch-a');
      await expect(page.getByTestId(`device-row-${uidOf(40)}`)).not.toContainText('batch-a');
      for (const [i, has] of [[10, true], [30, true], [40, false]] as const) {
        const d = (await (await page.request.get(`/api/devices/${uidOf(i)}`)).json()) as { tags: string[] };
        expect(d.tags.includes('batch-a'), uidOf(i)).toBe(has);
      }
      await expect(page.getByTestId('chip-tag-batch-a').getByTestId('chip-count')).toHaveText('3');
    });

    await test.step('select a page, then all matching, then clear', async () => {
      await page.getByTestId('chips-clear').click();
      await expect(page.getByTestId('bulk-count')).toHaveText('3 devices selected'); // kept: still matching
      await page.getByTestId('select-page').check();
      await expect(page.getByTestId('bulk-count')).toHaveText('50 devices selected'); // page 1 held 3 of them
      await page.getByTestId('bulk-select-all').click();
      await expect(page.getByTestId('bulk-count')).toHaveText(`${COUNT} devices selected`);
      await page.getByTestId('bulk-clear').click();
      await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
    });

    await test.step('bulk delete asks first, naming how many; focus goes into the dialog and back', async () => {
      await page.getByTestId('chip-tag-batch-a').click();
      await expect(rows(page)).toHaveCount(3);
      await page.getByTestId('select-page').check();
      const open = page.getByTestId('bulk-delete');
      await open.click();
      const dialog = page.getByTestId('bulk-delete-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('heading')).toHaveText('Delete 3 devices?');
      await expect(page.getByTestId('bulk-delete-dialog-cancel')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(open).toBeFocused();
      expect((await page.request.get(`/api/devices/${uidOf(10)}`)).status()).toBe(200);

      await open.click();
      await page.getByTestId('bulk-delete-dialog-confirm').click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('bulk-notice')).toContainText('Deleted 3 devices.');
      await expect(page.getByTestId('no-devices')).toBeVisible();
      for (const i of [10, 20, 30]) expect((await page.request.get(`/api/devices/${uidOf(i)}`)).status()).toBe(404);
      // the bar that held the button is gone: focus lands on the list, not on the page body
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Device list');
      await page.getByTestId('chips-clear').click();
      await expect(page.getByTestId('device-count')).toHaveText(`${COUNT - 3} devices`);
    });

    await test.step('audit log: filter by action, readable details, load older pages', async () => {
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-filter-action').selectOption('devices-tagged');
      const auditRows = page.getByTestId('audit-row');
      await expect(auditRows).toHaveCount(1);
      await expect(auditRows.first().getByTestId('audit-detail')).toHaveText(`added tag “batch-a” to 3 devices: ${uidOf(10)}, ${uidOf(20)}, ${uidOf(30)}`);
      await page.getByTestId('audit-filter-action').selectOption('device-created');
      await expect(auditRows).toHaveCount(100);
      await expect(auditRows.first().getByTestId('audit-detail')).toHaveText('named “Sensor 120”, tags north, roof');
      await page.getByTestId('audit-load-older').click();
      await expect(auditRows).toHaveCount(COUNT);
      await expect(auditRows.last().getByTestId('audit-detail')).toHaveText('named “Sensor 1”, tags none');
      await expect(page.getByTestId('audit-load-older')).toHaveCount(0);
      await page.getByTestId('audit-filter-actor').fill('nobody-like-this');
      await expect(page.getByTestId('audit-empty')).toBeVisible();
      await page.getByTestId('audit-filter-clear').click();
      await expect(auditRows.first()).toHaveAttribute('data-action', 'devices-deleted');
    });

    await test.step('events: filter by kind; flaps folded so the device\'s own messages stay visible', async () => {
      const c = creds.get(uidOf(1))!;
      // one-shot publisher: every message is a connect and a disconnect
      for (let i = 0; i < 3; i++) await mosquittoPub(c, JSON.stringify({ t: i }));
      await mosquittoPub(c, 'door opened', `outpost/v1/${uidOf(1)}/events`);
      await mosquittoPub({ ...c, token: 'not-the-token' }, '{}').catch(() => undefined);
      await page.evaluate((h) => { window.location.hash = h; }, `#/devices/${uidOf(1)}/events`);
      const list = page.getByTestId('events-list');
      await expect(list.getByTestId('event-flaps')).toHaveCount(1);
      await expect(list.getByTestId('event-flaps-text')).toHaveText(/^reconnected 4 times between \S+ and \S+$/);
      await expect(list.locator(':scope > li[data-kind="device"]')).toHaveText(/door opened/);
      await expect(list.locator(':scope > li[data-kind="auth-failed"]')).toHaveCount(1);

      await page.getByTestId('event-kind-messages').click();
      await expect(page.getByTestId('event-kind-messages')).toHaveAttribute('aria-pressed', 'true');
      await expect(list.getByTestId('event-row')).toHaveCount(1);
      await expect(list.getByTestId('event-row')).toHaveAttribute('data-kind', 'device');
      await page.getByTestId('event-kind-messages').click();
      await page.getByTestId('event-kind-refusals').click();
      await expect(list.getByTestId('event-row')).toHaveCount(1);
      await expect(list.getByTestId('event-row')).toHaveAttribute('data-kind', 'auth-failed');
      await page.getByTestId('event-kind-refusals').click();
      await page.getByTestId('event-kind-status').click();
      await expect(list.getByTestId('event-flaps')).toHaveCount(1);
      await expect(list.locator('[data-testid="event-row"]:not([data-kind="online"]):not([data-kind="offline"])')).toHaveCount(0);
    });
  } finally {
    await sub?.kill();
  }
});
