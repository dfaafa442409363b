// The talent green card at the window: no checkbox, but the card's number and
// where it was issued. A number of the wrong shape, or no issuing place, keeps
// the clerk on the applicant step with a message saying what is expected; a
// good card shows masked on the review and makes the case a priority one.
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = {
  username: 'clerk01',
  displayName: '李收件',
  password: 'clerk-pass-1',
  roles: ['intake_clerk' as const],
};

test('a clerk records a talent green card by its number and issuing place, checked', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);

  await expect(page.getByTestId('matter-search')).toBeFocused();
  await page.keyboard.type('si004');
  await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByTestId('applicant-name').fill('张三');
  await page.getByTestId('applicant-id-number').fill('11010219781027232X');
  await page.getByTestId('field-transfer_out_region').fill('广东省深圳市');
  await page.getByTestId('field-transfer_in_region').fill('湖北省黄冈市黄梅县');
  await page.getByTestId('handling-region').fill('421127');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handling-region-chosen')).toContainText('421127');
  await expect(page.getByTestId('priority')).toHaveCount(0);

  // The issuing place waits for a number.
  await expect(page.getByTestId('talent-card-issuer').locator('input')).toBeDisabled();
  const number = page.getByTestId('talent-card-number');
  await number.fill('HG/01');
  await number.press('Enter');
  await expect(page.getByTestId('step-problems')).toContainText(
    '人才绿卡号码应为 6 至 20 位字母或数字，请按卡面填写。',
  );
  await expect(page.getByTestId('step-problems')).toContainText('请从地区列表中选择人才绿卡的发卡地（县级区划）。');

  await number.fill('hg-2024 0001');
  await page.getByTestId('talent-card-issuer').click();
  await page.keyboard.type('hmx');
  await page.getByTitle('湖北省黄冈市黄梅县（421127）').click();
  await number.press('Enter');

  // On: the materials, no scans, the review with the card masked.
  await expect(page.getByTestId('materials-table')).toBeVisible();
  await page.keyboard.press('Alt+KeyR');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const review = page.getByTestId('review');
  await expect(review).toContainText('HG******01 · 湖北省黄冈市黄梅县（421127）');
  await expect(review).not.toContainText('HG20240001');
  await page.keyboard.press('Alt+KeyP'); // the applicant read the privacy notice
  await page.keyboard.press('Control+Enter');
  const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
  const { rows } = await rpc(page, 'cases.list', { query: caseNo });
  expect(rows.map((r) => r.priority)).toEqual([true]);
  expect(consoleErrors).toEqual([]);
});
