// Status that is always true and explains itself: a device that says goodbye is neutral, a lost
// connection is a warning in plain words, a restart of Outpost blames no device and the open pages
// converge without a reload, and the device's own status payload is shown.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test, expect, setupOwner, login, mosquittoPub, mosquittoSubLong } from './fixtures.js';
import type { DeviceCredentials, LongConnection } from './fixtures.js';
import type { Locator, Page } from '@playwright/test';

const owner = { username: 'owner', password: 'correct-horse-battery' };
const run = promisify(execFile);

async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  const setup = page.getByTestId('setup-form');
  await expect(setup.or(page.getByTestId('login-form'))).toBeVisible();
  if (await setup.isVisible()) await setupOwner(page, owner.username, owner.password);
  else await login(page, owner.username, owner.password);
}

async function addDevice(page: Page, uid: string): Promise<DeviceCredentials> {
  const res = await page.request.post('/api/devices', { data: { uid, name: `Device ${uid}`, tags: [] } });
  expect(res.status()).toBe(200);
  const { credentials: c } = await res.json() as { credentials: { username: string; token: string; host: string; port: number; telemetryTopic: string } };
  return { username: c.username, token: c.token, host: c.host, port: c.port, topic: c.telemetryTopic };
}

const openDevice = async (page: Page, uid: string) => {
  await page.getByTestId(`device-row-${uid}`).getByTestId('device-link').click();
  await expect(page.getByTestId('device-page')).toHaveAttribute('data-uid', uid);
};

/** The computed colour of a CSS variable, as the browser paints it (rgb(...)). */
const paintOf = (page: Page, variable: string) => page.evaluate((v) => {
  const probe = document.createElement('span');
  probe.style.backgroundColor = `var(${v})`;
  document.body.append(probe);
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
}, variable);
const dotPaint = (dot: Locator) => dot.evaluate((el) => getComputedStyle(el).backgroundColor);

// a reload would clear it: what follows must arrive live
const markNoReload = (page: Page) => page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
const stillNoReload = async (page: Page) =>
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

test('a one-shot publisher is neutral, then overdue against its expected interval', async ({ page }) => {
  await signIn(page);
  const uid = 'meter-1';
  const creds = await addDevice(page, uid);
  await mosquittoPub(creds, JSON.stringify({ kwh: 1.5 }));

  await test.step('the list: "Disconnected" in grey, not a warning', async () => {
    const row = page.getByTestId(`device-row-${uid}`);
    await expect(row).toHaveAttribute('data-status', 'offline');
    await expect(row.getByTestId('device-status')).toHaveText('Disconnected');
    await expect(row.getByTestId('device-status')).toHaveAttribute('data-health', 'idle');
    await expect(row.getByTestId('device-status-reason')).toHaveText(/^last message (just now|\d+ s ago)$/);
    const dot = row.locator('.dot');
    expect(await dotPaint(dot)).toBe(await paintOf(page, '--grey'));
    expect(await dotPaint(dot)).not.toBe(await paintOf(page, '--red'));
    expect(await dotPaint(dot)).not.toBe(await paintOf(page, '--amber'));
  });

  await test.step('the device page says the same', async () => {
    await openDevice(page, uid);
    const status = page.getByTestId('device-status');
    await expect(status).toHaveAttribute('data-health', 'idle');
    await expect(page.getByTestId('device-status-text')).toHaveText(/^Disconnected · last message (just now|\d+ s ago)$/);
    await expect(page.getByTestId('device-status-detail')).toContainText('the device said goodbye (DISCONNECT)');
    await expect(page.getByTestId('device-interval')).toHaveText('no expectation');
  });

  await test.step('with an expected interval, silence past it turns to a warning on the clock alone', async () => {
    await page.getByTestId('edit-device').click();
    const input = page.getByTestId('edit-device-interval');
    await expect(input).toHaveAttribute('placeholder', 'e.g. 60');
    await expect(page.getByLabel(/Expected reporting interval/)).toBeVisible();
    await input.fill('10');
    await page.getByTestId('save-device').click();
    await expect(page.getByTestId('device-interval')).toHaveText('10 s');
    await markNoReload(page);
    // 1.5 x 10 s after its last message; nothing is published meanwhile
    await expect(page.getByTestId('device-status')).toHaveAttribute('data-health', 'warning', { timeout: 20_000 });
    await expect(page.getByTestId('device-status-text')).toHaveText(/^Overdue — expected every 10 s, last message \d+ s ago$/);
    await page.getByTestId('nav-devices').click();
    const row = page.getByTestId(`device-row-${uid}`);
    await expect(row.getByTestId('device-status')).toHaveText('Overdue');
    await expect(row.getByTestId('device-status')).toHaveAttribute('data-health', 'warning');
    await stillNoReload(page);
  });
});

