import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract.ts';
import { startSignaturePadSimulator } from '../../electron/backend/devices/signature-pad-simulator.ts';
import { chooseLanguage } from './antd.ts';
import { expect, test } from './browser-mode.ts';

/** Calls the backend from the page, with whatever session the page's client carries. */
async function request<M extends MethodName>(page: Page, method: M, input: MethodInput<M>) {
  return page.evaluate(([m, i]) => window.tongban!.request(m as M, i as MethodInput<M>), [
    method,
    input,
  ] as const) as Promise<
    { ok: true; value: MethodOutput<M> } | { ok: false; error: { code: string; reason?: string } }
  >;
}

/** First run through the RPC (the setup screen has its own test); the page is left at the login screen. */
async function setUpDevice(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('status-backend')).toContainText('已连接');
  const result = await request(page, 'setup.initialize', {
    device: { name: '彭泽一号机', regionCode: '360430', hall: '彭泽县政务服务中心', windowNo: '03' },
    admin: { username: 'admin', displayName: '王管理', password: 'admin-pass-1' },
  });
  expect(result.ok).toBe(true);
  await page.reload();
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

async function openSettings(page: Page, tab: 'account' | 'users' | 'device' | 'calendar'): Promise<void> {
  await page.getByTestId('workspace-nav').getByText('设置', { exact: true }).click();
  await page.getByTestId(`settings-tab-${tab}`).click();
}

test('the administrator creates an intake clerk with the keyboard; the clerk has no Users tab', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await logIn(page, 'admin', 'admin-pass-1');
  await openSettings(page, 'users');
  await expect(page.getByTestId('users-table')).toContainText('王管理');

  await page.getByTestId('user-create').click();
  await expect(page.getByTestId('user-username')).toBeFocused();
  // Checked on the page, before the backend is asked.
  await page.getByTestId('user-username').fill('李 受理');
  await page.getByTestId('user-password').fill('short');
  await page.getByTestId('user-password').press('Enter');
  await expect(page.getByText('用户名为 2–40 位字母、数字、点、下划线或连字符。')).toBeVisible();
  await expect(page.getByText('密码至少 8 位。')).toBeVisible();
  await expect(page.getByText('请至少选择一个岗位。')).toBeVisible();

  await page.getByTestId('user-username').fill('admin');
  await page.getByTestId('user-display-name').fill('李受理');
  await page.getByTestId('user-password').fill('clerk-pass-1');
  await page.getByTestId('user-roles').click();
  await page.keyboard.type('综合受理');
  await page.keyboard.press('Enter');
  await page.getByTestId('user-password').press('Enter');
  // The backend's refusal, translated.
  await expect(page.getByTestId('user-error')).toHaveText('用户名“admin”已被使用。');

  await page.getByTestId('user-username').fill('clerk');
  await page.getByTestId('user-username').press('Enter');
  await expect(page.getByText('已创建用户“clerk”。')).toBeVisible();
  const row = page.getByTestId('users-table').locator('tr', { hasText: 'clerk' });
  await expect(row).toContainText('李受理');
  await expect(row).toContainText('综合受理岗');
  await expect(row).toContainText('启用');

  // The only administrator cannot be switched off.
  await page.getByTestId('user-edit-admin').click();
  await page.getByTestId('user-active').click();
  await page.getByTestId('user-save').click();
  await expect(page.getByTestId('user-error')).toHaveText('设备至少需要一名启用的管理员。');
  await page.getByRole('button', { name: /取\s*消/ }).click();

  await page.getByTestId('logout').click();
  await logIn(page, 'clerk', 'clerk-pass-1');
  await page.getByTestId('workspace-nav').getByText('设置', { exact: true }).click();
  await expect(page.getByTestId('settings-tab-account')).toBeVisible();
  await expect(page.getByTestId('settings-tab-users')).toHaveCount(0);
  await expect(page.getByTestId('settings-tab-device')).toHaveCount(0);
  await expect(page.getByTestId('settings-tab-calendar')).toHaveCount(0);
  // Hiding the tab is a courtesy; the backend is what refuses.
  const refused = await request(page, 'users.list', {});
  expect(refused.ok ? null : refused.error.code).toBe('PERMISSION_DENIED');

  // Everyone can change their own password.
  await page.getByTestId('password-current').fill('clerk-pass-1');
  await page.getByTestId('password-next').fill('clerk-pass-2');
  await page.getByTestId('password-next-again').fill('clerk-pass-2');
  await page.getByTestId('password-next-again').press('Enter');
  await expect(page.getByText('密码已修改。')).toBeVisible();
  await page.getByTestId('logout').click();
  await logIn(page, 'clerk', 'clerk-pass-2');
  expect(consoleErrors).toEqual([]);
});

