// Two regions end to end in browser mode, the whole way back from the handling place. Intake desk A
// (360430) and acceptance desk B (421127) are two browser-mode hosts; region
// 421127's exchange server is a real process between them. Correction
// requested at B → supplied at A → accepted → concluded with a result
// document → mailed to A → collected at A with a signature and an
// evaluation; both timelines carry every step, and the network between them
// is cut (the server killed) and restored twice along the way.
import { expect as baseExpect, type Browser, type Locator, type Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { chooseOption, settled } from './antd.ts';
import { expect, startSecondHost, test } from './browser-mode.ts';
import { png } from './files.ts';
import { pensionTransfer, submit } from './intake-rpc.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = {
  username: 'clerk',
  displayName: '李受理',
  password: 'clerk-pass-1',
  roles: ['intake_clerk', 'result_desk'] as Role[],
};
const OFFICER = {
  username: 'officer',
  displayName: '陈审批',
  password: 'officer-pass-1',
  roles: ['handling_officer'] as Role[],
};
const HUANGMEI_DESK = { name: '黄梅县受理台', region: '421127', hall: '黄梅县政务服务中心', window: '01' };
/** After the server comes back, the engine's backoff decides when a place notices. */
const ACROSS = { timeout: 90_000 };

async function enroll(page: Page, invitation: string): Promise<void> {
  await page.getByTestId('workspace-nav').getByText('同步', { exact: true }).click();
  await page.getByTestId('sync-add-invitation').fill(invitation);
  await page.getByTestId('sync-add-name').fill('黄梅县交换服务器');
  await page.getByTestId('sync-add-submit').click();
  await expect(page.getByText('本机已在湖北省黄冈市黄梅县（421127）的服务器注册。')).toBeVisible();
}

async function openCase(page: Page, workspace: string, tab: string | null, caseNo: string): Promise<Locator> {
  await page.getByTestId('workspace-nav').getByText(workspace, { exact: true }).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
  const row = page.getByTestId('case-row').filter({ hasText: caseNo });
  await expect(row).toBeVisible(ACROSS);
  await row.click();
  return page.getByTestId('case-detail-body');
}

async function act(page: Page, type: string, fill: (modal: Locator) => Promise<void>): Promise<void> {
  const modal = page.getByTestId('action-modal');
  await page.getByTestId(`action-${type}`).click();
  // The form puts the focus on its first field once its opening motion ends: typed before, a later field's
  // text would land in the first.
  await settled(modal.locator('.ant-modal'));
  await expect(modal.locator(':focus')).toHaveCount(1);
  await fill(modal);
  const submit = modal.getByTestId('action-submit');
  await submit.click();
  // A change the other place made while the form was open is named first: the next submit sends.
  const confirmed = modal.locator('[data-testid="action-case-changed"][data-confirmed="yes"]');
  const state = async (): Promise<string> =>
    (await modal.count()) === 0 ? 'sent' : (await confirmed.count()) > 0 ? 'confirmed' : 'sending';
  await expect.poll(state).not.toBe('sending');
  if ((await state()) === 'confirmed') await submit.click();
  await expect(modal).toHaveCount(0);
}

async function newPlace(browser: Browser): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  return { page: await context.newPage(), close: () => context.close() };
}

