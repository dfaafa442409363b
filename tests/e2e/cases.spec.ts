import type { Page } from '@playwright/test';
import { chooseOption } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { localDayFrom } from '../../shared/local-time.ts';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import { SEED_CATALOG } from '../../shared/catalog/seed.ts';
import { pensionTransfer, rpc, setPrivacySettings } from './intake-rpc.ts';

const OUYANG = {
  name: '欧阳娜娜',
  idKind: 'resident_id',
  idNumber: '11010219781027232X',
  phone: '13800138000',
} as const;
const ZHANG = { name: '张伟', idKind: 'resident_id', idNumber: '11010519491231002X' } as const;

const ACCOUNT = '6222021234567890123';

/** A KST-EMP-003 unemployment benefit claim: the account it is paid to is a sensitive field. */
function benefitClaim(): IntakeSubmission {
  const matter = SEED_CATALOG.matters.find((m) => m.id === 'KST-EMP-003')!;
  return {
    ...pensionTransfer(OUYANG),
    matterId: matter.id,
    materials: matter.materials.map((m) => ({ materialId: m.id, outcome: 'received', forms: [m.acceptedForms[0]!] })),
    formData: { last_employer: '黄梅县某制衣公司', separation_date: '2026-10-31', bank_account_no: ACCOUNT },
  };
}

/** A set-up device with a clerk, two cases taken in through the RPC (and any more), and the clerk at the case list. */
async function clerkAtCaseList(
  page: Page,
  url: string,
  more: IntakeSubmission[] = [],
): Promise<{ ouyang: string; zhang: string; more: string[] }> {
  await page.goto(url);
  await expect(page.getByTestId('status-backend')).toContainText('已连接');
  const admin = await rpc(page, 'setup.initialize', {
    device: { name: '彭泽一号机', regionCode: '360430', hall: '彭泽县政务服务中心', windowNo: '03' },
    admin: { username: 'admin', displayName: '王管理', password: 'admin-pass-1' },
  });
  await page.evaluate((token) => window.tongban!.setSession(token), admin.token);
  await setPrivacySettings(page);
  await rpc(page, 'users.create', {
    username: 'clerk',
    displayName: '李受理',
    password: 'clerk-pass-1',
    roles: ['intake_clerk'],
  });
  const clerk = await rpc(page, 'auth.login', { username: 'clerk', password: 'clerk-pass-1' });
  await page.evaluate((token) => window.tongban!.setSession(token), clerk.token);
  const ouyang = await rpc(page, 'intake.submit', pensionTransfer(OUYANG));
  const zhang = await rpc(page, 'intake.submit', pensionTransfer(ZHANG));
  const others: string[] = [];
  for (const submission of more) others.push((await rpc(page, 'intake.submit', submission)).caseNo);

  await page.reload();
  await page.getByTestId('login-username').fill('clerk');
  await page.getByTestId('login-password').fill('clerk-pass-1');
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
  return { ouyang: ouyang.caseNo, zhang: zhang.caseNo, more: others };
}

/** Today (or days from today) on this machine's calendar, as the date filter takes it. */
const localDay = (days: number): string => localDayFrom(new Date(), days);

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('cases-search').locator('input');
  await box.fill(text);
  await box.press('Enter');
}

test('cases taken in appear in the list, masked, with sync state "queued"', async ({ page, host, consoleErrors }) => {
  const { ouyang, zhang } = await clerkAtCaseList(page, host.url);
  const rows = page.getByTestId('case-row');
  await expect(page.getByTestId('cases-total')).toHaveText('共 2 件');
  await expect(rows).toHaveCount(2);
  // Newest first.
  await expect(rows.nth(0)).toContainText(zhang);
  await expect(rows.nth(1)).toContainText(ouyang);
  const row = rows.nth(1);
  await expect(row).toContainText('欧***');
  await expect(row).toContainText('110102********232X');
  await expect(row).not.toContainText('欧阳娜娜');
  await expect(row).not.toContainText('11010219781027232X');
  await expect(row).toContainText('企业职工基本养老保险关系转移接续申请');
  await expect(row).toContainText('已接件');
  await expect(row).toContainText('待发送');

  // A case taken in elsewhere (another tab, the wizard) shows up without a reload.
  await rpc(page, 'intake.submit', pensionTransfer({ ...ZHANG, name: '张三丰' }));
  await expect(page.getByTestId('cases-total')).toHaveText('共 3 件');

  // Filters are run by the backend.
  await chooseOption(page, page.getByTestId('cases-sync'), '已同步');
  await expect(page.getByTestId('cases-total')).toHaveText('共 0 件');
  await expect(page.getByText('没有符合条件的办件。')).toBeVisible();
  await page.getByTestId('cases-sync').hover();
  await page.getByTestId('cases-sync').locator('.ant-select-clear').click();
  await expect(page.getByTestId('cases-total')).toHaveText('共 3 件');

  const dates = page.getByTestId('cases-dates').locator('input');
  const pickDates = async (from: string, to: string): Promise<void> => {
    await dates.first().click();
    await dates.first().fill(from);
    await dates.first().press('Enter');
    await dates.last().fill(to);
    await dates.last().press('Enter');
  };
  await pickDates(localDay(0), localDay(0));
  await expect(page.getByTestId('cases-total')).toHaveText('共 3 件');
  await pickDates(localDay(1), localDay(2));
  await expect(page.getByTestId('cases-total')).toHaveText('共 0 件');
  expect(consoleErrors).toEqual([]);
});