test('a killed connection is a warning in plain words, with its last will', async ({ page }) => {
  await signIn(page);
  const uid = 'valve-1';
  const creds = await addDevice(page, uid);
  await openDevice(page, uid);
  let sub: LongConnection | undefined;
  try {
    sub = await mosquittoSubLong(creds, `outpost/v1/${uid}/#`, 5, { topic: `outpost/v1/${uid}/status`, payload: 'offline (lost)', retain: true });
    const status = page.getByTestId('device-status');
    await expect(status).toHaveAttribute('data-health', 'online');
    await expect(page.getByTestId('device-status-text')).toHaveText(/^Online · last message (just now|\d+ s ago)$/);
    expect(await dotPaint(status.locator('.dot'))).toBe(await paintOf(page, '--green'));

    await sub.kill();
    sub = undefined;
    await expect(status).toHaveAttribute('data-health', 'warning');
    await expect(status).toHaveAttribute('data-status', 'offline');
    await expect(page.getByTestId('device-status-text')).toHaveText('Connection lost — the device did not say goodbye; its last will was sent');
    // the protocol detail comes second
    await expect(page.getByTestId('device-status-detail')).toContainText('MQTT: connection closed without DISCONNECT, last will sent');
    await expect(page.getByTestId('device-status-detail')).toContainText(/since \d\d:\d\d:\d\d/);
    await expect(page.getByTestId('device-status-payload')).toHaveText('status: offline (lost)');
    expect(await dotPaint(status.locator('.dot'))).toBe(await paintOf(page, '--amber'));

    await page.getByTestId('nav-devices').click();
    const row = page.getByTestId(`device-row-${uid}`);
    await expect(row.getByTestId('device-status')).toHaveText('Connection lost');
    await expect(row.getByTestId('device-status')).toHaveAttribute('data-health', 'warning');
    await expect(row.getByTestId('device-status-reason')).toHaveText('the device did not say goodbye; its last will was sent');
    await expect(row.getByTestId('device-status-payload')).toHaveText('status: offline (lost)');
  } finally {
    await sub?.kill();
  }
});

