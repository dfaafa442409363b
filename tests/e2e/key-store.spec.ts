// Settings names what keeps the master key: in browser mode, a key file, said
// to be for development and tests only; only the administrator sees it.
import { expect, test } from './browser-mode.ts';
import { setUpDevice } from './session.ts';

test('the administrator sees the key store in use under Settings → this device', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await page.getByTestId('workspace-nav').getByText('设置', { exact: true }).click();
  await page.getByTestId('settings-tab-device').click();
  const line = page.getByTestId('key-store');
  await expect(line).toHaveAttribute('data-kind', 'key_file');
  await expect(line).toHaveText('数据目录中的密钥文件（浏览器模式，仅供开发和测试）');
  expect(consoleErrors).toEqual([]);
});
