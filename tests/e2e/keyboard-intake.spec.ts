// A clerk serving a queue, keyboard only, on a 1366×768 screen: two pension
// transfers one after the other — each submitted with Ctrl+Enter, its receipt
// printed with Enter and closed, the next begun with Alt+N — with a scan
// assigned by keyboard, an empty name named as such, and a draft that comes
// back on its materials step after a reload with the keyboard on that step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Page } from '@playwright/test';
import { expect, test } from './browser-mode.ts';
import { pdf, png } from './files.ts';
import { expectFocused, expectFocusNotLost, expectNoMouse, press, watchForMouse } from './keyboard.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = {
  username: 'clerk01',
  displayName: '李收件',
  password: 'clerk-pass-1',
  roles: ['intake_clerk' as const],
};
const APPLICANTS = [
  { name: '张三', id: '11010219781027232X' },
  { name: '欧阳娜娜', id: '11010219781027232X' },
];

test.use({ viewport: { width: 1366, height: 768 } });

const tabs = (count: number): string[] => Array.from({ length: count }, () => 'Tab');

/** The browser's print dialog cannot be answered headless: the test counts the app's requests to print. */
async function countPrints(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printRequests = String(Number(document.body.dataset.printRequests ?? '0') + 1);
    };
  });
}

/** The prints of receipts the backend recorded in its audit log: in browser mode, only as requested. */
function receiptPrints(dataDir: string): { target: string }[] {
  const db = new DatabaseSync(join(dataDir, 'tongban.sqlite'), { readOnly: true });
  try {
    return db
      .prepare(`SELECT target FROM audit_log WHERE action = 'case.print_requested' AND detail LIKE '%"receipt"%'`)
      .all() as { target: string }[];
  } finally {
    db.close();
  }
}

/** From the matter search to the materials step of a KST-SI-004 intake for `applicant`. */
async function toMaterials(page: Page, applicant: { name: string; id: string }): Promise<void> {
  await expectFocused(page, 'matter-search');
  await page.keyboard.type('si004');
  await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
  await press(page, 'Enter');
  await expectFocused(page, 'applicant-name');

  // Nothing typed: the message names the field.
  await press(page, 'Enter');
  await expect(page.getByTestId('step-problems')).toContainText('请填写“申请人姓名”。');
  await expectFocused(page, 'applicant-name');

  await page.keyboard.type(applicant.name);
  await press(page, 'Tab', 'Tab');
  await expectFocused(page, 'applicant-id-number');
  await page.keyboard.type(applicant.id);
  // Phone, address, talent green card number (its issuer waits for a number), agent, then the matter's own fields.
  await press(page, ...tabs(5));
  await expectFocused(page, 'field-transfer_out_region');
  await page.keyboard.type('广东省深圳市');
  await press(page, 'Tab');
  await expectFocused(page, 'field-transfer_in_region');
  await page.keyboard.type('湖北省黄冈市黄梅县');
  await press(page, 'Tab');
  await expectFocused(page, 'handling-region');
  await page.keyboard.type('421127');
  await press(page, 'ArrowDown');
  await expect(page.getByTestId('region-421127')).toHaveAttribute('aria-selected', 'true');
  await press(page, 'Enter');
  await expect(page.getByTestId('handling-region-chosen')).toContainText('421127');
  await press(page, 'Enter');

  // The materials step opens on the first material's outcome.
  await expect(page.getByTestId('materials-table')).toBeVisible();
  await expectFocused(page, page.getByTestId('material-id_card').getByRole('radio', { name: '未提交' }));
}

/**
 * On the review: Alt+P records that the applicant read the privacy notice, Ctrl+Enter submits, Enter prints
 * the receipt, and closing it leads to the next applicant.
 */
async function submitAndPrint(page: Page, dataDir: string, close: 'Enter' | 'Escape', printsBefore: number) {
  await expectFocused(page, 'submit-intake');
  await press(page, 'Alt+KeyP');
  await expectFocused(page, 'submit-intake');
  await press(page, 'Control+Enter');
  const dialog = page.getByTestId('receipt-dialog');
  await expect(page.getByTestId('receipt')).toContainText('收件回执');
  const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
  await expect(page.getByTestId('receipt')).toContainText(caseNo);
  // 打印 has the focus, and every button is on the screen, the document scrolling above them.
  await expectFocused(page, 'receipt-print');
  for (const button of ['receipt-print', 'receipt-pdf', 'receipt-close']) {
    await expect(dialog.getByTestId(button)).toBeInViewport({ ratio: 1 });
  }

  await countPrints(page);
  await press(page, 'Enter');
  await expect(page.locator('body')).toHaveAttribute('data-print-requests', '1');
  await expect.poll(() => receiptPrints(dataDir).length).toBe(printsBefore + 1);
  // After the print 关闭 has the focus: Enter closes; Escape does too.
  await expectFocused(page, 'receipt-close');
  await press(page, close);
  await expect(dialog).toBeHidden();
  await expectFocused(page, 'new-intake');
  return caseNo;
}