test('Outpost restarts under open pages: they converge to the truth without a reload', async ({ page, context, core }) => {
  await signIn(page);
  const uid = 'boiler-1';
  const creds = await addDevice(page, uid);
  let sub: LongConnection | undefined;
  try {
    sub = await mosquittoSubLong(creds, `outpost/v1/${uid}/#`, 5);
    await openDevice(page, uid);
    const list = await context.newPage();
    await list.goto('/#/devices');
    const row = list.getByTestId(`device-row-${uid}`);
    await expect(row.getByTestId('device-status')).toHaveText('Online');
    await expect(page.getByTestId('device-status')).toHaveAttribute('data-health', 'online');
    for (const p of [page, list]) {
      await expect(p.getByTestId('live-state')).toHaveAttribute('data-state', 'open');
      await markNoReload(p);
    }

    await test.step('while Outpost is down, the pages say they are cut off and the status is not known', async () => {
      await core.halt();
      for (const p of [page, list]) await expect(p.getByTestId('live-state')).not.toHaveAttribute('data-state', 'open');
      await expect(page.getByTestId('device-status')).toHaveAttribute('data-health', 'unknown');
      await expect(page.getByTestId('device-status-text')).toHaveText('Unknown — Outpost is not reachable');
      await expect(page.getByTestId('device-status-detail')).toHaveText(/^last known: Online · last message/);
      await expect(row.getByTestId('device-status')).toHaveText('Unknown');
      await expect(row.getByTestId('device-status-reason')).toHaveText('Outpost is not reachable');
      // the device loses its connection with Outpost, and stays away for now
      await sub!.kill();
      sub = undefined;
    });

    await test.step('after the restart: "unknown", when Outpost was down, no blame', async () => {
      await core.resume();
      const started = Date.now();
      const status = page.getByTestId('device-status');
      await expect(status).toHaveAttribute('data-health', 'unknown', { timeout: 10_000 });
      await expect(page.getByTestId('device-status-text')).toHaveText('Unknown — Outpost was stopped, waiting for the device to reconnect');
      await expect(page.getByTestId('device-status-detail')).toContainText(/Outpost was stopped from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d/);
      await expect(page.getByTestId('device-status-detail')).not.toContainText('last known');
      await expect(row.getByTestId('device-status')).toHaveText('Unknown', { timeout: 10_000 });
      await expect(row.getByTestId('device-status')).toHaveAttribute('data-health', 'unknown');
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect(page.getByTestId('device-status')).not.toContainText(/connection lost|did not say goodbye|without DISCONNECT/i);
      for (const p of [page, list]) await expect(p.getByTestId('live-state')).toHaveAttribute('data-state', 'open');
    });

    await test.step('the device reconnects and publishes: online on both pages', async () => {
      sub = await mosquittoSubLong(creds, `outpost/v1/${uid}/#`, 5);
      await mosquittoPub(creds, JSON.stringify({ pressure: 1.8 }));
      await expect(page.getByTestId('device-status')).toHaveAttribute('data-health', 'online');
      await expect(page.getByTestId('device-status-text')).toHaveText(/^Online · last message/);
      await expect(page.getByTestId('latest-value-pressure')).toHaveText('1.8');
      await expect(row.getByTestId('device-status')).toHaveText('Online');
      await expect(row.getByTestId('device-status')).toHaveAttribute('data-health', 'online');
      for (const p of [page, list]) await stillNoReload(p);
    });
  } finally {
    await sub?.kill();
  }
});

test('a retained status payload shows on the device page and in the list', async ({ page, core }) => {
  await signIn(page);
  const uid = 'pump-9';
  const creds = await addDevice(page, uid);
  const statusTopic = `outpost/v1/${uid}/status`;
  await mosquittoPub(creds, 'maintenance', statusTopic, { retain: true });

  const row = page.getByTestId(`device-row-${uid}`);
  await expect(row.getByTestId('device-status-payload')).toHaveText('status: maintenance');
  await openDevice(page, uid);
  await expect(page.getByTestId('device-status-payload')).toHaveText('status: maintenance');
  // a clean goodbye after it stays neutral
  await expect(page.getByTestId('device-status')).toHaveAttribute('data-health', 'idle');

  // it is the broker's retained message too, and it is still shown after a reload
  const { stdout } = await run('mosquitto_sub', ['-h', core.mqttHost, '-p', String(core.mqttPort), '-i', `${uid}:check`, '-u', creds.username, '-P', creds.token,
    '-t', statusTopic, '-C', '1', '-W', '5'], { timeout: 10_000 });
  expect(stdout.trim()).toBe('maintenance');
  await page.reload();
  await expect(page.getByTestId('device-status-payload')).toHaveText('status: maintenance');
});
