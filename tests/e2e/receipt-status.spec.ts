// The receipt's way to "where is my case?": a window of 360430 enrolled at
// region 421127's real exchange server takes in three cases, one in each
// language. Each receipt shows and prints its short status code, and its QR
// code holds the status page's address on that server, which opens the
// case's status in the applicant's language and names nothing personal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as playwrightRequest, type Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { expect, test } from './browser-mode.ts';
import { pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = { username: 'clerk', displayName: '李收件', password: 'clerk-pass-1', roles: ['intake_clerk'] as Role[] };

const LANGUAGES = {
  'zh-CN': { code: '查询码', follow: '查询码请勿告诉他人', status: '已收件，等待办理地审查' },
  'zh-TW': { code: '查詢碼', follow: '查詢碼請勿告訴他人', status: '已收件，等待辦理地審查' },
  en: {
    code: 'Status code',
    follow: 'Keep the status code to yourself',
    status: 'Received; the handling place will review it',
  },
} as const;

async function openReceipt(page: Page, caseNo: string): Promise<void> {
  await page.getByTestId('workspace-nav').getByText('收件', { exact: true }).click();
  await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
  await page.getByTestId('case-row').filter({ hasText: caseNo }).click();
  await page.getByTestId('case-receipt').click();
  await expect(page.getByTestId('receipt')).toContainText(caseNo);
}

test('each receipt shows and prints its status code, and its QR code opens the case’s status page', async ({
  page,
  host,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const partner = await PartnerRegion.start('sqlite');
  const files = mkdtempSync(join(tmpdir(), 'tongban-receipt-'));
  const web = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await page.getByTestId('workspace-nav').getByText('同步', { exact: true }).click();
    await page.getByTestId('sync-add-invitation').fill(partner.invitation('intake', '360430'));
    await page.getByTestId('sync-add-name').fill('黄梅县交换服务器');
    await page.getByTestId('sync-add-submit').click();
    await expect(page.getByText('本机已在湖北省黄冈市黄梅县（421127）的服务器注册。')).toBeVisible();
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    for (const [language, words] of Object.entries(LANGUAGES)) {
      const { caseId, caseNo } = await submit(page, { ...pensionTransfer(), language: language as 'en' });
      const { statusPage } = await rpc(page, 'cases.get', { caseId });
      const code = statusPage!.code;
      const printed = `${code.slice(0, 4)}-${code.slice(4)}`;
      await openReceipt(page, caseNo);
      const receipt = page.getByTestId('receipt');
      await expect(receipt).toContainText(words.code);
      await expect(receipt).toContainText(printed);
      const qr = receipt.getByTestId('receipt-qr');
      await expect(qr).toBeVisible();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      const url = `${partner.url}/status?case=${caseNo}&code=${code}&lang=${language}`;
      await expect(qr).toHaveAttribute('data-text', url);

      // On paper: the code and what it is for, in the applicant's language.
      await page.emulateMedia({ media: 'print' });
      const pdfFile = join(files, `receipt-${language}.pdf`);
      writeFileSync(pdfFile, await page.pdf({ format: 'A4' }));
      await page.emulateMedia({ media: 'screen' });
      const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(caseNo);
      expect(text).toContain(printed);
      expect(text).toContain(words.follow.replace(/\s+/g, ''));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      // What the phone opens once the case has reached the server.
      await expect(async () => {
        const answer = await web.get(url);
        expect(answer.status()).toBe(200);
        const body = await answer.text();
        expect(body).toContain(words.status);
        expect(body).toContain(caseNo);
        expect(body).not.toContain('欧阳娜娜');
        expect(body).not.toContain('11010219781027232X');
      }).toPass({ timeout: 60_000 });
    }
    expect(consoleErrors).toEqual([]);
  } finally {
    await web.dispose();
    await partner.stop();
    rmSync(files, { recursive: true, force: true });
  }
});
