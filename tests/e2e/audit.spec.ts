// The auditor reads the audit log: a failed login and a login of a clerk are
// there, the auditor picks the clerk by name from the device's staff and sees
// that clerk's entries alone, and the hash chain is reported intact.
import type { Role } from '../../shared/auth/permissions.ts';
import { expect, test } from './browser-mode.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = { username: 'clerk', displayName: '李受理', password: 'clerk-pass-1', roles: ['intake_clerk'] as Role[] };
const AUDITOR = { username: 'audit', displayName: '钱审计', password: 'audit-pass-1', roles: ['auditor'] as Role[] };

test('the auditor picks a clerk by name and reads that clerk’s entries, the chain intact', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await createUser(page, CLERK);
  await createUser(page, AUDITOR);
  await logOut(page);
  await page.keyboard.type(CLERK.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await page.reload();
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  await logOut(page);
  await logInWithKeyboard(page, AUDITOR.username, AUDITOR.password);

  await page.getByTestId('workspace-nav').getByText('审计', { exact: true }).click();
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-intact', 'true');
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: '王管理' }).first()).toBeVisible();
  const everyone = await rows.count();

  await page.getByTestId('audit-filter-user').click();
  await page.keyboard.type('李受理');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText(['李受理 (clerk)']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('audit-filter-user')).toContainText('李受理 (clerk)');
  await expect.poll(() => rows.count()).toBeLessThan(everyone);
  const clerkId = await rows.first().getAttribute('data-user-id');
  await expect(page.locator(`[data-testid="audit-row"]:not([data-user-id="${clerkId}"])`)).toHaveCount(0);
  const actions = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-action')));
  expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.logout']));
  expect(consoleErrors).toEqual([]);
});
