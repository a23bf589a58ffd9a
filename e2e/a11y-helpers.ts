// Helpers for the accessibility, keyboard and phone specs: axe-core checks, where keyboard focus
// is and whether it can be seen, and a device with telemetry to look at.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, mosquittoPub } from './fixtures.js';
import type { Core, DeviceCredentials } from './fixtures.js';

/** Fails with the list of serious and critical axe violations on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}` : ''}`).join('\n    ')}`);
  expect(described, `axe on ${where}`).toEqual([]);
}

/** What has keyboard focus and whether it shows a focus indicator. */
export async function focused(page: Page): Promise<{ tag: string; testId: string | null; text: string; visible: boolean; path: string[] }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', testId: null, text: '', visible: false, path: [] };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    const path: string[] = [];
    for (let n: HTMLElement | null = el; n; n = n.parentElement) {
      const id = n.getAttribute('data-testid');
      if (id) path.push(id);
    }
    return { tag: el.tagName.toLowerCase(), testId: el.getAttribute('data-testid'), text: (el.textContent ?? '').trim().slice(0, 60), visible: outline || shadow, path };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the element with `testId` has focus; every stop on the way
 * must show a visible focus indicator. Returns the number of presses.
 */
export async function tabTo(page: Page, testId: string, opts: { back?: boolean; max?: number } = {}): Promise<number> {
  const max = opts.max ?? 40;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    expect(f.visible, `focus ring on <${f.tag}> ${f.testId ?? ''} "${f.text}"`).toBe(true);
    if (f.testId === testId) return i;
  }
  throw new Error(`${testId} was not reached with ${max} presses of ${opts.back ? 'Shift+Tab' : 'Tab'}`);
}

/** Whether the page scrolls sideways (the phone layout must never). */
export async function pageOverflowsSideways(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

/** Adds a device through the API of the logged-in page and publishes telemetry as it (real mosquitto_pub). */
export async function deviceWithTelemetry(page: Page, core: Core, uid: string, name: string, messages: object[]): Promise<DeviceCredentials> {
  const res = await page.request.post('/api/devices', { data: { uid, name, tags: ['lab'] } });
  expect(res.status(), await res.text()).toBe(200);
  const { credentials } = await res.json() as { credentials: { username: string; token: string; telemetryTopic: string } };
  const c: DeviceCredentials = { username: credentials.username, token: credentials.token, host: core.mqttHost, port: core.mqttPort, topic: credentials.telemetryTopic };
  for (const m of messages) await mosquittoPub(c, JSON.stringify(m));
  return c;
}
