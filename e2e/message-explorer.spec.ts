// The device message explorer (Messages tab): retained and live messages in the topic tree, JSON
// shown pretty, pause/resume, and an operator's publish that the device (mosquitto_sub) receives.
import { test, expect, setupOwner, mosquittoPub, mosquittoSubLong } from './fixtures.js';
import type { DeviceCredentials, LongConnection } from './fixtures.js';
import type { Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

const owner = { username: 'owner', password: 'correct-horse-battery' };
const uid = 'pump-7';
const root = `outpost/v1/${uid}`;

async function createDevice(page: Page, core: { mqttHost: string; mqttPort: number }): Promise<DeviceCredentials> {
  const created = await page.evaluate(async (id) => {
    const r = await fetch('/api/devices', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uid: id, name: 'Pump 7', tags: [] }) });
    return { status: r.status, body: await r.json() as { credentials: { username: string; token: string } } };
  }, uid);
  expect(created.status).toBe(200);
  return { ...created.body.credentials, host: core.mqttHost, port: core.mqttPort, topic: `${root}/telemetry` };
}

// the second test reads what the first left (same core per file): run them in order, stop at a failure
test.describe.configure({ mode: 'serial' });

const node = (page: Page, topic: string) => page.locator(`[data-testid="topic-node"][data-topic="${topic}"]`);
// the row of a topic itself, not of the topics below it
const own = (page: Page, topic: string, testId: string) => node(page, topic).locator(':scope > .mx-row').getByTestId(testId);

test('message explorer: retained and live messages, JSON, pause/resume, publish to the device', async ({ page, core }) => {
  let sub: LongConnection | undefined;
  try {
    await setupOwner(page, owner.username, owner.password);
    const creds = await createDevice(page, core);

    await test.step('a retained message published before the tab opens is shown with its flag', async () => {
      await mosquittoPub(creds, 'maintenance', `${root}/status`, { retain: true });
      await page.goto(`/#/devices/${uid}`);
      await page.getByTestId('tab-messages').click();
      await expect(page).toHaveURL(new RegExp(`#/devices/${uid}/messages$`));
      await expect(page.getByTestId('messages-connection')).toHaveAttribute('data-state', 'open');
      await expect(own(page, `${root}/status`, 'topic-retained')).toBeVisible();
      await expect(own(page, `${root}/status`, 'topic-count')).toHaveText('1');
      await own(page, `${root}/status`, 'topic-select').click();
      await expect(page.getByTestId('details-retained')).toHaveText('yes');
      await expect(page.getByTestId('message-payload')).toHaveText('maintenance');
      await expect(page.getByTestId('message-payload')).toHaveAttribute('data-view', 'text');
    });

    await test.step('a live message appears in the tree with its count, JSON pretty-printed, then a diff', async () => {
      await mosquittoPub(creds, JSON.stringify({ temperature: 21.5, state: 'on' }));
      await expect(own(page, `${root}/telemetry`, 'topic-count')).toHaveText('1');
      await own(page, `${root}/telemetry`, 'topic-select').click();
      const payload = page.getByTestId('message-payload');
      await expect(payload).toHaveAttribute('data-view', 'json');
      expect(await payload.textContent()).toBe('{\n  "temperature": 21.5,\n  "state": "on"\n}');
      await expect(page.getByTestId('details-qos')).toHaveText('1');
      await expect(page.getByTestId('details-retained')).toHaveText('no');

      await mosquittoPub(creds, JSON.stringify({ temperature: 22, state: 'on' }));
      await expect(own(page, `${root}/telemetry`, 'topic-count')).toHaveText('2');
      await expect(page.getByTestId('details-count')).toHaveText('2');
      const diff = page.getByTestId('message-diff');
      await expect(diff.locator('.mx-diff-del')).toHaveText('-   "temperature": 21.5,');
      await expect(diff.locator('.mx-diff-add')).toHaveText('+   "temperature": 22,');
      await expect(page.getByTestId('history-item')).toHaveCount(2);
      await expect(page.getByTestId('details-rate')).toHaveText('0.03 msg/s'); // 2 in the last minute

      await page.getByTestId('view-text').click();
      await expect(payload).toHaveText('{"temperature":22,"state":"on"}');
      await page.getByTestId('view-hex').click();
      await expect(payload).toContainText('00000000  7b 22 74 65');
      await page.getByTestId('view-json').click();
      await expect(payload).toContainText('"temperature": 22');
    });

    await test.step('paused, the view stays as it was and counts what arrives; resumed, it catches up', async () => {
      await page.getByTestId('messages-pause').click();
      await expect(page.getByTestId('messages-pause')).toHaveAttribute('aria-pressed', 'true');
      await mosquittoPub(creds, JSON.stringify({ temperature: 23 }));
      await mosquittoPub(creds, 'boot', `${root}/events`);
      await expect(page.getByTestId('messages-paused')).toContainText('2 new messages since');
      await expect(own(page, `${root}/telemetry`, 'topic-count')).toHaveText('2');
      await expect(node(page, `${root}/events`)).toHaveCount(0);
      await page.getByTestId('messages-pause').click();
      await expect(page.getByTestId('messages-paused')).toHaveCount(0);
      await expect(own(page, `${root}/telemetry`, 'topic-count')).toHaveText('3');
      await expect(own(page, `${root}/events`, 'topic-count')).toHaveText('1');
    });

    await test.step('Outpost restarts under the open tab: it reconnects by itself and counts retained messages once', async () => {
      await core.halt();
      await expect(page.getByTestId('messages-connection')).not.toHaveAttribute('data-state', 'open');
      await core.resume();
      await expect(page.getByTestId('messages-connection')).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
      await expect(own(page, `${root}/status`, 'topic-count')).toHaveText('1');
      await mosquittoPub(creds, JSON.stringify({ temperature: 30 }));
      await expect(own(page, `${root}/telemetry`, 'topic-count')).toHaveText('4');
    });

    await test.step('the publish panel checks the topic, then sends a message the device receives and the explorer shows', async () => {
      sub = await mosquittoSubLong(creds, `${root}/#`, 30);
      await page.getByTestId('publish-topic').fill('elsewhere/cmd');
      await page.getByTestId('publish-submit').click();
      await expect(page.getByTestId('publish-topic-error')).toContainText(`must be under ${root}/`);
      await expect(page.getByTestId('publish-topic')).toHaveAttribute('aria-invalid', 'true');

      await page.getByTestId('publish-topic').fill(`${root}/cmd/led`);
      await expect(page.getByTestId('publish-topic-error')).toHaveCount(0);
      await page.getByTestId('publish-payload').fill('{"on":true}');
      await page.getByTestId('publish-qos').selectOption('1');
      await page.getByTestId('publish-submit').click();
      await expect(page.getByTestId('publish-sent')).toContainText(`Sent 11 bytes to ${root}/cmd/led`);
      await expect.poll(() => sub!.output(), { timeout: 10_000 }).toContain(`${root}/cmd/led {"on":true}`);

      await expect(own(page, `${root}/cmd/led`, 'topic-count')).toHaveText('1');
      // cmd is a level without messages of its own: it folds with the keyboard
      const toggle = own(page, `${root}/cmd`, 'topic-toggle');
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(node(page, `${root}/cmd/led`)).toHaveCount(0);
      await page.keyboard.press('Enter');
      await own(page, `${root}/cmd/led`, 'topic-select').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('topic-details')).toHaveAttribute('data-topic', `${root}/cmd/led`);
      await expect(page.getByTestId('message-payload')).toContainText('"on": true');
    });

    await test.step('the tab has no serious or critical accessibility violations', async () => {
      await page.getByTestId('history-item').first().getByRole('button').click(); // an open history item too
      const { violations } = await new AxeBuilder({ page }).include('[data-testid="messages-tab"]').analyze();
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });

    await test.step('at 390 px the tree is above the details and nothing scrolls sideways', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const tree = await page.getByTestId('messages-tree').boundingBox();
      const details = await page.getByTestId('messages-details').boundingBox();
      expect(tree && details && tree.y + tree.height <= details.y).toBeTruthy();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  } finally {
    await sub?.kill();
  }
});

