// 排队号 and 个人信息处理告知 at the counter: a clerk, keyboard only, takes in
// two applicants, the first with a ticket typed (Alt+Q) and the time on it,
// the second with a ticket "scanned" (typed and Enter, as a keyboard-wedge
// reader does); submission waits for the privacy notice's acknowledgement
// (Alt+P); each receipt shows its ticket. Then the privacy notice slip is
// printed with the receipt in each of the applicant's languages and read back
// from its PDF: on its own sheet, saying what is collected, why, who receives
// it, how long it is kept and whom to ask.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import { expect, test } from './browser-mode.ts';
import { PRIVACY_SETTINGS, pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { expectFocused, expectNoMouse, press, watchForMouse } from './keyboard.ts';
import { CLERK } from './notice-desk.ts';
import { FULL_ID, MASKED_ID, openCase } from './notice-print.ts';
import { WALKS } from './notice-walks.ts';
import { NUMERIC_DATE, savePaper } from './paper.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

test.use({ viewport: { width: 1366, height: 768 } });

/** From the matter search to the review of a KST-SI-004 intake, keyboard only, every required material received. */
async function toReview(page: Page, name: string): Promise<void> {
  await expectFocused(page, 'matter-search');
  await page.keyboard.type('si004');
  await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
  await press(page, 'Enter');
  await expectFocused(page, 'applicant-name');
  await page.keyboard.type(name);
  await press(page, 'Tab', 'Tab');
  await expectFocused(page, 'applicant-id-number');
  await page.keyboard.type(FULL_ID);
  await press(page, 'Tab', 'Tab', 'Tab', 'Tab', 'Tab');
  await expectFocused(page, 'field-transfer_out_region');
  await page.keyboard.type('广东省深圳市');
  await press(page, 'Tab');
  await page.keyboard.type('湖北省黄冈市黄梅县');
  await press(page, 'Tab');
  await expectFocused(page, 'handling-region');
  await page.keyboard.type('421127');
  await press(page, 'ArrowDown', 'Enter');
  await expect(page.getByTestId('handling-region-chosen')).toContainText('421127');
  await press(page, 'Enter');
  await expect(page.getByTestId('materials-table')).toBeVisible();
  await press(page, 'Alt+KeyR', 'Enter');
  await expect(page.getByTestId('scan-drop-zone')).toBeVisible();
  await press(page, 'Enter');
  await expect(page.getByTestId('review')).toBeVisible();
}

/** On the review: refused until Alt+P, then submitted; the receipt shows the ticket. Returns the case number. */
async function acknowledgeAndSubmit(page: Page, ticket: string): Promise<string> {
  await press(page, 'Control+Enter');
  await expect(page.getByTestId('step-problems')).toContainText('申请人尚未确认已阅知个人信息处理告知（Alt+P）');
  await expect(page.getByTestId('submitted-case-no')).toBeHidden();
  await press(page, 'Alt+KeyP');
  await expect(page.getByTestId('privacy-ack')).toBeChecked();
  await expect(page.getByTestId('privacy-ack-time')).toBeVisible();
  await press(page, 'Control+Enter');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('收件回执');
  await expect(receipt).toContainText(`排队号${ticket}`);
  await expect(receipt.getByTestId('privacy-notice')).toContainText('个人信息处理告知书');
  return (await page.getByTestId('submitted-case-no').innerText()).trim();
}

test('a ticket typed with its time, then one scanned: each on its receipt, after the privacy notice', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Two whole intakes by keyboard on a busy 2-core machine.
  test.setTimeout(150_000);
  await setUpDevice(page, host.url);
  await createUser(page, CLERK);
  await logOut(page);
  await watchForMouse(page);
  await page.goto(host.url);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);

  // Typed: Alt+Q from the matter search, the ticket, Tab, the time printed on it (midnight: never
  // later than now), Enter gives the keyboard back to the search.
  await expectFocused(page, 'matter-search');
  await press(page, 'Alt+KeyQ');
  await expectFocused(page, 'queue-ticket');
  await page.keyboard.type('a023');
  await expect(page.getByTestId('queue-ticket')).toHaveValue('A023');
  await press(page, 'Tab');
  await expectFocused(page, 'queue-ticket-time');
  await page.keyboard.type('0:00');
  await press(page, 'Enter');
  await expectFocused(page, 'matter-search');
  await toReview(page, '张三');
  const first = await acknowledgeAndSubmit(page, 'A023');
  await press(page, 'Escape');
  await expectFocused(page, 'new-intake');

  // Scanned: the reader types the ticket and Enter while the matter search has the focus after Alt+N,
  // Alt+Q: the ticket is in, the wizard has not moved on, and the keyboard is back on the search.
  await press(page, 'Alt+KeyN');
  await expectFocused(page, 'matter-search');
  await expect(page.getByTestId('queue-ticket')).toHaveValue('');
  await expect(page.getByTestId('privacy-ack')).not.toBeChecked();
  await press(page, 'Alt+KeyQ');
  await page.keyboard.type('B-107');
  await press(page, 'Enter');
  await expect(page.getByTestId('queue-ticket')).toHaveValue('B107');
  await expectFocused(page, 'matter-search');
  await toReview(page, '欧阳娜娜');
  const second = await acknowledgeAndSubmit(page, 'B107');
  expect(second).not.toBe(first);
  await press(page, 'Escape');

  // A ticket of the wrong shape is refused with what is expected, nothing taken in.
  await press(page, 'Alt+KeyN');
  await expectFocused(page, 'matter-search');
  await press(page, 'Alt+KeyQ');
  await page.keyboard.type('107B');
  await press(page, 'Enter');
  await toReview(page, '张三');
  await press(page, 'Alt+KeyP', 'Control+Enter');
  await expect(page.getByTestId('step-problems')).toContainText(
    '排队号“107B”格式不对：应为 1–3 个字母后接 1–5 位数字，如 A023。',
  );
  await expect(page.getByTestId('submitted-case-no')).toBeHidden();

  await expectNoMouse(page);
  expect(consoleErrors).toEqual([]);
});