test('two regions: correction, acceptance, conclusion and pickup at the intake window, through two cuts', async ({
  page,
  host,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(300_000);
  const partner = await PartnerRegion.start('sqlite');
  const deskHost = await startSecondHost();
  const desk = await newPlace(browser);
  try {
    // A: the intake window, enrolled as an intake window of 360430.
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await enroll(page, partner.invitation('intake', '360430'));
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    // B: the acceptance desk of 421127.
    const b = desk.page;
    await setUpDevice(b, deskHost.url, HUANGMEI_DESK);
    await createUser(b, OFFICER);
    await enroll(b, partner.invitation('acceptance', '421127'));
    await logOut(b);
    await logInWithKeyboard(b, OFFICER.username, OFFICER.password);

    const { caseNo } = await submit(page, pensionTransfer());

    // B asks for a correction: one notice, every item, a deadline.
    let atB = await openCase(b, '受理', null, caseNo);
    await expect(atB.getByTestId('case-todo')).toContainText('待签收');
    await act(b, 'case.correction_requested', async (modal) => {
      await chooseOption(b, modal.getByTestId('action-item-material'), '参保缴费凭证');
      await modal.getByTestId('action-item-note').fill('缺少 2019 年度缴费记录，请补充。');
      await modal.getByTestId('action-deadline').fill('2099-12-31');
    });
    await expect(atB.getByTestId('case-status')).toHaveText('补正（开始）');

    // Cut 1: the server goes down before the request reaches A, and comes back.
    await partner.server.kill();
    await b.keyboard.press('Escape');
    await partner.server.start();

    let atA = await openCase(page, '收件', '办件列表', caseNo);
    await expect(atA.getByTestId('case-status')).toHaveText('补正（开始）', ACROSS);
    await expect(atA.getByTestId('case-todo')).toContainText('待补正');
    await expect(atA.getByTestId('case-timeline')).toContainText('缺少 2019 年度缴费记录，请补充。');
    await act(page, 'case.correction_supplied', async (modal) => {
      await chooseOption(page, modal.getByTestId('action-materialIds'), '参保缴费凭证');
      await modal
        .getByTestId('action-files')
        .setInputFiles({ name: '缴费凭证.png', mimeType: 'image/png', buffer: png(40, 30, [200, 180, 160]) });
    });
    await expect(atA.getByTestId('case-status')).toHaveText('补正（结束）');
    await page.keyboard.press('Escape');

    // B accepts, concludes with the result document, and mails it to the window.
    atB = await openCase(b, '受理', null, caseNo);
    await expect(atB.getByTestId('case-status')).toHaveText('补正（结束）', ACROSS);
    await act(b, 'case.accepted', (modal) => modal.getByTestId('action-acceptanceNo').fill('HM-RS-2026-000123'));
    await expect(atB.getByTestId('case-clock')).toHaveAttribute('data-state', 'running');
    await act(b, 'case.concluded_approved', async (modal) => {
      await modal
        .getByTestId('action-files')
        .setInputFiles({ name: '联系函.png', mimeType: 'image/png', buffer: png(40, 30, [20, 90, 160]) });
      await modal.getByTestId('action-documentTitle').fill('基本养老保险关系转移接续联系函');
    });
    // Cut 2: the server is down while B mails the result; it is sent when the server is back.
    await partner.server.kill();
    await act(b, 'case.result_mailed', async (modal) => {
      await modal.getByTestId('action-carrier').fill('EMS');
      // An S10 number with a wrong check digit: the form says which forms an EMS number has.
      await modal.getByTestId('action-waybillNo').fill('EA123456784CN');
      await expect(modal).toContainText('EMS 运单号格式有误：应为 13 位数字，或 2 位字母 + 8 位数字');
      await modal.getByTestId('action-waybillNo').fill('1180000000001');
      await expect(modal).not.toContainText('EMS 运单号格式有误');
      await modal.getByText('收件窗口（统一窗口出件）').click();
    });
    await expect(atB.getByTestId('case-status')).toHaveText('办结（通过）');
    await partner.server.start();

    // A: the result arrives and is collected with a signature; the applicant rates the service.
    atA = await openCase(page, '收件', '办件列表', caseNo);
    await expect(atA.getByTestId('case-timeline')).toContainText('结果寄出', ACROSS);
    await act(page, 'case.result_arrived', (modal) => modal.getByTestId('action-waybillNo').fill('1180000000001'));
    await expect(atA.getByTestId('case-todo')).toContainText('待领取');
    await act(page, 'case.result_collected', async (modal) => {
      await modal.getByTestId('action-collectorName').fill('欧阳娜娜');
      await modal.getByTestId('action-collectorId').fill('11010219781027232X');
      const pad = modal.getByTestId('signature-canvas');
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 40);
      await page.mouse.down();
      await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
      await page.mouse.move(box.x + 220, box.y + 30, { steps: 8 });
      await page.mouse.up();
    });
    await act(page, 'case.evaluated', async (modal) => {
      await modal.getByTestId('action-rating').locator('li').nth(4).click();
    });
    const steps = [
      '收件',
      '补正告知',
      '补正材料已提交',
      '办理地受理',
      '办结（通过）',
      '结果寄出',
      '结果到达窗口',
      '已出件',
      '好差评',
    ];
    for (const step of steps) await expect(atA.getByTestId('case-timeline')).toContainText(step);
    baseExpect(await atA.getByTestId('case-timeline').textContent()).not.toContain('11010219781027232X');

    // B's timeline has every step too, once A's last events are through.
    await b.keyboard.press('Escape');
    atB = await openCase(b, '受理', null, caseNo);
    for (const step of steps) await expect(atB.getByTestId('case-timeline')).toContainText(step, ACROSS);
    await expect(atB.getByTestId('case-timeline')).toContainText('110102********232X');
    expect(consoleErrors).toEqual([]);
  } finally {
    await desk.close();
    await deskHost.stop();
    await partner.stop();
  }
});
