// Huangmei's acceptance desk, as its officer sees a labour-dispute
// arbitration application arrive from Pengze's window (a signed test device)
// at region 421127's real exchange server: the five-day correction mark while
// nothing is decided, an extension whose new last day shows before it is sent
// and is refused beyond the law's limit, and a withdrawal recorded here at the
// applicant's request.
import { addCalendarDays, addWorkingDays, SEED_CALENDAR } from '../../shared/catalog/calendar.ts';
import { localDay } from '../../shared/local-time.ts';
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { addPartnerRemote, intakeCase, OFFICER, pushed, setUpDesk } from './notice-desk.ts';
import { caseAt, openCase } from './notice-print.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut } from './session.ts';

test('the officer sees the correction mark, previews an extension and records a withdrawal', async ({
  page,
  host,
  consoleErrors,
}) => {
  test.setTimeout(200_000);
  const partner = await PartnerRegion.start('sqlite');
  try {
    await setUpDesk(page, host.url);
    await createUser(page, OFFICER);
    await addPartnerRemote(page, partner, 'acceptance', '421127');
    await logOut(page);
    await logInWithKeyboard(page, OFFICER.username, OFFICER.password);

    const window = await partner.enrol('intake', '360430', '彭泽县收件窗口');
    const labour = intakeCase('zh-CN', 'KST-LAB-002');
    await pushed(window, labour.events);
    const { caseId } = labour;
    const arrived = await caseAt(page, caseId, (d) => d.row.origin === 'inbox');
    // Received today (the window's day, as the host counts it): the notice is due five working days on.
    const today = localDay(new Date());
    const markDay = addWorkingDays(today, 5, SEED_CALENDAR).date;

    let detail = await openCase(page, '受理', null, arrived.row.caseNo);
    const mark = detail.getByTestId('correction-mark');
    await expect(mark).toHaveAttribute('data-state', 'counting');
    await expect(mark).toContainText(`收件后第 0 个工作日；如需补正，最迟于 ${markDay} 一次性告知`);
    await expect(detail.getByTestId('deemed-accepted')).toHaveCount(0);

    await rpc(page, 'cases.record', {
      caseId,
      type: 'case.accepted',
      payload: { acceptanceNo: '黄劳人仲案字〔2026〕7号' },
    });
    await expect(mark).toHaveCount(0);

    // 延期: 45 calendar days to the award from today's acceptance, extendable once by at most 15.
    const modal = page.getByTestId('action-modal');
    await detail.getByTestId('action-case.deadline_extended').click();
    await expect(modal.getByTestId('action-count')).toBeFocused();
    const preview = modal.getByTestId('extension-preview');
    await expect(preview).toHaveText('填写延长期限后，这里显示延长后的期满日。');
    await modal.getByTestId('action-count').fill('10');
    const extended = addCalendarDays(today, 55, SEED_CALENDAR).date;
    await expect(preview).toHaveText(`延长后的法定期限：${extended}`);
    await modal.getByTestId('action-count').fill('16');
    await expect(preview).toHaveText('延长期限超过法律允许的上限：最多延长 15 日。');
    await modal.getByTestId('action-reason').fill('案情复杂，需要调取证据。');
    await modal.getByTestId('action-legalBasis').fill('劳动争议调解仲裁法第四十三条，经仲裁委员会主任批准');
    await modal.getByTestId('action-submit').click();
    // Beyond the limit the backend refuses, saying the limit, and the form stays open with what was typed.
    await expect(modal.getByTestId('action-error')).toHaveText('延长期限超过法律允许的上限：最多延长 15 日。');
    await modal.getByTestId('action-count').fill('10');
    await expect(preview).toHaveText(`延长后的法定期限：${extended}`);
    await modal.getByTestId('action-submit').click();
    await expect(modal).toHaveCount(0);
    await expect(detail.getByTestId('case-clock').getByTestId('clock-deadline')).toContainText(extended);
    await expect(detail.getByTestId('action-case.deadline_extended')).toHaveCount(0);

    // 撤件 at the handling place: the applicant asked here; the case ends and the window hears of it.
    await detail.getByTestId('action-case.withdrawn').click();
    await expect(modal.getByRole('combobox')).toBeFocused();
    await modal.getByTestId('action-reason').fill('申请人与用人单位已和解，撤回仲裁申请。');
    await expect(modal.getByTestId('action-reason')).toHaveValue('申请人与用人单位已和解，撤回仲裁申请。');
    await modal.getByTestId('action-submit').click();
    await expect(modal).toHaveCount(0);
    detail = page.getByTestId('case-detail-body');
    await expect(detail.getByTestId('case-status')).toHaveText('已撤件');
    await expect(detail.getByTestId('case-timeline')).toContainText('办理地记录');
    await expect
      .poll(async () => (await window.pull(0)).events.filter((e) => e.caseId === caseId).map((e) => e.type))
      .toContain('case.withdrawn');
    expect(consoleErrors).toEqual([]);
  } finally {
    await partner.stop();
  }
});
