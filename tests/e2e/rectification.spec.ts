// 差评整改 on screen: a bad rating recorded by RPC opens an item that the
// supervisor finds in red among the warnings and in the rectification tab,
// reveals the applicant's phone (audited), assigns, answers, records the
// contact and closes; the warning goes. The case's refusal, which lets it be
// rated, is written into the data folder: the way there is not this walk's subject.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../shared/auth/permissions.ts';
import { chooseOption, settled } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const SUPERVISOR = {
  username: 'boss',
  displayName: '赵主管',
  password: 'boss-pass-1',
  roles: ['intake_clerk', 'supervisor'] as Role[],
};
const PHONE = '13912340001';

test('a bad rating is assigned, answered, followed up with the applicant and closed', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await createUser(page, SUPERVISOR);
  await logOut(page);
  await logInWithKeyboard(page, SUPERVISOR.username, SUPERVISOR.password);

  const { caseId, caseNo } = await submit(
    page,
    pensionTransfer({ name: '欧阳娜娜', idKind: 'resident_id', idNumber: '11010219781027232X', phone: PHONE }),
  );
  const db = new DatabaseSync(join(host.dataDir, 'tongban.sqlite'));
  try {
    db.prepare('UPDATE cases SET status = 5 WHERE case_id = ?').run(caseId);
  } finally {
    db.close();
  }
  await rpc(page, 'cases.record', { caseId, type: 'case.evaluated', payload: { rating: 1, comment: '白跑一趟' } });

  await page.getByTestId('workspace-nav').getByText('台账', { exact: true }).click();
  await page.getByTestId('supervisor-tab-warnings').click();
  await expect(page.getByTestId('warnings-count-rectification_open')).toHaveAttribute('data-count', '1');

  await page.getByTestId('supervisor-tab-rectification').click();
  const row = page.getByTestId(`rectification-row-${caseNo}`);
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(row).toContainText('欧***');
  await page.getByTestId(`rectification-open-${caseNo}`).click();
  const item = await settled(page.getByTestId('rectification-item'));
  await expect(item).toContainText('非常不满意');
  await expect(item.getByTestId('value-rectification-applicant-phone')).toHaveText('139****0001');
  await item.getByTestId('reveal-rectification-applicant-phone').click();
  await expect(item.getByTestId('value-rectification-applicant-phone')).toHaveText(PHONE);

  await chooseOption(page, item.getByTestId('rectification-assignee'), SUPERVISOR.displayName);
  await item.getByTestId('rectification-assign').click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'assigned');

  await item.getByTestId('rectification-findings').fill('窗口未一次性告知所需材料。');
  await item.getByTestId('rectification-actions').fill('已修订一次性告知单并培训窗口人员。');
  await item.getByTestId('rectification-answer').click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'answered');

  await item.getByTestId('rectification-method').getByText('电话').click();
  await item.getByTestId('rectification-response').getByText('满意', { exact: true }).click();
  await item.getByTestId('rectification-contact').click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'contacted');

  await item.getByTestId('rectification-close').click();
  await (await settled(page.locator('.ant-popconfirm:visible'))).getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'closed');
  await expect(item).toContainText('已由 赵主管');
  await expect(row).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(item).toBeHidden();

  await page.getByTestId('supervisor-tab-warnings').click();
  await expect(page.getByTestId('warnings-count-rectification_open')).toHaveAttribute('data-count', '0');
  expect(consoleErrors).toEqual([]);
});