test('search finds a case by case number, by exact ID number and by the start of a name', async ({ page, host }) => {
  const { ouyang, zhang } = await clerkAtCaseList(page, host.url);
  const rows = page.getByTestId('case-row');
  await expect(rows).toHaveCount(2);

  await search(page, ouyang);
  await expect(page.getByTestId('cases-total')).toHaveText('共 1 件');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ouyang);

  // Typed without hyphens and with a lower-case x, as a clerk might.
  await search(page, zhang.replaceAll('-', '').toLowerCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(zhang);

  await search(page, ZHANG.idNumber);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(zhang);
  // Only the exact number: a prefix of it finds nothing.
  await search(page, ZHANG.idNumber.slice(0, 10));
  await expect(page.getByTestId('cases-total')).toHaveText('共 0 件');

  await search(page, '欧阳');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ouyang);
  await search(page, '张');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(zhang);

  // A mistyped check character is named under the box.
  const wrongCheck = ouyang.slice(0, -1) + (ouyang.endsWith('0') ? '1' : '0');
  await search(page, wrongCheck);
  await expect(page.getByTestId('cases-search-problem')).toHaveText('办件编号的校验位不正确，请核对后重新输入。');
  await expect(page.getByTestId('cases-total')).toHaveText('共 0 件');
  await search(page, '');
  await expect(page.getByTestId('cases-search-problem')).toHaveCount(0);
  await expect(rows).toHaveCount(2);
});

test('the detail shows masked values; "show" reveals the full ID for 30 s and closing hides it', async ({
  page,
  host,
  consoleErrors,
}) => {
  const { ouyang } = await clerkAtCaseList(page, host.url);
  const row = page.getByTestId('case-row').filter({ hasText: ouyang });
  // Rows are reachable from the keyboard: Enter opens the detail.
  await row.focus();
  await page.keyboard.press('Enter');

  const detail = page.getByTestId('case-detail-body');
  await expect(detail.getByTestId('case-number')).toHaveText(ouyang);
  await expect(detail.getByTestId('case-status')).toHaveText('已接件');
  await expect(detail).toContainText('湖北省黄冈市黄梅县（421127）');
  await expect(detail).toContainText('李受理');
  await expect(detail.getByTestId('case-materials')).toContainText('《转移接续申请表》');
  await expect(detail.getByTestId('case-materials')).toContainText('验原件');
  await expect(detail.getByTestId('case-timeline')).toContainText('收件');
  await expect(detail.getByTestId('case-timeline')).toContainText('材料核验（形式审查）');
  await expect(detail.getByTestId('case-next-actions')).toBeVisible();

  const id = detail.getByTestId('value-applicant-idNumber');
  await expect(detail.getByTestId('value-applicant-name')).toHaveText('欧***');
  await expect(detail.getByTestId('value-applicant-phone')).toHaveText('138****8000');
  await expect(id).toHaveText('110102********232X');
  await expect(detail).not.toContainText('11010219781027232X');

  await page.clock.install();
  await detail.getByTestId('reveal-applicant-idNumber').click();
  await expect(id).toHaveText('11010219781027232X');
  // The other fields stay masked: one reveal, one field.
  await expect(detail.getByTestId('value-applicant-name')).toHaveText('欧***');
  await page.clock.runFor(31_000);
  await expect(id).toHaveText('110102********232X');

  await detail.getByTestId('reveal-applicant-idNumber').click();
  await expect(id).toHaveText('11010219781027232X');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await row.click();
  await expect(page.getByTestId('case-detail-body').getByTestId('value-applicant-idNumber')).toHaveText(
    '110102********232X',
  );

  await expect(page.getByTestId('case-receipt')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a sensitive form field shows masked; "show" reveals the account, one field at a time', async ({
  page,
  host,
  consoleErrors,
}) => {
  const {
    more: [claim],
  } = await clerkAtCaseList(page, host.url, [benefitClaim()]);
  await page.getByTestId('case-row').filter({ hasText: claim! }).click();
  const detail = page.getByTestId('case-detail-body');
  const account = detail.getByTestId('value-form-bank_account_no');
  await expect(account).toHaveText('622202*********0123');
  await expect(detail).toContainText('黄梅县某制衣公司');
  await expect(detail).not.toContainText(ACCOUNT);

  await detail.getByTestId('reveal-form-bank_account_no').click();
  await expect(account).toHaveText(ACCOUNT);
  await expect(detail.getByTestId('value-applicant-idNumber')).toHaveText('110102********232X');
  await detail.getByTestId('hide-form-bank_account_no').click();
  await expect(account).toHaveText('622202*********0123');
  expect(consoleErrors).toEqual([]);
});