const NOTICE = {
  'zh-CN': {
    ticket: '排队号',
    title: '个人信息处理告知书',
    law: '第十七条、第二十三条',
    retention: `自办结之日起${PRIVACY_SETTINGS.retentionYears}年`,
    rights: '查阅、复制、更正、补充',
    basis: '第十三条第一款第三项',
  },
  'zh-TW': {
    ticket: '排隊號',
    title: '個人信息處理告知書',
    law: '第十七條、第二十三條',
    retention: `自辦結之日起${PRIVACY_SETTINGS.retentionYears}年`,
    rights: '查閱、複製、更正、補充',
    basis: '第十三條第一款第三項',
  },
  en: {
    ticket: 'Queueticket',
    title: 'NoticeontheProcessingofPersonalInformation',
    law: 'Articles17and23',
    retention: `${PRIVACY_SETTINGS.retentionYears}yearsfromtheconclusion`,
    rights: 'access,copy,correctandcomplete',
    basis: 'Art.13(1)(3)',
  },
} as const;

test('the privacy notice slip, printed with the receipt and read back, in each of the three languages', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Three receipts printed to PDF and read back on 2 busy cores.
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-privacy-'));
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);
    for (const walk of WALKS) {
      const words = NOTICE[walk.language];
      const { caseNo } = await submit(page, {
        ...pensionTransfer(),
        language: walk.language,
        queueTicket: { number: 'C012' },
      });
      await openCase(page, '收件', '办件列表', caseNo);
      await page.getByTestId('case-receipt').click();
      await expect(page.getByTestId('receipt').getByTestId('privacy-notice')).toBeVisible();
      const paper = await savePaper(page, join(dir, `receipt-${walk.language}.pdf`));
      await page.getByTestId('receipt-close').click();
      await expect(page.getByTestId('receipt-dialog')).toBeHidden();

      // The receipt on its sheet with the ticket; the notice on a sheet of its own.
      const notice = paper.pages.findIndex((text) => text.includes(words.title));
      expect(notice, paper.text).toBeGreaterThan(0);
      expect(paper.pages[0]).toContain(caseNo);
      expect(paper.pages[0]).toContain(`${words.ticket}C012`);
      expect(paper.pages[0]).not.toContain(words.title);
      const slip = paper.pages.slice(notice).join('');
      expect(slip).toContain(PRIVACY_NOTICE_VERSION);
      expect(slip).toContain(words.law);
      expect(slip).toContain(words.basis);
      // Who handles it and whom to ask, what for, who receives it, how long, the rights.
      expect(slip).toContain('彭泽县政务服务中心');
      expect(slip).toContain(PRIVACY_SETTINGS.contact.replace(/\s+/g, ''));
      expect(slip).toContain(walk.matter.replace(/\s+/g, ''));
      expect(slip).toContain(walk.authority[0]!.replace(/\s+/g, ''));
      expect(slip).toContain(words.retention);
      expect(slip).toContain(words.rights);
      // Personal data masked, and dates as official papers write them.
      expect(paper.text).toContain(MASKED_ID);
      expect(paper.text).not.toContain(FULL_ID);
      expect(paper.text).not.toMatch(NUMERIC_DATE);
    }
    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the administrator sets the notice: a bad period or contact is named, nothing saved; then it is', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await page.getByTestId('workspace-nav').getByText('设置', { exact: true }).click();
  await page.getByTestId('settings-tab-device').click();
  const card = page.getByTestId('privacy-card');
  await expect(card.getByTestId('privacy-retention')).toHaveValue(String(PRIVACY_SETTINGS.retentionYears));

  await card.getByTestId('privacy-retention').fill('0');
  await card.getByTestId('privacy-save').click();
  await expect(card.getByTestId('privacy-error')).toHaveText('保存期限应为 1 至 100 的整数年。');
  await card.getByTestId('privacy-retention').fill('15');
  await card.getByTestId('privacy-contact').fill('电话');
  await card.getByTestId('privacy-save').click();
  await expect(card.getByTestId('privacy-error')).toHaveText(
    '咨询联系方式应为 5 至 200 个字符，如电话号码、地址或电子邮箱。',
  );
  expect(await rpc(page, 'privacy.settings', {})).toEqual(PRIVACY_SETTINGS);

  await card.getByTestId('privacy-contact').fill('彭泽县政务服务中心一楼 0792-7654321');
  await card.getByTestId('privacy-save').click();
  await expect(page.getByText('已保存。')).toBeVisible();
  await expect(card.getByTestId('privacy-error')).toBeHidden();
  expect(await rpc(page, 'privacy.settings', {})).toEqual({
    retentionYears: 15,
    contact: '彭泽县政务服务中心一楼 0792-7654321',
  });
  expect(consoleErrors).toEqual([]);
});
