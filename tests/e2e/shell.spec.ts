import type { Page } from '@playwright/test';
import type { Health } from '../../shared/rpc/contract.ts';
import { chooseLanguage } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

async function health(page: Page): Promise<Health> {
  return page.evaluate(async () => {
    const result = await window.tongban!.request('system.health', {});
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  });
}

test('the shell renders in zh-CN with the schema version the backend reports', async ({
  page,
  host,
  consoleErrors,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-title')).toHaveText('通办工作台');
  await expect(page.getByTestId('status-backend')).toContainText('已连接');
  const reported = await health(page);
  expect(reported.schemaVersion).toBeGreaterThan(0);
  await expect(page.getByTestId('status-schema')).toHaveText(`数据结构版本: ${reported.schemaVersion}`);
  await expect(page.getByTestId('status-app-version')).toContainText(reported.appVersion);
  // Where the database file lies is for the administrator, not for the counter's status bar.
  await expect(page.getByTestId('status-database')).toHaveCount(0);
  await expect(page.getByTestId('setup-screen')).toContainText('首次使用');

  // Staff see the workspaces their roles open, and no others.
  await setUpDevice(page, host.url);
  await page.getByTestId('workspace-nav').getByText('设置', { exact: true }).click();
  await page.getByTestId('settings-tab-device').click();
  await expect(page.getByTestId('system-database')).toContainText(host.dataDir);
  await createUser(page, {
    username: 'clerk01',
    displayName: '李收件',
    password: 'clerk-pass-1',
    roles: ['intake_clerk'],
  });
  await logOut(page);
  await logInWithKeyboard(page, 'clerk01', 'clerk-pass-1');
  for (const name of ['收件', '同步', '设置']) {
    await expect(page.getByTestId('workspace-nav').getByText(name, { exact: true })).toBeVisible();
  }
  // The acceptance desk is the handling officer's, the ledger the supervisor's, the audit log the auditor's.
  for (const name of ['受理', '台账', '审计']) {
    await expect(page.getByTestId('workspace-nav').getByText(name, { exact: true })).toHaveCount(0);
  }
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  expect(consoleErrors).toEqual([]);
});

test('switching to zh-TW and en changes the text and survives a reload', async ({ page, host, consoleErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-backend')).toContainText('已连接');

  await chooseLanguage(page, '繁體中文');
  await expect(page.getByTestId('app-title')).toHaveText('通辦工作台');
  await expect(page.getByTestId('setup-screen')).toContainText('設定本裝置');
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('通辦工作台');

  await chooseLanguage(page, 'English');
  await expect(page.getByTestId('app-title')).toHaveText('Tongban Desk');
  await expect(page.getByTestId('setup-screen')).toContainText('First run');
  await expect(page.getByTestId('status-backend')).toContainText('Connected');
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('Tongban Desk');
  await expect(page.getByTestId('status-schema')).toContainText('Schema version');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(consoleErrors).toEqual([]);
});

test('a killed backend shows "unavailable — restarting", is restarted, and the UI recovers without a reload', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-backend')).toContainText('已连接');
  const before = await health(page);
  // A marker that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  process.kill(before.pid, 'SIGKILL');
  await expect(page.getByTestId('backend-banner')).toContainText('后台不可用——正在重启');
  await expect(page.getByTestId('status-backend')).toContainText('后台不可用——正在重启');

  await expect(page.getByTestId('backend-banner')).toBeHidden();
  await expect(page.getByTestId('status-backend')).toContainText('已连接');
  const after = await health(page);
  expect(after.pid).not.toBe(before.pid);
  expect(after.schemaVersion).toBe(before.schemaVersion);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(host.output()).toContain('restarting');

  // The recovered backend serves the UI: a language change still persists.
  await chooseLanguage(page, 'English');
  await expect(page.getByTestId('app-title')).toHaveText('Tongban Desk');
});