test('two applicants in a row, keyboard only: Ctrl+Enter, Enter prints, Alt+N for the next', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Two whole intakes on a busy 2-core machine.
  test.setTimeout(120_000);
  const files = mkdtempSync(join(tmpdir(), 'tongban-keyboard-scans-'));
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await logOut(page);
    writeFileSync(join(files, 'id-card.png'), png(120, 80, [200, 30, 30]));
    writeFileSync(join(files, 'form.pdf'), pdf('Transfer application form'));

    // From here on, only the keyboard.
    await watchForMouse(page);
    await page.goto(host.url);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    // The first applicant: the scan goes to the first received material by itself.
    await toMaterials(page, APPLICANTS[0]!);
    await press(page, 'Alt+KeyR', 'Enter');
    await expectFocused(page, 'scan-drop-zone');
    await press(page, 'Tab');
    await expectFocused(page, 'add-files');
    const chooser = page.waitForEvent('filechooser');
    await press(page, 'Enter');
    await (await chooser).setFiles(join(files, 'id-card.png'));
    await expect(page.getByTestId('scan-item')).toHaveCount(1);
    await expect(page.getByTestId('scan-material')).toContainText('居民身份证');
    await expectFocused(page, 'scan-drop-zone');
    // The materials received without a scan are named: a warning, since a paper original may be kept.
    const gaps = page.getByTestId('scan-gaps');
    await expect(gaps).toContainText('基本养老保险参保缴费凭证');
    await expect(gaps).toContainText('转移接续申请表');
    await expect(gaps).not.toContainText('居民身份证');
    await press(page, 'Enter');
    await expect(page.getByTestId('review')).toBeVisible();
    await expect(page.getByTestId('scan-gaps')).toContainText('提交即确认');
    const first = await submitAndPrint(page, host.dataDir, 'Enter', 0);

    // The next applicant with Alt+N; the draft is saved on the materials step, and the page reloaded.
    await press(page, 'Alt+KeyN');
    await expectFocused(page, 'matter-search');
    await toMaterials(page, APPLICANTS[1]!);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const result = await window.tongban!.request('drafts.list', {});
          return result.ok ? ((result.value[0]?.state as { step?: string } | undefined)?.step ?? null) : null;
        }),
      )
      .toBe('materials');
    await expectNoMouse(page);
    await page.reload();
    await expect(page.getByTestId('draft-restored')).toBeVisible();
    await expectFocused(page, page.getByTestId('material-id_card').getByRole('radio', { name: '未提交' }));
    await press(page, 'Alt+KeyR', 'Enter');
    await expectFocused(page, 'scan-drop-zone');

    // The scan, added with Alt+F, is taken for the ID card; the clerk assigns it to the form by keyboard.
    const second = page.waitForEvent('filechooser');
    await press(page, 'Alt+KeyF');
    await (await second).setFiles(join(files, 'form.pdf'));
    await expect(page.getByTestId('scan-material')).toContainText('居民身份证');
    await expectFocused(page, 'scan-drop-zone');
    await press(page, 'Tab', 'Tab');
    const assignment = page.getByRole('combobox', { name: '对应材料: form.pdf' });
    await expectFocused(page, assignment);
    await press(page, 'Enter', 'ArrowDown', 'ArrowDown', 'Enter');
    await expect(page.getByTestId('scan-material')).toContainText('转移接续申请表');
    await expectFocused(page, 'scan-drop-zone');
    await expect(page.getByTestId('scan-gaps')).toContainText('居民身份证');
    await press(page, 'Enter');
    await expect(page.getByTestId('review')).toBeVisible();
    const secondCase = await submitAndPrint(page, host.dataDir, 'Escape', 1);
    expect(secondCase).not.toBe(first);
    expect(new Set(receiptPrints(host.dataDir).map((p) => p.target)).size).toBe(2);

    // From the case list too: its tab reached by Shift+Tab, then Alt+N.
    const newTab = page.getByRole('tab', { name: '新收件' });
    // 打印回执, the case number's copy button, the consultation button, the one-time notices' two buttons,
    // then the active tab.
    await press(page, ...Array.from({ length: 6 }, () => 'Shift+Tab'));
    await expectFocused(page, newTab);
    await press(page, 'ArrowRight', 'Enter');
    await expectFocused(page, page.getByRole('tab', { name: '办件列表' }));
    await expect(page.getByTestId('cases-view')).toBeVisible();
    await press(page, 'Alt+KeyN');
    await expect(newTab).toHaveAttribute('aria-selected', 'true');
    await expectFocused(page, 'matter-search');
    await expectFocusNotLost(page);
    await expectNoMouse(page);
    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
});
