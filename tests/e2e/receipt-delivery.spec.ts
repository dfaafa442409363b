// The receipt states how the result reaches the applicant, in the applicant's
// language, read back from its PDF: a posted result's county named, the street
// and the phone masked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import type { Language } from '../../shared/languages.ts';
import { expect, test } from './browser-mode.ts';
import { pensionTransfer, rpc, setPrivacySettings } from './intake-rpc.ts';
import { compact } from './notice-print.ts';
import { isPortraitA4, savePaper } from './paper.ts';

const STREET = '龙城镇滨江路 88 号 3 栋 402 室';

const posted = (language: Language): IntakeSubmission => ({
  ...pensionTransfer(),
  language,
  delivery: {
    method: 'post',
    address: { province: '360000', city: '360400', county: '360430', street: STREET },
    phone: '13912340009',
  },
});

const EXPECTED: Record<Language, { label: string; line: string }> = {
  'zh-CN': { label: '结果领取方式', line: '邮寄送达（EMS）：江西省九江市彭泽县（360430） ••••，电话 139****0009' },
  'zh-TW': { label: '結果領取方式', line: '郵寄送達（EMS）：江西省九江市彭澤縣（360430） ••••，電話 139****0009' },
  en: {
    label: 'How the result is received',
    line: 'Posted (EMS) to Pengze County, Jiujiang, Jiangxi（360430） ••••, phone 139****0009',
  },
};

test('the receipt states the posted delivery in the applicant’s language, masked, on its one A4 page before the privacy notice', async ({
  page,
  host,
  consoleErrors,
}) => {
  const files = mkdtempSync(join(tmpdir(), 'tongban-receipt-delivery-'));
  await page.goto(host.url);
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
  const cases: [Language, string][] = [];
  for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
    cases.push([language, (await rpc(page, 'intake.submit', posted(language))).caseNo]);
  }
  await page.reload();
  await page.getByTestId('login-username').fill('clerk');
  await page.getByTestId('login-password').fill('clerk-pass-1');
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();

  for (const [language, caseNo] of cases) {
    await page.getByTestId('case-row').filter({ hasText: caseNo }).click();
    await page.getByTestId('case-receipt').click();
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toContainText(EXPECTED[language].line);
    const paper = await savePaper(page, join(files, `receipt-${language}.pdf`));
    // The receipt on its one A4 page; the privacy notice follows on a sheet of its own.
    expect(paper.pages, language).toHaveLength(2);
    expect(paper.sizes.every(isPortraitA4), language).toBe(true);
    expect(paper.pages[0], language).toContain(compact(EXPECTED[language].label));
    expect(paper.pages[0], language).toContain(compact(EXPECTED[language].line));
    expect(paper.text, language).not.toContain('滨江路');
    expect(paper.text, language).not.toContain('13912340009');
    await page.keyboard.press('Escape');
    await expect(receipt).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('case-detail')).toBeHidden();
  }
  expect(consoleErrors).toEqual([]);
});
