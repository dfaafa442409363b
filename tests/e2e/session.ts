// Steps every walk needs: first-run set-up, staff accounts, logging in.
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { expect } from './browser-mode.ts';
import { setPrivacySettings } from './intake-rpc.ts';

export const ADMIN = { username: 'admin', password: 'admin-pass-1' };

/** The first-run screen: device 360430 (Pengze), window 03, and its administrator, who is then logged in. */
/** The intake window of the tests; another place (an acceptance desk of 421127, say) passes its own. */
export const PENGZE_WINDOW = { name: '彭泽县收件一号机', region: '360430', hall: '彭泽县政务服务中心', window: '03' };

export async function setUpDevice(page: Page, url: string, place = PENGZE_WINDOW): Promise<void> {
  await page.goto(url);
  const setup = page.getByTestId('setup-screen');
  await expect(setup).toBeVisible();
  const fields = setup.locator('input');
  const values = [
    place.name,
    place.region,
    place.hall,
    place.window,
    ADMIN.username,
    '王管理',
    ADMIN.password,
    ADMIN.password,
  ];
  for (const [index, value] of values.entries()) await fields.nth(index).fill(value);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await setPrivacySettings(page);
}

/** Made by the logged-in administrator through the same RPC the Settings screen uses. */
export async function createUser(
  page: Page,
  user: { username: string; displayName: string; password: string; roles: Role[] },
) {
  const result = await page.evaluate((input) => window.tongban!.request('users.create', input), user);
  expect(result.ok).toBe(true);
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-screen')).toBeVisible();
}

/** Only the keyboard: type, Tab, Enter. */
export async function logInWithKeyboard(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByTestId('login-username')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}
