// Reading notices as a clerk or officer gets them: a case opened from the
// list, each notice opened from its detail and printed to PDF, and the text of
// the printed page read back.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { MethodOutput } from '../../shared/rpc/contract.ts';
import { expect } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';

export const MASKED_ID = '110102********232X';
export const FULL_ID = '11010219781027232X';

/** Opens a case's detail from the list of a workspace (and tab), closing any detail open before. */
export async function openCase(page: Page, workspace: string, tab: string | null, caseNo: string): Promise<Locator> {
  const drawer = page.getByTestId('case-detail');
  if (await drawer.isVisible()) {
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  }
  await page.getByTestId('workspace-nav').getByText(workspace, { exact: true }).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
  await page.getByTestId('case-row').filter({ hasText: caseNo }).click();
  const body = page.getByTestId('case-detail-body');
  await expect(body.getByTestId('case-number')).toHaveText(caseNo);
  return body;
}

/**
 * Opens one notice, checks the screen copy, saves it through the PDF button
 * (the browser's print dialog in browser mode), and returns the text of the
 * page as printed, whitespace removed.
 */
export async function printedNotice(page: Page, kind: string, dir: string): Promise<string> {
  await page.getByTestId(`notice-open-${kind}`).click();
  await expect(page.getByTestId(`notice-${kind}`)).toBeVisible();
  // Headless Chromium has no print dialog to answer: a window.print() leaves a print job open that never
  // ends, and every later one (page.pdf) is refused. The test stands in for the person at the dialog: it
  // notes that the app asked to print, then saves the page as PDF itself, as "Save as PDF" would.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printRequests = String(Number(document.body.dataset.printRequests ?? '0') + 1);
    };
  });
  const before = Number((await page.locator('body').getAttribute('data-print-requests')) ?? '0');
  await page.getByTestId(`notice-${kind}-pdf`).click();
  await expect(page.locator('body')).toHaveAttribute('data-print-requests', String(before + 1));
  await page.emulateMedia({ media: 'print' });
  const file = join(dir, `${kind}.pdf`);
  // On a loaded machine Chromium now and then answers "Printing failed": the same page printed again.
  await expect(async () => writeFileSync(file, await page.pdf({ format: 'A4' }))).toPass({ timeout: 30_000 });
  await page.emulateMedia({ media: 'screen' });
  await page
    .getByTestId(`notice-${kind}-dialog`)
    .getByRole('button', { name: /关闭|Close|關閉/ })
    .click();
  await expect(page.getByTestId(`notice-${kind}`)).toBeHidden();
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).not.toContain(FULL_ID);
  return text;
}

export const compact = (text: string): string => text.replace(/\s+/g, '');

/** The case as this device sees it, once it satisfies `done`. */
export async function caseAt(page: Page, caseId: string, done: (d: MethodOutput<'cases.get'>) => boolean) {
  await expect
    .poll(async () => {
      const found = await page.evaluate((id) => window.tongban!.request('cases.get', { caseId: id }), caseId);
      return found.ok && done(found.value);
    })
    .toBe(true);
  return rpc(page, 'cases.get', { caseId });
}
