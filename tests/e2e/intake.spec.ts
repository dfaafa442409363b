// The counter walk: a clerk logs in and takes in a KST-SI-004 pension
// transfer with the keyboard alone, attaches two scans, submits, and gets a
// receipt whose PDF holds the case number, the masked ID and the matter name.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseCaseNumber } from '../../shared/case/case-number.ts';
import { expect, test } from './browser-mode.ts';
import { pdf, png } from './files.ts';
import { NUMERIC_DATE, officialToday } from './paper.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = {
  username: 'clerk01',
  displayName: '李收件',
  password: 'clerk-pass-1',
  roles: ['intake_clerk' as const],
};
const APPLICANT = { name: '张三', id: '11010219781027232x', maskedId: '110102********232X', phone: '13812348000' };

const walks = [
  {
    language: 'zh-CN',
    matterName: '企业职工基本养老保险关系转移接续申请',
    receiptTitle: '收件回执',
    queued: '待发送',
  },
  {
    language: 'zh-TW',
    matterName: '企業職工基本養老保險關係轉移接續申請',
    receiptTitle: '收件回執',
    queued: '待發送',
  },
] as const;

async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

for (const walk of walks) {
  test(`a clerk takes in a pension transfer with the keyboard alone (${walk.language})`, async ({ page, host }) => {
    const files = mkdtempSync(join(tmpdir(), 'tongban-scans-'));
    try {
      await setUpDevice(page, host.url);
      await createUser(page, CLERK);
      if (walk.language !== 'zh-CN') {
        await page.evaluate((language) => window.tongban!.request('settings.setLanguage', { language }), walk.language);
      }
      await logOut(page);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', walk.language);
      await logInWithKeyboard(page, CLERK.username, CLERK.password);

      // 1. The matter: search is focused; Enter chooses.
      await expect(page.getByTestId('matter-search')).toBeFocused();
      await page.keyboard.type('si004');
      await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
      await press(page, 'Enter');

      // 2. The applicant, then the matter's own fields.
      await expect(page.getByTestId('applicant-name')).toBeFocused();
      await page.keyboard.type(APPLICANT.name);
      await press(page, 'Tab', 'Tab');
      await expect(page.getByTestId('applicant-id-number')).toBeFocused();
      await page.keyboard.type(APPLICANT.id);
      await expect(page.getByTestId('id-facts')).toContainText('1978-10-27');
      await press(page, 'Tab');
      await page.keyboard.type(APPLICANT.phone);
      await press(page, 'Enter');
      // The matter's required fields are still empty: the step says so and stays.
      await expect(page.getByTestId('step-problems')).toBeVisible();
      await page.getByTestId('field-transfer_out_region').focus();
      await page.keyboard.type('360430');
      await press(page, 'Tab');
      await page.keyboard.type('421127');
      // 转入地 decides the handling place: the region is chosen from the list, by its pinyin initials here.
      await press(page, 'Tab');
      await page.keyboard.type('hmx');
      // 呼玛县 and 惠民县 come first: they share the initials.
      await expect(page.getByTestId('region-421127')).toBeVisible();
      await press(page, 'ArrowDown', 'ArrowDown');
      await expect(page.getByTestId('region-421127')).toHaveAttribute('aria-selected', 'true');
      await press(page, 'Enter');
      await expect(page.getByTestId('handling-region')).toHaveAttribute('data-value', '421127');
      await press(page, 'Enter');

      // 3. Materials: a missing required item blocks, naming it; Alt+R receives them all.
      await expect(page.getByTestId('materials-table')).toBeVisible();
      await press(page, 'Enter');
      await expect(page.getByTestId('step-problems')).toContainText(
        walk.language === 'zh-CN' ? '缺少必要材料：居民身份证' : '缺少必要材料：居民身份證',
      );
      await press(page, 'Alt+KeyR', 'Enter');

      // 4. Two scans through the file picker, opened with Alt+F.
      writeFileSync(join(files, 'id-card.png'), png(120, 80, [200, 30, 30]));
      writeFileSync(join(files, 'certificate.pdf'), pdf('Contribution certificate'));
      const chooser = page.waitForEvent('filechooser');
      await press(page, 'Alt+KeyF');
      await (await chooser).setFiles([join(files, 'id-card.png'), join(files, 'certificate.pdf')]);
      await expect(page.getByTestId('scan-item')).toHaveCount(2);
      await press(page, 'Enter');

      // 5. Review (masked), the privacy notice acknowledged (Alt+P), and submit with Ctrl+Enter.
      await expect(page.getByTestId('review')).toContainText(APPLICANT.maskedId);
      await expect(page.getByTestId('review')).not.toContainText('19781027');
      await press(page, 'Alt+KeyP');
      await press(page, 'Control+Enter');

      const receipt = page.getByTestId('receipt');
      await expect(receipt).toContainText(walk.receiptTitle);
      const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
      expect(parseCaseNumber(caseNo)).toMatchObject({ ok: true, parts: { region: '360430', window: '03' } });
      await expect(receipt).toContainText(caseNo);
      await expect(receipt).toContainText(APPLICANT.maskedId);
      await expect(receipt).toContainText(walk.matterName);

      // The printed receipt: only the receipt goes to paper, with CJK text intact.
      await page.emulateMedia({ media: 'print' });
      const pdfFile = join(files, 'receipt.pdf');
      writeFileSync(pdfFile, await page.pdf({ format: 'A4' }));
      await page.emulateMedia({ media: 'screen' });
      const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
      const compact = text.replace(/\s+/g, '');
      expect(compact).toContain(caseNo);
      expect(compact).toContain(APPLICANT.maskedId);
      expect(compact).toContain(walk.matterName);
      expect(compact).toContain(walk.receiptTitle);
      // Received today, written as official papers write a date; no 2026-12-06 or 2026/12/6 on it.
      expect(compact).toContain(officialToday(walk.language));
      expect(compact).not.toMatch(NUMERIC_DATE);
      expect(compact).not.toContain('11010219781027232X');

      // The case is in the list, waiting to be sent.
      await press(page, 'Escape');
      await page.getByRole('tab', { name: walk.language === 'zh-CN' ? '办件列表' : '辦件清單' }).click();
      await expect(page.getByTestId('cases-view')).toContainText(caseNo);
      await expect(page.getByTestId('cases-view')).toContainText(walk.queued);
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
  });
}

test('a draft survives a restart of the app', async ({ page, host }) => {
  await setUpDevice(page, host.url);
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  await expect(page.getByTestId('matter-search')).toBeFocused();
  await page.keyboard.type('si004');
  await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
  await press(page, 'Enter');
  await page.keyboard.type('李四');
  // Once the screen says the draft is saved, close and reopen the app.
  await expect(page.getByTestId('draft-saved')).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const result = await window.tongban!.request('drafts.list', {});
        return result.ok ? (result.value[0]?.state as { applicant?: { name?: string } }).applicant?.name : null;
      }),
    )
    .toBe('李四');
  await page.context().clearCookies();
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('applicant-name')).toHaveValue('李四');

  const draft = await page.evaluate(async () => {
    const result = await window.tongban!.request('drafts.list', {});
    return result.ok ? result.value[0] : null;
  });
  expect(draft?.state).toMatchObject({ matterId: 'KST-SI-004', applicant: { name: '李四' } });
});
