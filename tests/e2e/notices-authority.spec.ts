// A notice needs its issuing authority from the register: where the register
// lacks it, the notice does not print and the desk is told why.
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { addPartnerRemote, intakeCase, OFFICER, pushed, setUpDesk } from './notice-desk.ts';
import { caseAt, openCase } from './notice-print.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut } from './session.ts';

test('a notice whose authority the register lacks does not print, and says why', async ({
  page,
  host,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const partner = await PartnerRegion.start('sqlite');
  try {
    await setUpDesk(page, host.url);
    await createUser(page, OFFICER);
    await addPartnerRemote(page, partner, 'acceptance', '421127');

    // The administrator removes the arbitration committee from the register, with the keyboard.
    await page.getByTestId('workspace-nav').getByText('设置', { exact: true }).click();
    await page.getByTestId('settings-tab-authorities').click();
    const row = page.getByTestId('authority-row-421127-labour_arbitration');
    await expect(row).toContainText('黄梅县劳动人事争议仲裁委员会');
    await row.getByTestId('authority-remove-421127-labour_arbitration').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('authority-remove-confirm').focus();
    await page.keyboard.press('Enter');
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('authority-row-421127-social_insurance')).toBeVisible();
    await logOut(page);
    await logInWithKeyboard(page, OFFICER.username, OFFICER.password);

    const window = await partner.enrol('intake', '360430', '彭泽县收件窗口');
    const labour = intakeCase('zh-CN', 'KST-LAB-002');
    await pushed(window, labour.events);
    await caseAt(page, labour.caseId, (d) => d.row.origin === 'inbox');
    await rpc(page, 'cases.record', {
      caseId: labour.caseId,
      type: 'case.not_accepted',
      payload: {
        reasons: ['申请仲裁的事项不属于劳动人事争议处理范围。'],
        remedies: [{ kind: 'civil_litigation', body: '黄梅县人民法院' }],
      },
    });

    const caseNo = (await rpc(page, 'cases.get', { caseId: labour.caseId })).row.caseNo;
    await openCase(page, '受理', null, caseNo);
    await page.getByTestId('notice-open-refusal_notice').click();
    await expect(page.getByTestId('notice-refusal_notice-error')).toContainText(
      '办理机关登记册中没有 湖北省黄冈市黄梅县（421127） “劳动人事争议仲裁”类事项的办理机关，本通知书不能打印。',
    );
    await expect(page.getByTestId('notice-refusal_notice-pdf')).toBeDisabled();
    await expect(page.getByTestId('notice-refusal_notice-print')).toBeDisabled();
    await expect(page.getByTestId('notice-refusal_notice')).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  } finally {
    await partner.stop();
  }
});
