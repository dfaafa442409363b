// Two places, and a link that goes down and comes back. Intake window A (region 360430) in browser
// mode, and region 421127's real exchange server B as its own process. A case
// taken in while B is down waits at A; when B is back it arrives; B's
// acceptance desk decides, and A's case list and timeline change without a
// reload. A labour arbitration case shows its deadlines in calendar days. An
// applicant withdraws a case at A's window; B's desk pulls the withdrawal and
// can no longer accept the case.
// Then a third place, reached by routing: a 参保地 case for which the
// clerk picks 340826 (Susong), which has no server yet — it shows "no route
// yet" — until Susong's server C is added, and the case arrives there.
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { expect, test } from './browser-mode.ts';
import { addCalendarDays, calendarDaysBetween, SEED_CALENDAR } from '../../shared/catalog/calendar.ts';
import { localDay } from '../../shared/local-time.ts';
import { labourArbitration, pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { PARTNER_STORES, PartnerRegion } from './partner-region.ts';
import { ADMIN, createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = { username: 'clerk', displayName: '李受理', password: 'clerk-pass-1', roles: ['intake_clerk'] as Role[] };

async function openWorkspace(page: Page, label: string, testId: string): Promise<void> {
  await page.getByTestId('workspace-nav').getByText(label, { exact: true }).click();
  await expect(page.getByTestId(testId)).toBeVisible();
}

for (const store of PARTNER_STORES) {
  test(`a case taken in while the partner server (${store}) is down reaches it when it is back, and its 受理 comes back live`, async ({
    page,
    host,
    consoleErrors,
  }) => {
    // Backoff after a few failed tries can reach tens of seconds; the walk waits for the engine, not a button.
    test.setTimeout(200_000);
    const partner = await PartnerRegion.start(store);
    try {
      await setUpDevice(page, host.url);
      await createUser(page, CLERK);
      await openWorkspace(page, '同步', 'workspace-sync');
      // The invitation the partner's admin CLI printed: its address, a code and its key's fingerprint.
      await page.getByTestId('sync-add-invitation').fill(partner.invitation('intake', '360430'));
      await page.getByTestId('sync-add-name').fill('黄梅县交换服务器');
      await page.getByTestId('sync-add-submit').click();
      await expect(page.getByText('本机已在湖北省黄冈市黄梅县（421127）的服务器注册。')).toBeVisible();
      await logOut(page);

      // B goes down (kill -9); A takes a case in regardless.
      await partner.server.kill();
      await logInWithKeyboard(page, CLERK.username, CLERK.password);
      const { caseId, caseNo } = await submit(page, pensionTransfer());
      await openWorkspace(page, '同步', 'workspace-sync');
      const remote = page.getByTestId('sync-remote-421127');
      await expect(remote.getByTestId('sync-remote-state')).toHaveText('离线');
      await expect(remote.getByTestId('sync-remote-queue')).toHaveAttribute('data-count', '2');
      await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-queued', '2');

      await openWorkspace(page, '收件', 'workspace-intake');
      await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
      const row = page.getByTestId('case-row').filter({ hasText: caseNo });
      await expect(row).toContainText('待发送');
      await row.click();
      const detail = page.getByTestId('case-detail-body');
      await expect(detail.getByTestId('case-status')).toHaveText('已接件');
      const timeline = detail.getByTestId('case-timeline');
      await expect(timeline).toContainText('未同步');

      // B is back on the same data folder and port: the case arrives, and the open detail follows.
      await partner.server.start();
      await expect(timeline).not.toContainText('未同步', { timeout: 100_000 });
      await expect(timeline.getByText('已同步')).toHaveCount(2);
      await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-queued', '0');

      // B's acceptance desk takes the case on; A sees it without a reload.
      expect(await partner.accept(caseId, 'HM-2026-000001')).toMatchObject({ status: 'accepted' });
      await expect(detail.getByTestId('case-status')).toHaveText('已受理');
      await expect(timeline).toContainText('办理地受理');
      await expect(timeline).toContainText('办理地（后台审批）');
      await page.keyboard.press('Escape');
      await expect(row).toContainText('已受理');
      await expect(row).toContainText('已同步');

      // A labour-dispute arbitration application: its periods count calendar days, as 劳动争议调解仲裁法 says —
      // 5 days from receipt to decide on acceptance (art. 29), 45 from acceptance to the award (art. 43).
      // Today as the host (on this machine) counts its local days.
      const today = localDay(new Date());
      const labour = await submit(page, labourArbitration());
      await page.getByTestId('case-row').filter({ hasText: labour.caseNo }).click();
      const clock = detail.getByTestId('case-clock');
      await expect(clock).toHaveAttribute('data-unit', 'calendar_days');
      await expect(clock.getByTestId('clock-acceptance-decision')).toHaveText(
        `受理决定期限 ${addCalendarDays(today, 5, SEED_CALENDAR).date}`,
      );
      await expect(timeline.getByText('已同步')).toHaveCount(2);
      expect(await partner.accept(labour.caseId, 'HM-LAB-2026-000001')).toMatchObject({ status: 'accepted' });
      await expect(detail.getByTestId('case-status')).toHaveText('已受理');
      const award = addCalendarDays(today, 45, SEED_CALENDAR).date;
      await expect(clock.getByTestId('clock-deadline')).toHaveText(
        `${award} · 剩余 ${calendarDaysBetween(today, award)} 日`,
      );
      await expect(clock.getByTestId('clock-acceptance-decision')).toHaveCount(0);
      await expect(clock).toContainText('按日历日计算，期满日遇休息日顺延');
      await expect(clock).not.toContainText('工作日');
      await page.keyboard.press('Escape');

      // 撤件 at A's window, at the applicant's request: the withdrawal goes to B, whose desk can decide nothing more.
      const withdrawn = await submit(page, pensionTransfer());
      await page.getByTestId('case-row').filter({ hasText: withdrawn.caseNo }).click();
      await expect(timeline.getByText('已同步')).toHaveCount(2);
      const modal = page.getByTestId('action-modal');
      await detail.getByTestId('action-case.withdrawn').click();
      // Typed once the form has opened (its first field focused): a value typed during the opening was seen lost.
      await expect(modal.getByRole('combobox')).toBeFocused();
      const reason = modal.getByTestId('action-reason');
      await reason.fill('申请人已在参保地办结，不再需要转移。');
      await expect(reason).toHaveValue('申请人已在参保地办结，不再需要转移。');
      await modal.getByTestId('action-submit').click();
      await expect(modal).toHaveCount(0);
      await expect(detail.getByTestId('case-status')).toHaveText('已撤件');
      await expect(timeline).toContainText('收件地窗口记录');
      await expect(timeline.getByText('已同步')).toHaveCount(3);
      const atDesk = await partner.pulledAtDesk(withdrawn.caseId);
      expect(atDesk.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked', 'case.withdrawn']);
      expect(atDesk.at(-1)).toMatchObject({
        actor: { role: 'intake_clerk' },
        payload: { reason: '申请人已在参保地办结，不再需要转移。', requestedBy: 'applicant', side: 'intake' },
      });
      expect(await partner.accept(withdrawn.caseId, 'HM-2026-000002')).toMatchObject({ status: 'refused' });
      await page.keyboard.press('Escape');

      // A third place, by routing: a 参保地 matter, the applicant insured at Susong (340826), which has no server yet.
      await page.getByTestId('workspace-intake').getByRole('tab', { name: '新收件' }).click();
      await page.getByTestId('matter-search').fill('si003');
      await expect(page.getByTestId('matter-KST-SI-003')).toBeVisible();
      await page.keyboard.press('Enter');
      await page.getByTestId('applicant-name').fill('欧阳娜娜');
      await page.getByTestId('applicant-id-number').fill('11010219781027232X');
      await page.getByTestId('field-pension_region').fill('安徽省安庆市宿松县');
      await page.getByTestId('handling-region').focus();
      await page.keyboard.type('ssx');
      await page.keyboard.press('ArrowDown');
      await expect(page.getByTestId('region-340826')).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('handling-region-chosen')).toContainText('安徽省安庆市宿松县（340826）');
      await expect(page.getByTestId('intake-no-route')).toContainText(
        '尚未配置安徽省安庆市宿松县（340826）的交换服务器',
      );
      await page.keyboard.press('Enter');
      await page.keyboard.press('Alt+KeyR');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('review-handling-region')).toHaveText('安徽省安庆市宿松县（340826）');
      await expect(page.getByTestId('intake-no-route')).toBeVisible();
      await page.keyboard.press('Alt+KeyP'); // the applicant read the privacy notice
      await page.keyboard.press('Control+Enter');
      const routedNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
      const routed = (await rpc(page, 'cases.list', { query: routedNo })).rows[0]!;
      expect(routed).toMatchObject({ handlingRegion: '340826', noRoute: true });
      await page.keyboard.press('Escape'); // the receipt

      await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
      const routedRow = page.getByTestId('case-row').filter({ hasText: routedNo });
      await expect(routedRow.getByTestId('case-no-route')).toHaveText('尚无路由');
      await routedRow.click();
      await expect(detail.getByTestId('case-no-route-detail')).toContainText('安徽省安庆市宿松县（340826）');
      await page.keyboard.press('Escape');

      await openWorkspace(page, '同步', 'workspace-sync');
      await expect(page.getByTestId('sync-no-route-340826')).toHaveText(
        '安徽省安庆市宿松县（340826）：1 件办件等待发送',
      );
      await logOut(page);

      // Susong's server C is added by the administrator: the waiting case leaves and arrives there.
      const third = await PartnerRegion.start(store, '340826');
      try {
        await logInWithKeyboard(page, ADMIN.username, ADMIN.password);
        await openWorkspace(page, '同步', 'workspace-sync');
        await page.getByTestId('sync-add-invitation').fill(third.invitation('intake', '360430'));
        await page.getByTestId('sync-add-name').fill('宿松县交换服务器');
        await page.getByTestId('sync-add-submit').click();
        await expect(page.getByText('本机已在安徽省安庆市宿松县（340826）的服务器注册。')).toBeVisible();
        await expect(page.getByTestId('sync-remote-340826').getByTestId('sync-remote-queue')).toHaveAttribute(
          'data-count',
          '0',
          { timeout: 30_000 },
        );
        await expect(page.getByTestId('sync-no-route')).toHaveCount(0);
        expect(await third.accept(routed.caseId, 'SS-2026-000001')).toMatchObject({ status: 'accepted' });
      } finally {
        await third.stop();
      }
      expect(consoleErrors).toEqual([]);
    } finally {
      await partner.stop();
    }
  });
}

// The result by post: the clerk takes a case in with the result to be posted to the applicant's address
// (a county chosen from the GB/T 2260 list, the street, a phone), the handling place concludes it and posts
// the result by EMS, and the intake window sees the waybill and where the paper is, the address still masked.
for (const store of PARTNER_STORES) {
  test(`a result posted by the handling place (${store}) shows its EMS waybill at the intake window`, async ({
    page,
    host,
    consoleErrors,
  }) => {
    test.setTimeout(120_000);
    const partner = await PartnerRegion.start(store);
    try {
      await setUpDevice(page, host.url);
      await createUser(page, CLERK);
      await openWorkspace(page, '同步', 'workspace-sync');
      await page.getByTestId('sync-add-invitation').fill(partner.invitation('intake', '360430'));
      await page.getByTestId('sync-add-name').fill('黄梅县交换服务器');
      await page.getByTestId('sync-add-submit').click();
      await expect(page.getByText('本机已在湖北省黄冈市黄梅县（421127）的服务器注册。')).toBeVisible();
      await logOut(page);
      await logInWithKeyboard(page, CLERK.username, CLERK.password);

      // The pension transfer, handled where the applicant transfers in (Huangmei), its result posted.
      await page.getByTestId('matter-search').fill('si004');
      await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
      await page.keyboard.press('Enter');
      await page.getByTestId('applicant-name').fill('欧阳娜娜');
      await page.getByTestId('applicant-id-number').fill('11010219781027232X');
      await page.getByTestId('field-transfer_out_region').fill('360430');
      await page.getByTestId('field-transfer_in_region').fill('421127');
      await page.getByTestId('handling-region').fill('421127');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('handling-region')).toHaveAttribute('data-value', '421127');

      await page.getByTestId('delivery-post').click();
      // Keyboard-first: the county by its pinyin initials, the first match chosen with Enter.
      await page.getByTestId('delivery-county').fill('pzx');
      await expect(page.locator('.ant-select-item-option').first()).toContainText('江西省九江市彭泽县（360430）');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('delivery-county')).toHaveAttribute('data-value', '360430');
      await page.getByTestId('delivery-phone').fill('1391234');
      await expect(page.getByTestId('delivery-phone-error')).toBeVisible();
      await page.getByTestId('delivery-phone').fill('13912340009');
      await expect(page.getByTestId('delivery-phone-error')).toHaveCount(0);
      // No street yet: the step says what a posted result needs, and stays.
      await page.getByTestId('delivery-street').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('step-problems')).toContainText('邮寄送达须填写街道、门牌等详细地址。');
      await page.getByTestId('delivery-street').fill('龙城镇滨江路 88 号 3 栋 402 室');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Alt+KeyR');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('review-delivery')).toHaveText(
        '邮寄送达（EMS）：江西省九江市彭泽县（360430） ••••，电话 139****0009',
      );
      await page.keyboard.press('Alt+KeyP'); // the applicant read the privacy notice
      await page.keyboard.press('Control+Enter');
      const receipt = page.getByTestId('receipt');
      await expect(receipt).toContainText('结果领取方式');
      await expect(receipt).toContainText('邮寄送达（EMS）：江西省九江市彭泽县（360430） ••••，电话 139****0009');
      await expect(receipt).not.toContainText('滨江路');
      const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
      const { caseId } = (await rpc(page, 'cases.list', { query: caseNo })).rows[0]!;
      await page.keyboard.press('Escape');

      await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
      await page.getByTestId('case-row').filter({ hasText: caseNo }).click();
      const detail = page.getByTestId('case-detail-body');
      const journey = detail.getByTestId('paper-journey');
      await expect(journey.getByTestId('paper-delivery')).toHaveText('邮寄送达（EMS）');
      await expect(journey.getByTestId('paper-originals')).toHaveText('待寄出至办理地');
      await expect(journey.getByTestId('paper-result')).toHaveText('尚未办结');
      await expect(journey.getByTestId('value-delivery-street')).toHaveText('••••');
      await expect(detail.getByTestId('case-timeline').getByText('已同步')).toHaveCount(2, { timeout: 60_000 });

      // Huangmei accepts, concludes and posts the result to the applicant by EMS.
      expect(await partner.accept(caseId, 'HM-2026-000301')).toMatchObject({ status: 'accepted' });
      expect(await partner.decide(caseId, 'case.concluded_approved', { resultDocuments: [] })).toMatchObject({
        status: 'accepted',
      });
      await expect(journey.getByTestId('paper-result')).toHaveText('已办结，待邮寄给申请人');
      const mailed = { carrier: 'EMS', waybillNo: 'EA123456785CN', mailedOn: localDay(new Date()), to: 'applicant' };
      expect(await partner.decide(caseId, 'case.result_mailed', mailed)).toMatchObject({ status: 'accepted' });

      // The window follows without a reload: the waybill, and the result on its way to the applicant.
      await expect(journey.getByTestId('paper-result')).toHaveText('已邮寄给申请人');
      await expect(journey.getByTestId('paper-waybill')).toHaveText('EMS 运单号 EA123456785CN');
      await expect(detail.getByTestId('case-timeline')).toContainText('EMS EA123456785CN');
      await journey.getByTestId('reveal-delivery-street').click();
      await expect(journey.getByTestId('value-delivery-street')).toHaveText('龙城镇滨江路 88 号 3 栋 402 室');
      expect(consoleErrors).toEqual([]);
    } finally {
      await partner.stop();
    }
  });
}