test('a locked account is unlocked by a password reset', async ({ page, host }) => {
  await setUpDevice(page, host.url);
  await logIn(page, 'admin', 'admin-pass-1');
  const created = await request(page, 'users.create', {
    username: 'clerk',
    displayName: '李受理',
    password: 'clerk-pass-1',
    roles: ['intake_clerk'],
  });
  expect(created.ok).toBe(true);
  for (let i = 0; i < 5; i++) await request(page, 'auth.login', { username: 'clerk', password: 'wrong-password' });

  await openSettings(page, 'users');
  const row = page.getByTestId('users-table').locator('tr', { hasText: 'clerk' });
  await expect(row).toContainText('已锁定');
  await page.getByTestId('user-reset-clerk').click();
  await page.getByTestId('user-new-password').fill('clerk-pass-9');
  await page.getByTestId('user-new-password').press('Enter');
  await expect(page.getByText('已重置“clerk”的密码，账号已解锁。')).toBeVisible();
  await expect(row).not.toContainText('已锁定');
  const login = await request(page, 'auth.login', { username: 'clerk', password: 'clerk-pass-9' });
  expect(login.ok).toBe(true);
});

test('the device is edited and a calendar file is imported, in English', async ({ page, host }, testInfo) => {
  await setUpDevice(page, host.url);
  await chooseLanguage(page, 'English');
  await logIn(page, 'admin', 'admin-pass-1');
  await page.getByTestId('workspace-nav').getByText('Settings', { exact: true }).click();

  await page.getByTestId('settings-tab-device').click();
  await expect(page.getByTestId('device-name')).toHaveValue('彭泽一号机');
  await page.getByTestId('device-region').fill('36043');
  await page.getByTestId('device-idle-lock').fill('300');
  await page.getByTestId('device-idle-lock').press('Enter');
  await expect(page.getByText('Enter a 6-digit administrative division code, e.g. 360430.')).toBeVisible();
  await expect(page.getByText('Enter a whole number from 1 to 240.')).toBeVisible();
  await page.getByTestId('device-region').fill('360429');
  await page.getByTestId('device-window').fill('07');
  await page.getByTestId('device-idle-lock').fill('15');
  await page.getByTestId('device-idle-lock').press('Enter');
  await expect(page.getByText('Device details saved.')).toBeVisible();
  const device = await request(page, 'device.get', {});
  expect(device.ok && device.value).toMatchObject({ regionCode: '360429', windowNo: '07', idleLockMinutes: 15 });

  await page.getByTestId('settings-tab-calendar').click();
  const table = page.getByTestId('calendar-table');
  await expect(table).toContainText('国办发明电〔2025〕7号');
  await expect(table).not.toContainText('2027');

  const file = (name: string, body: unknown): string => {
    mkdirSync(testInfo.outputDir, { recursive: true });
    const path = join(testInfo.outputDir, name);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
    return path;
  };
  await page.getByTestId('calendar-file').setInputFiles(file('broken.json', '{ "kind": '));
  await expect(page.getByTestId('calendar-error')).toHaveText('The calendar file is not valid JSON.');
  await page.getByTestId('calendar-file').setInputFiles(
    file('weekday.json', {
      kind: 'tongban.calendar',
      years: [{ year: 2027, holidays: [], workdays: ['2027-01-04'] }],
    }),
  );
  await expect(page.getByTestId('calendar-error')).toContainText('The calendar file is not valid:');
  await expect(page.getByTestId('calendar-error')).toContainText('make-up workday 2027-01-04 is not a weekend day');

  await page.getByTestId('calendar-file').setInputFiles(
    file('2027.json', {
      kind: 'tongban.calendar',
      years: [{ year: 2027, holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-02-13'], source: 'test notice' }],
    }),
  );
  await expect(page.getByText('Calendar loaded for 2027.')).toBeVisible();
  await expect(page.getByTestId('calendar-error')).toHaveCount(0);
  const row2027 = table.locator('tr', { hasText: '2027' });
  await expect(row2027).toContainText('02-13');
  await expect(row2027).toContainText('test notice');
});

test('the window’s signature pad is set to a service on this machine, and an address elsewhere is refused', async ({
  page,
  host,
}) => {
  const pad = await startSignaturePadSimulator();
  try {
    await setUpDevice(page, host.url);
    await logIn(page, 'admin', 'admin-pass-1');
    await openSettings(page, 'device');
    const card = page.getByTestId('signature-pad-card');
    await card.getByTestId('signature-pad-url').fill('http://192.168.1.20:38088');
    await card.getByTestId('signature-pad-save').click();
    await expect(card.getByTestId('signature-pad-error')).toContainText('签名不能发送到其他电脑');
    await card.getByTestId('signature-pad-url').fill(pad.url);
    await card.getByTestId('signature-pad-save').click();
    await expect(page.getByText('签批屏设置已保存。')).toBeVisible();
    await expect(card.getByTestId('signature-pad-error')).toHaveCount(0);
    expect(await request(page, 'devices.signaturePad', {})).toEqual({
      ok: true,
      value: { configured: true, url: pad.url },
    });
  } finally {
    await pad.close();
  }
});
