// Bad input at the counter: each gets a clear message in the clerk's
// language, and nothing is half-saved.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './browser-mode.ts';
import { pdf } from './files.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = {
  username: 'clerk01',
  displayName: '李收件',
  password: 'clerk-pass-1',
  roles: ['intake_clerk' as const],
};

async function clerkAtApplicantStep(page: Page, url: string, matter = 'KST-SI-004'): Promise<void> {
  await setUpDevice(page, url);
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  await expect(page.getByTestId('matter-search')).toBeFocused();
  // si004 for KST-SI-004: the code's letters and digits find it.
  await page.keyboard.type(matter.slice(4).replace('-', '').toLowerCase());
  await expect(page.getByTestId(`matter-${matter}`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('applicant-name')).toBeFocused();
}

/** A valid pension transfer for 张三, from 360430 to Huangmei, filled in up to the materials step. */
async function fillPensionTransferToMaterials(page: Page): Promise<void> {
  await page.getByTestId('applicant-name').fill('张三');
  await page.getByTestId('applicant-id-number').fill('11010219781027232X');
  await page.getByTestId('field-transfer_out_region').fill('360430');
  await page.getByTestId('field-transfer_in_region').fill('421127');
  // 转入地 decides the handling place: chosen from the region list (Enter takes the match).
  await page.getByTestId('handling-region').fill('421127');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+KeyR');
  await page.keyboard.press('Enter');
}

async function caseCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const result = await window.tongban!.request('cases.list', {});
    return result.ok ? result.value.total : -1;
  });
}

test('an ID number with a wrong check character, an impossible or a future birth date is named as such', async ({
  page,
  host,
}) => {
  await clerkAtApplicantStep(page, host.url);
  const id = page.getByTestId('applicant-id-number');
  const cases: [string, string][] = [
    ['110102197810272321', '校验'],
    ['110102197802302322', '出生日期'],
    ['110102209901012326', '出生日期'],
  ];
  for (const [value, words] of cases) {
    await id.fill(value);
    await expect(page.getByTestId('id-error')).toContainText(words);
  }
  await page.getByTestId('applicant-name').fill('张三');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-problems')).toContainText('申请人证件号码有误');
  await expect(page.getByTestId('materials-table')).toHaveCount(0);
  expect(await caseCount(page)).toBe(0);
});

test('a file of the wrong type or too large is refused with its name; nothing is uploaded', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bad-files-'));
  try {
    await clerkAtApplicantStep(page, host.url);
    await fillPensionTransferToMaterials(page);

    writeFileSync(join(dir, 'photo.gif'), Buffer.from('GIF89a'));
    writeFileSync(join(dir, 'huge.pdf'), Buffer.concat([pdf('big'), Buffer.alloc(21 * 1024 * 1024)]));
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Alt+KeyF');
    await (await chooser).setFiles([join(dir, 'photo.gif'), join(dir, 'huge.pdf')]);
    const errors = page.getByTestId('scan-error');
    await expect(errors).toHaveCount(2);
    await expect(errors.nth(0)).toContainText('“photo.gif”不是 JPEG、PNG 或 PDF 文件');
    await expect(errors.nth(1)).toContainText('“huge.pdf”超过 20 MB');
    await expect(page.getByTestId('scan-item')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a double submit makes one case', async ({ page, host }) => {
  await clerkAtApplicantStep(page, host.url);
  await fillPensionTransferToMaterials(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review')).toBeVisible();
  await page.keyboard.press('Alt+KeyP');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('submitted-case-no')).toBeVisible();
  expect(await caseCount(page)).toBe(1);
});

test('a senior title: the materials step says its certificate must be presented, not waived', async ({
  page,
  host,
}) => {
  await clerkAtApplicantStep(page, host.url, 'KST-TAL-001');
  await page.keyboard.type('张三');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('applicant-id-number')).toBeFocused();
  await page.keyboard.type('11010219781027232X');
  await page.getByTestId('field-title_name').focus();
  await page.keyboard.type('高级工程师');
  await page.keyboard.press('Tab');
  // 正高级, the fourth level: the list opens on the first and Enter takes the active one.
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
  await expect(page.getByTestId('field-title_level')).toContainText('正高级');
  await page.keyboard.press('Tab');
  await page.keyboard.type('江西省');
  // Handled where the applicant's employer is: Huangmei, chosen by its code.
  await page.getByTestId('handling-region').focus();
  await page.keyboard.type('421127');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('region-421127')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handling-region-chosen')).toContainText('湖北省黄冈市黄梅县（421127）');
  await page.keyboard.press('Enter');

  const certificate = page.getByTestId('material-title_certificate');
  await expect(page.getByTestId('material-title_certificate-no-waiver')).toHaveText(
    '“职称级别”为“正高级”，该材料不能在线核验免提交，须提交原件查验。',
  );
  // Received or not provided: the waiver is not offered.
  await expect(certificate.getByRole('radio')).toHaveCount(2);
  // The review form's waiver is not limited by the title level.
  await expect(page.getByTestId('material-review_form').getByRole('radio')).toHaveCount(3);
});