test('a viewer watches messages but has no publish panel; a refused stream is retried by itself', async ({ page, core }) => {
  await page.goto('/');
  await page.getByTestId('login-username').fill(owner.username);
  await page.getByTestId('login-password').fill(owner.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toHaveText(owner.username);
  const made = await page.evaluate(async () => {
    const r = await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vic', password: 'password-123', role: 'viewer' }) });
    await fetch('/api/logout', { method: 'POST' });
    return r.status;
  });
  expect(made).toBe(200);
  await page.goto('/');
  await page.getByTestId('login-username').fill('vic');
  await page.getByTestId('login-password').fill('password-123');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toHaveText('vic');

  // every message stream taken (Outpost allows 32 at once): the tab is refused, then connects by itself
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const streams = await Promise.all(Array.from({ length: 32 }, async () => {
    const ctrl = new AbortController();
    const r = await fetch(`${core.url}/api/devices/${uid}/messages/stream`, { headers: { cookie }, signal: ctrl.signal });
    expect(r.status).toBe(200);
    return ctrl;
  }));
  try {
    await page.goto(`/#/devices/${uid}/messages`);
    await expect(page.getByTestId('messages-connection')).toHaveAttribute('data-state', 'closed');
    await expect(page.getByTestId('messages-connection')).toHaveText('Disconnected, retrying…');
  } finally {
    for (const s of streams) s.abort();
  }
  await expect(page.getByTestId('messages-connection')).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
  await expect(own(page, `${root}/status`, 'topic-retained')).toBeVisible();
  await expect(page.getByTestId('publish-panel')).toHaveCount(0);
});
