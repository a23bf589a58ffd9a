// Brute force on the login page: after a few wrong passwords the page says how long to wait.
import { test, expect, setupOwner, logout } from './fixtures.js';

test('repeated wrong passwords lead to a clear wait with a countdown', async ({ page }) => {
  await setupOwner(page, 'owner', 'owner-password-1');
  await logout(page);
  const error = page.getByTestId('login-form').getByTestId('error-message');
  await page.getByTestId('login-username').fill('owner');
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('login-password').fill(`wrong-${i}`);
    await page.getByTestId('login-submit').click();
    await expect(error).toContainText('Wrong username or password');
    await expect(page.getByTestId('login-submit')).toBeEnabled();
  }
  await page.getByTestId('login-password').fill('owner-password-1');
  await page.getByTestId('login-submit').click();
  // even the right password waits now, and the page says for how long
  await expect(error).toContainText(/Too many failed logins.*Try again in \d+ s\./);
  const first = await error.textContent();
  await expect(error).not.toHaveText(first ?? '', { timeout: 3000 }); // it counts down
  await expect(page.getByTestId('current-user')).toHaveCount(0);
});
