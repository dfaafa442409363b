// 读卡 at the counter: the window's reader is the simulator with an expired
// resident card on it. The clerk presses F2 in the applicant step: the card
// fills the applicant, its facts and the expiry warning show, the step waits
// for the photo comparison (Alt+K), and the receipt and the case say the
// identity was read from the chip.
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { expectFocused, press } from './keyboard.ts';
import { CLERK } from './notice-desk.ts';
import { openCase } from './notice-print.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('a card read fills the applicant, the photo is compared, the receipt says read from chip', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await rpc(page, 'devices.setIdCardReader', {
    reader: { kind: 'simulator', card: 'resident_expired', fault: 'none' },
    photoDecoder: null,
  });
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);

  await expectFocused(page, 'matter-search');
  await page.keyboard.type('si004');
  await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
  await press(page, 'Enter');
  await expectFocused(page, 'applicant-name');
  await expect(page.getByTestId('id-card-status')).toContainText('按 F2');
  await press(page, 'F2');
  await expect(page.getByTestId('applicant-name')).toHaveValue('过期样');
  await expect(page.getByTestId('applicant-id-number')).toHaveValue(/^45010319750620051[0-9X]$/);
  await expect(page.getByTestId('applicant-address')).toHaveValue('广西壮族自治区南宁市青秀区样例大道7号');
  await expect(page.getByTestId('id-card-status')).toContainText('已读取居民身份证：过期样');
  await expect(page.getByTestId('id-card-facts')).toContainText('民族：壮');
  await expect(page.getByTestId('id-card-validity')).toContainText('2000-06-20 至 2020-06-20');
  await expect(page.getByTestId('id-card-expired')).toContainText('证件已于 2020-06-20 过期');
  await expect(page.getByTestId('id-card-photo-note')).toContainText('无法显示证件照片');

  await page.getByTestId('field-transfer_out_region').fill('广东省深圳市');
  await page.getByTestId('field-transfer_in_region').fill('湖北省黄冈市黄梅县');
  await page.getByTestId('handling-region').click();
  await page.keyboard.type('421127');
  await press(page, 'ArrowDown', 'Enter');
  await expect(page.getByTestId('handling-region-chosen')).toContainText('421127');
  await page.getByTestId('applicant-phone').click();

  // The step stays until the clerk has compared the card's photo with the person.
  await press(page, 'Enter');
  await expect(page.getByTestId('step-problems')).toContainText('请核对证件照片与申请人本人');
  await press(page, 'Alt+KeyK');
  await expect(page.getByTestId('id-card-photo-compared')).toBeChecked();
  await press(page, 'Enter');
  await expect(page.getByTestId('materials-table')).toBeVisible();
  await press(page, 'Alt+KeyR', 'Enter');
  await expect(page.getByTestId('scan-drop-zone')).toBeVisible();
  await press(page, 'Enter');
  await expect(page.getByTestId('review')).toBeVisible();
  await press(page, 'Alt+KeyP', 'Control+Enter');

  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('收件回执');
  await expect(receipt).toContainText('身份信息来源芯片读取（居民身份证，已于 2020-06-20 过期）');
  const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
  await press(page, 'Escape');
  const detail = await openCase(page, '收件', '办件列表', caseNo);
  await expect(detail.getByTestId('case-identity-source')).toHaveText(
    '身份信息来源：芯片读取（居民身份证，已于 2020-06-20 过期）',
  );
  expect(consoleErrors).toEqual([]);
});
