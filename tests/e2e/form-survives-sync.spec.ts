// A pulled change never takes a form away: Huangmei's acceptance desk has a
// case from Pengze's intake window (a signed test device at region 421127's
// real exchange server) open, with the 受理 form half filled, when the window
// sends a note. The detail reloads under the form; the form stays with what
// was typed, names the change, confirms on the first submit and sends on the
// second. A reload that gets no answer (the backend too busy to reply in
// time, here its requests held back on the way) leaves the case and the form
// on screen, and a click on 受理 while a change arrives opens the form. The
// same holds at the intake window: the clerk's form for mailing the originals
// stays open while the handling place's note arrives.
import type { Locator, Page, WebSocketRoute } from '@playwright/test';
import { decision, type TestDevice } from '../support/server.ts';
import { chooseOption, settled } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { addPartnerRemote, CLERK, intakeCase, OFFICER, pushed, setUpDesk } from './notice-desk.ts';
import { caseAt, openCase } from './notice-print.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

/** The window's note on the case, as its clerk sends it. */
const note = (caseId: string, window: TestDevice, text: string) =>
  decision(caseId, window, 'case.note_added', 'intake_clerk', { text });

/**
 * Passes the page's RPC frames to the backend, except `cases.get` while
 * `hold.on`: those get no answer, and the page's own timeout ends them.
 */
function holdCaseReads(hold: { on: boolean }) {
  return (route: WebSocketRoute): void => {
    const backend = route.connectToServer();
    route.onMessage((frame) => {
      const request = typeof frame === 'string' ? (JSON.parse(frame) as { method?: string }) : {};
      if (!(hold.on && request.method === 'cases.get')) backend.send(frame);
    });
  };
}

async function openDesk(page: Page, url: string, partner: PartnerRegion) {
  await setUpDesk(page, url);
  await createUser(page, OFFICER);
  await addPartnerRemote(page, partner, 'acceptance', '421127');
  await logOut(page);
  await logInWithKeyboard(page, OFFICER.username, OFFICER.password);
  const window = await partner.enrol('intake', '360430', '彭泽县收件窗口');
  const made = intakeCase('zh-CN');
  await pushed(window, made.events);
  await caseAt(page, made.caseId, (d) => d.row.origin === 'inbox');
  const { caseNo } = (await rpc(page, 'cases.get', { caseId: made.caseId })).row;
  const detail = await openCase(page, '受理', null, caseNo);
  return { window, caseId: made.caseId, detail };
}

/** Two submits after a change: the first only confirms, the second records the form's event. */
async function confirmThenSend(page: Page, caseId: string, modal: Locator, type = 'case.accepted'): Promise<void> {
  const changed = modal.getByTestId('action-case-changed');
  await expect(changed).toHaveAttribute('data-confirmed', 'no');
  await modal.getByTestId('action-submit').click();
  await expect(changed).toHaveAttribute('data-confirmed', 'yes');
  await expect(modal.getByTestId('action-submit')).toBeVisible();
  expect((await rpc(page, 'cases.get', { caseId })).timeline.map((e) => e.type)).not.toContain(type);
  await modal.getByTestId('action-submit').click();
  await expect(modal).toHaveCount(0);
  await caseAt(page, caseId, (d) => d.timeline.some((e) => e.type === type));
}

