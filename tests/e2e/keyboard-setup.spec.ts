// A new device set up by the keyboard alone: the first-run form field by
// field, the administrator's first steps, a clerk's account, a wrong password
// and the clerk's own desk. The focus is checked after every step: a password
// field's show/hide eye must never take it, Enter always submits.
import type { Page } from '@playwright/test';
import { expect, startHostWithEnv, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { expectFocused, expectNoMouse, press, watchForMouse } from './keyboard.ts';
import { ADMIN, PENGZE_WINDOW } from './session.ts';

const CLERK = { username: 'clerk01', displayName: '李收件', password: 'clerk-pass-1' };

/** Types into the focused field after checking it is the one meant, then moves on with Tab. */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await expectFocused(page, testId);
  await page.keyboard.type(text);
  await expect(page.getByTestId(testId)).toHaveValue(text);
  await press(page, 'Tab');
}

/** Shift+Tab back, one control at a time, until the focus reaches the target (as a person would). */
async function shiftTabTo(page: Page, testId: string): Promise<void> {
  const target = page.getByTestId(testId);
  for (let step = 0; step < 20; step++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await press(page, 'Shift+Tab');
  }
  await expectFocused(page, testId);
}

test('first run, the first steps, a new clerk and a wrong password, by keyboard only', async ({
  page,
  host,
  consoleErrors,
}) => {
  await watchForMouse(page);
  await page.goto(host.url);

  // First run: Tab goes field to field, past each password's eye.
  await typeInto(page, 'setup-name', PENGZE_WINDOW.name);
  await typeInto(page, 'setup-region', PENGZE_WINDOW.region);
  await typeInto(page, 'setup-hall', PENGZE_WINDOW.hall);
  await typeInto(page, 'setup-window', PENGZE_WINDOW.window);
  await typeInto(page, 'setup-username', ADMIN.username);
  await typeInto(page, 'setup-display-name', '王管理');
  await expectFocused(page, 'setup-password');
  await page.keyboard.type(ADMIN.password);
  // The eye answers its own key, and the field keeps the focus and the text.
  const password = page.getByTestId('setup-password');
  await press(page, 'Alt+V');
  await expect(password).toHaveAttribute('type', 'text');
  await expect(page.getByTestId('setup-password-eye')).toHaveAttribute('aria-label', '隐藏密码（Alt+V）');
  await press(page, 'Alt+V');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).toHaveValue(ADMIN.password);
  await press(page, 'Tab');
  await expectFocused(page, 'setup-password-again');
  await page.keyboard.type(ADMIN.password);
  await press(page, 'Enter');

  // The administrator lands on the first steps, the first open one focused.
  await expect(page.getByTestId('signed-in-as')).toContainText('王管理');
  await expect(page.getByTestId('workspace-start')).toBeVisible();
  await expect(page.getByTestId('first-step-staff')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('first-step-exchange')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('first-step-backup')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('first-step-privacy')).toHaveAttribute('data-done', 'false');
  await expectFocused(page, 'first-step-go-staff');
  await press(page, 'Enter');

  // It leads to the users, focus on the button that makes one.
  await expect(page.getByTestId('users-table')).toContainText('王管理');
  await expectFocused(page, 'user-create');
  await press(page, 'Enter');
  await typeInto(page, 'user-username', CLERK.username);
  await typeInto(page, 'user-display-name', CLERK.displayName);
  await typeInto(page, 'user-password', CLERK.password);
  // The role goes into the roles, not onto the end of the password.
  const roles = page.getByTestId('user-roles');
  await expectFocused(page, roles.locator('input'));
  await page.keyboard.type('综合受理');
  await press(page, 'Enter');
  await expect(roles).toContainText('综合受理岗');
  await expect(page.getByTestId('user-password')).toHaveValue(CLERK.password);
  await expectFocused(page, roles.locator('input'));
  // The list closed with the pick: Enter now submits, as in every other field.
  await press(page, 'Enter');
  await expect(page.getByText(`已创建用户“${CLERK.username}”。`)).toBeVisible();
  await expect(page.getByTestId('users-table').locator('tr', { hasText: CLERK.username })).toContainText('综合受理岗');
  await expectFocused(page, 'user-create');

  // Sign out.
  await shiftTabTo(page, 'logout');
  await press(page, 'Enter');
  await expect(page.getByTestId('login-screen')).toBeVisible();

  // A wrong password: said aloud, and the field has the focus with its text selected.
  await typeInto(page, 'login-username', CLERK.username);
  await expectFocused(page, 'login-password');
  await page.keyboard.type('wrong-pass-1');
  await press(page, 'Enter');
  await expect(page.getByTestId('login-error')).toHaveAttribute('role', 'alert');
  await expectFocused(page, 'login-password');
  const selection = await page
    .getByTestId('login-password')
    .evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd, input.value.length]);
  expect(selection).toEqual([0, 12, 12]);
  // Typed straight over it.
  await page.keyboard.type(CLERK.password);
  await press(page, 'Enter');

  // The clerk lands on intake, in the matter search.
  await expect(page.getByTestId('signed-in-as')).toContainText(CLERK.displayName);
  await expect(page.getByTestId('workspace-intake')).toBeVisible();
  await expectFocused(page, 'matter-search');

  // The administrator's password is what was typed in the first-run form.
  const admin = await page.evaluate((credentials) => window.tongban!.request('auth.login', credentials), ADMIN);
  expect(admin.ok).toBe(true);
  await expectNoMouse(page);
  expect(consoleErrors).toEqual([]);
});

// The idle lock comes after this many seconds without input (the host's test setting); more than
// the 5 s between the page's activity reports.
const IDLE_SECONDS = 6;

test('the lock screen by keyboard: a wrong password keeps the focus, the unlock gives it back', async ({ page }) => {
  const host = await startHostWithEnv({ TONGBAN_TEST_IDLE_LOCK_SECONDS: String(IDLE_SECONDS) });
  try {
    await watchForMouse(page);
    await page.goto(host.url);
    await expect(page.getByTestId('setup-screen')).toBeVisible();
    const admin = await rpc(page, 'setup.initialize', {
      device: { name: PENGZE_WINDOW.name, regionCode: '360430', hall: PENGZE_WINDOW.hall, windowNo: '03' },
      admin: { username: ADMIN.username, displayName: '王管理', password: ADMIN.password },
    });
    await page.evaluate((token) => window.tongban!.setSession(token), admin.token);
    await rpc(page, 'users.create', { ...CLERK, roles: ['intake_clerk'] });
    await page.evaluate(() => window.tongban!.setSession(null));
    await page.reload();

    await typeInto(page, 'login-username', CLERK.username);
    await expectFocused(page, 'login-password');
    await page.keyboard.type(CLERK.password);
    await press(page, 'Enter');
    await expectFocused(page, 'matter-search');
    await page.keyboard.type('ylbx');

    // Nobody touches anything: the lock comes, its password field focused.
    await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: (IDLE_SECONDS + 10) * 1000 });
    await expectFocused(page, 'unlock-password');
    await page.keyboard.type('wrong-pass-1');
    await press(page, 'Enter');
    await expect(page.getByTestId('unlock-error')).toHaveAttribute('role', 'alert');
    await expectFocused(page, 'unlock-password');
    await expect(page.getByTestId('unlock-password')).toHaveValue('');
    await page.keyboard.type(CLERK.password);
    await press(page, 'Enter');

    // Back where the clerk was, with what was typed.
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
    await expectFocused(page, 'matter-search');
    await expect(page.getByTestId('matter-search')).toHaveValue('ylbx');
    await expectNoMouse(page);
  } finally {
    await host.stop();
  }
});
