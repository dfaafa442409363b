// The supervisor's day end to end: a supervisor reviews a day of 30 cases, some of them
// long overdue, exports the ledger to xlsx (read back with exceljs and
// compared with the screen, its title row and print settings checked),
// prints it to PDF (read back: landscape, titled, numbered, signed),
// compares the statistics' charts with their tables, closes the day, and
// then sees an event of the closed day that was edited in the database file.
//
// The overdue cases are taken in by the real app 100 days ago: the same data
// folder is first served by a browser-mode host whose clock libfaketime sets
// back, then by one at today's time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { settled } from './antd.ts';
import { expect, startHostOn, test } from './browser-mode.ts';
import { pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { isLandscapeA4, NUMERIC_DATE, officialToday, savePaper } from './paper.ts';
import { createUser, logInWithKeyboard, logOut, PENGZE_WINDOW, setUpDevice } from './session.ts';

const CLERK = { username: 'clerk', displayName: '李受理', password: 'clerk-pass-1', roles: ['intake_clerk'] as Role[] };
const SUPERVISOR = {
  username: 'boss',
  displayName: '赵主管',
  password: 'boss-pass-1',
  roles: ['supervisor'] as Role[],
};
const OVERDUE = 4;
const TODAY = 26;

/** A resident ID of Beijing Xicheng born in 1980, with its MOD 11-2 check character. */
function residentId(sequence: number): string {
  const body = `11010219800101${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const applicant = (n: number) => ({
  name: `${SURNAMES[n % SURNAMES.length]!}${['建国', '秀英', '志强', '丽娟'][n % 4]!}`,
  idKind: 'resident_id' as const,
  idNumber: residentId(100 + n),
});

async function logIn(page: Page, url: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await logInWithKeyboard(page, user.username, user.password);
}

test('a supervisor reviews a day with overdue cases, exports it to xlsx, closes it and sees an edited event', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(360_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-supervisor-'));
  let host = await startHostOn(dataDir, '-100d');
  try {
    // 100 days ago: the window is set up and four pension transfers (45 working days promised) come in.
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await createUser(page, SUPERVISOR);
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);
    const overdue: { caseId: string; caseNo: string }[] = [];
    for (let n = 0; n < OVERDUE; n++) overdue.push(await submit(page, pensionTransfer(applicant(n))));
    // The page leaves first, so it does not try to reconnect to the stopped host.
    await page.goto('about:blank');
    await host.stop();

    // Today: 26 new cases, and the applicants of the four old ones call to chase them (a note on each).
    host = await startHostOn(dataDir);
    await logIn(page, host.url, CLERK);
    const fresh: { caseId: string; caseNo: string }[] = [];
    for (let n = 0; n < TODAY; n++) fresh.push(await submit(page, pensionTransfer(applicant(OVERDUE + n))));
    for (const { caseId } of overdue) {
      await rpc(page, 'cases.record', { caseId, type: 'case.note_added', payload: { text: '申请人来电催办' } });
    }
    await logOut(page);
    await logInWithKeyboard(page, SUPERVISOR.username, SUPERVISOR.password);

    // The ledger: all 30, the old four marked overdue, everything masked.
    await page.getByTestId('workspace-nav').getByText('台账', { exact: true }).click();
    const ledger = page.getByTestId('ledger-table');
    await expect(ledger.getByTestId('ledger-row')).toHaveCount(OVERDUE + TODAY);
    for (const { caseNo } of overdue) {
      const row = ledger.locator(`[data-case-no="${caseNo}"]`);
      await expect(row).toContainText('超期');
      await expect(row.getByTestId('ledger-activity')).toHaveCount(1);
    }
    await expect(ledger).not.toContainText(applicant(0).idNumber);

    // The warnings: the four overdue cases are red, and counted on the workspace's tab.
    await page.getByTestId('supervisor-tab-warnings').click();
    const red = page.getByTestId('warnings-group-deadline_red');
    for (const { caseNo } of overdue) await expect(red).toContainText(caseNo);
    await expect(page.getByTestId('warnings-count-deadline_red')).toContainText(String(OVERDUE));

    // The export: the xlsx read back holds what the screen shows, row for row.
    await page.getByTestId('supervisor-tab-ledger').click();
    const screen = await ledger.getByTestId('ledger-row').evaluateAll((rows) =>
      rows.map((row) => ({
        caseNo: row.getAttribute('data-case-no'),
        name: row.querySelector('[data-testid="ledger-applicant-name"]')?.textContent?.trim(),
        id: row.querySelector('[data-testid="ledger-applicant-id"]')?.textContent?.trim(),
      })),
    );
    const downloading = page.waitForEvent('download');
    await page.getByTestId('ledger-export-xlsx').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^ledger-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0]!;
    const today = officialToday('zh-CN');
    expect(sheet.getCell('A1').value).toBe(`${PENGZE_WINDOW.hall}通办窗口台账（${today}）· 个人信息已脱敏`);
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['办件编号', '申请人', '证件号码']));
    // Title and header frozen; printed landscape, one page wide, both rows on every page.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      printTitlesRow: '1:2',
    });
    const exported: { caseNo: unknown; name: unknown; id: unknown }[] = [];
    sheet.eachRow((row, number) => {
      if (number > 2)
        exported.push({ caseNo: row.getCell(1).value, name: row.getCell(4).value, id: row.getCell(5).value });
    });
    expect(exported.map((r) => r.caseNo).sort()).toEqual(screen.map((r) => r.caseNo).sort());
    for (const row of screen) expect(exported).toContainEqual(row);

    // The printed ledger, as "Save as PDF" makes it: landscape A4, titled with the hall and the day, every
    // page numbered 第 n 页 共 N 页, the signature lines at its end, and no numeric date anywhere.
    await page.getByTestId('ledger-print-open').click();
    await expect(page.getByTestId('ledger-document')).toContainText(today);
    const paper = await savePaper(page, join(dataDir, 'ledger.pdf'));
    expect(paper.pages.length).toBeGreaterThan(1);
    expect(paper.sizes).toHaveLength(paper.pages.length);
    expect(paper.sizes.every(isLandscapeA4)).toBe(true);
    paper.pages.forEach((text, index) => expect(text).toContain(`第${index + 1}页共${paper.pages.length}页`));
    expect(paper.pages[0]).toContain(`${PENGZE_WINDOW.hall}通办窗口台账`);
    expect(paper.pages[0]).toContain(`台账日期：${today}`);
    expect(paper.pages.at(-1)).toMatch(/制表人：.*审核人：/);
    for (const { caseNo } of screen) expect(paper.text).toContain(caseNo!);
    expect(paper.text).not.toMatch(NUMERIC_DATE);
    await page.getByTestId('ledger-dialog').getByRole('button', { name: '关闭' }).click();
    await expect(page.getByTestId('ledger-document')).toBeHidden();

    // The statistics (this month: the old four were received before it): the chart draws what the table lists.
    await page.getByTestId('supervisor-tab-stats').click();
    const tableRows = await page
      .getByTestId('stats-row-by-matter')
      .evaluateAll((rows) =>
        rows.map((row) => ({ key: row.getAttribute('data-key'), count: row.getAttribute('data-count') })),
      );
    expect(tableRows).toEqual([{ key: 'KST-SI-004', count: String(TODAY) }]);
    const chart = page.getByTestId('chart-by-matter');
    const drawn = JSON.parse((await chart.getAttribute('data-values'))!) as { key: string; value: number }[];
    expect(drawn.map((d) => ({ key: d.key, count: String(d.value) }))).toEqual(tableRows);
    // And the SVG ECharts drew carries the value as its bar label.
    await expect(chart.locator('svg text', { hasText: new RegExp(`^${TODAY}$`) })).toHaveCount(1);

    // The day close: every open warning answered, the day signed, intact.
    await page.getByTestId('supervisor-tab-close').click();
    const comments = page.locator('[data-testid^="close-comment-"]');
    await expect(comments.first()).toBeVisible();
    for (const field of await comments.all()) await field.fill('已电话联系申请人，办理地已催办');
    await page.getByTestId('close-sign').click();
    const confirm = page.getByTestId('close-sign-confirm');
    await settled(page.locator('.ant-popconfirm', { has: confirm }));
    await confirm.click();
    await expect(page.getByTestId('close-intact').first()).toBeVisible();
    await expect(page.getByTestId('close-tampered')).toHaveCount(0);

    // Someone with the database file edits one of the day's events.
    const edited = overdue[0]!;
    const db = new DatabaseSync(join(dataDir, 'tongban.sqlite'));
    try {
      const changed = db
        .prepare(
          `UPDATE case_events SET occurred_at = '2020-01-01T00:00:00.000Z'
           WHERE case_id = ? AND type = 'case.note_added'`,
        )
        .run(edited.caseId);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    await page.getByTestId('supervisor-tab-ledger').click();
    await page.getByTestId('supervisor-tab-close').click();
    const tampered = page.getByTestId('close-tampered');
    await expect(tampered).toBeVisible();
    await expect(tampered).toContainText(edited.caseNo);
    await expect(page.getByTestId('supervisor-tampered')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