test('an open 受理 form survives a pulled change, names it, and sends on the second submit', async ({
  page,
  host,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  const partner = await PartnerRegion.start('sqlite');
  try {
    const { window, caseId, detail } = await openDesk(page, host.url, partner);
    // The note box's draft, below the form, is kept too.
    await detail.getByTestId('case-note-input').fill('已电话联系申请人');
    await detail.getByTestId('action-case.accepted').click();
    const modal = page.getByTestId('action-modal');
    await modal.getByTestId('action-acceptanceNo').fill('HM-RS-2026-000777');
    await expect(modal.getByTestId('action-case-changed')).toHaveCount(0);

    await pushed(window, [note(caseId, window, '请核对缴费年限。')]);
    await expect(detail.getByTestId('case-notes')).toContainText('请核对缴费年限。');
    await expect(modal.getByTestId('action-acceptanceNo')).toHaveValue('HM-RS-2026-000777');
    await expect(modal.getByTestId('action-case-changed')).toContainText('打开本表单后，本件有了新情况：协同留言。');

    await confirmThenSend(page, caseId, modal);
    await expect(detail.getByTestId('case-status')).toHaveText('已受理');
    await expect(detail.getByTestId('case-timeline')).toContainText('HM-RS-2026-000777');
    await expect(detail.getByTestId('case-note-input')).toHaveValue('已电话联系申请人');
    expect(consoleErrors).toEqual([]);
  } finally {
    await partner.stop();
  }
});

test('a click on 受理 as a change arrives opens the form, and a reload without answer keeps it', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const hold = { on: false };
  await page.routeWebSocket(/.*/, holdCaseReads(hold));
  const partner = await PartnerRegion.start('sqlite');
  try {
    const { window, caseId, detail } = await openDesk(page, host.url, partner);
    const modal = page.getByTestId('action-modal');
    const [, first] = await Promise.all([
      detail.getByTestId('action-case.accepted').click(),
      pushed(window, [note(caseId, window, '第一条留言。')]),
    ]);
    expect(first.map((r) => r.status)).toEqual(['accepted']);
    await expect(detail.getByTestId('case-notes')).toContainText('第一条留言。');
    await expect(modal.getByTestId('action-acceptanceNo')).toBeVisible();
    await modal.getByTestId('action-acceptanceNo').fill('HM-RS-2026-000778');

    // The backend does not answer the reload this change causes: the case stays as last read, and says so.
    hold.on = true;
    await pushed(window, [note(caseId, window, '第二条留言。')]);
    await expect(detail.getByTestId('case-detail-stale')).toContainText('后台未及时响应', { timeout: 45_000 });
    await expect(detail.getByTestId('case-notes')).not.toContainText('第二条留言。');
    await expect(modal.getByTestId('action-acceptanceNo')).toHaveValue('HM-RS-2026-000778');

    // Answered again, the next change brings the case up to date under the form.
    hold.on = false;
    await pushed(window, [note(caseId, window, '第三条留言。')]);
    await expect(detail.getByTestId('case-notes')).toContainText('第三条留言。');
    await expect(detail.getByTestId('case-detail-stale')).toHaveCount(0);
    await expect(modal.getByTestId('action-acceptanceNo')).toHaveValue('HM-RS-2026-000778');
    await confirmThenSend(page, caseId, modal);
  } finally {
    await partner.stop();
  }
});

test('the intake clerk’s open form survives the handling place’s note and sends on the second submit', async ({
  page,
  host,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  const partner = await PartnerRegion.start('sqlite');
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await addPartnerRemote(page, partner, 'intake', '360430');
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);
    const { caseId, caseNo } = await submit(page, pensionTransfer());
    const desk = await partner.enrol('acceptance', '421127', '黄梅县受理台');

    const detail = await openCase(page, '收件', '办件列表', caseNo);
    await detail.getByTestId('action-case.originals_dispatched').click();
    const modal = page.getByTestId('action-modal');
    await settled(modal.locator('.ant-modal'));
    await expect(modal.locator(':focus')).toHaveCount(1);
    await modal.getByTestId('action-carrier').fill('EMS');
    await modal.getByTestId('action-waybillNo').fill('1180000000009');
    await chooseOption(page, modal.getByTestId('action-materialIds'), '参保缴费凭证');
    // The list of materials stays open for more; a click on the title closes it.
    await modal.locator('.ant-modal-title').click();
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);

    // The handling place writes once the case has reached its server.
    await expect
      .poll(async () => {
        const [result] = await desk.push([
          decision(caseId, desk, 'case.note_added', 'handling_officer', { text: '原件请用 EMS 寄送。' }),
        ]);
        return result!.status;
      })
      .toBe('accepted');
    await expect(detail.getByTestId('case-notes')).toContainText('原件请用 EMS 寄送。');
    await expect(modal.getByTestId('action-carrier')).toHaveValue('EMS');
    await expect(modal.getByTestId('action-waybillNo')).toHaveValue('1180000000009');
    await expect(modal.getByTestId('action-case-changed')).toContainText('协同留言');

    await confirmThenSend(page, caseId, modal, 'case.originals_dispatched');
    await expect(detail.getByTestId('case-timeline')).toContainText('EMS 1180000000009');
    expect(consoleErrors).toEqual([]);
  } finally {
    await partner.stop();
  }
});