// A 40×30 page and its 16×12 thumbnail (distinct bytes, so each is stored once under its own hash).
const PAGE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAj0lEQVR4nMXWsQ2AMAxE0UxBxf6TMEtqjwCRkBAoJPb57Ei/f+0vIhXu2Ha4skQVqSDsVEHYryIwRTXDLNUGE1UDzFW1MF1VwRHqHA5SJ3CcOoJD1V84Wu3DCWoHzlG/cJr6gjPVB05WbzhfbfAS1QV71DZ7S1QQ9qsITFHNMEu1wUTVAHNVLUxXVXCEesEn4e/BGfGxGIcAAAAASUVORK5CYII=';
const THUMB_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAARElEQVR4nGP48OEZMeiImAwEMZCkmigNyKoJa0BTTUADpmp8GrCqxqkBl2rsGvCoxqIBv2p0DQRVo2ggRjVCA5GqgRoA1GlbsOlzWyYAAAAASUVORK5CYII=';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

async function uploadScan(page: Page, mediaType: string, data: string, thumbnail: string | null): Promise<string> {
  const { uploadId } = await rpc(page, 'scans.begin', { mediaType, size: Buffer.from(data, 'base64').length });
  await rpc(page, 'scans.chunk', { uploadId, index: 0, data });
  return (await rpc(page, 'scans.finish', { uploadId, thumbnail })).sha256;
}

test('scans show as thumbnails; an image opens in the preview, a PDF drawn page by page', async ({
  page,
  host,
  consoleErrors,
}) => {
  await clerkAtCaseList(page, host.url);
  const image = await uploadScan(page, 'image/png', PAGE_PNG, THUMB_PNG);
  const pdf = await uploadScan(page, 'application/pdf', PDF, null);
  const { caseNo } = await rpc(page, 'intake.submit', {
    ...pensionTransfer(OUYANG),
    scans: [
      { sha256: image, materialId: 'id_card' },
      { sha256: pdf, materialId: null },
    ],
  });
  await page.getByTestId('case-row').filter({ hasText: caseNo }).click();

  const scans = page.getByTestId('case-detail-body').getByTestId('case-scan');
  await expect(scans).toHaveCount(2);
  await expect(scans.nth(0)).toContainText('居民身份证');
  await expect(scans.nth(0).locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(scans.nth(1)).toContainText('其他附件');
  await expect(scans.nth(1).locator('img')).toHaveCount(0);

  await scans.nth(0).click();
  const preview = page.locator('.ant-image-preview img');
  await expect(preview).toHaveAttribute('src', /^blob:/);
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  await scans.nth(1).click();
  const pdfPage = page.getByTestId('scan-pdf').locator('canvas');
  await expect(pdfPage).toHaveCount(1);
  expect(await pdfPage.evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBe(760);
  expect(consoleErrors).toEqual([]);
});

test('a screen taller than the first page fills it: the list asks for the next page by itself', async ({
  page,
  host,
}) => {
  // The first answer is about one 1080-pixel screen of rows; a portrait screen shows more than that, and
  // with nothing to scroll no scroll would ask for them.
  await page.setViewportSize({ width: 1280, height: 2400 });
  const more = Array.from({ length: 40 }, () => pensionTransfer(ZHANG));
  await clerkAtCaseList(page, host.url, more);
  await expect(page.getByTestId('cases-total')).toHaveText('共 42 件');
  await expect.poll(() => page.getByTestId('case-row').count()).toBeGreaterThan(30);
});
