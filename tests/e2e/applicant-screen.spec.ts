// The applicant's own screen, in browser mode: the clerk opens it for the
// intake in progress and the applicant pairs a second browser window by the
// code; the applicant sees what the clerk types, masked, acknowledges the
// privacy notice (the clerk's wizard takes the moment), calls the ID number
// wrong (the clerk is sent to that field), signs (the signed form joins the
// scans); the clerk submits, the applicant rates 非常不满意 — refused without a
// reason, then with one — and the case has the rating; the next applicant
// closes the page.
import type { Page } from '@playwright/test';
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { expectFocused, press } from './keyboard.ts';
import { CLERK } from './notice-desk.ts';
import { FULL_ID, MASKED_ID } from './notice-print.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

test.use({ viewport: { width: 1366, height: 768 } });

/** A KST-SI-004 intake typed up to its materials, every required one received. */
async function typeIntake(page: Page): Promise<void> {
  await page.getByTestId('matter-search').click();
  await page.keyboard.type('si004');
  await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
  await press(page, 'Enter');
  await expectFocused(page, 'applicant-name');
  await page.keyboard.type('张三');
  await page.getByTestId('applicant-id-number').fill(FULL_ID);
  await page.getByTestId('field-transfer_out_region').fill('广东省深圳市');
  await page.getByTestId('field-transfer_in_region').fill('湖北省黄冈市黄梅县');
  await page.getByTestId('handling-region').click();
  await page.keyboard.type('421127');
  await press(page, 'ArrowDown', 'Enter');
  await expect(page.getByTestId('handling-region-chosen')).toContainText('421127');
  await page.getByTestId('next-step').click();
  await expect(page.getByTestId('materials-table')).toBeVisible();
  await page.getByTestId('mark-all-required').click();
}

test('the applicant checks, acknowledges, points at a wrong field, signs and rates on a screen of their own', async ({
  page,
  host,
  browser,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);

  await page.getByTestId('applicant-screen-open').click();
  const code = (await page.getByTestId('applicant-screen-code').innerText()).trim();
  expect(code).toMatch(/^\d{6}$/);
  const address = await page.getByTestId('applicant-screen-url').getAttribute('data-url');
  expect(address).toBe(`${new URL(host.url).origin}/applicant.html`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
  try {
    const screen = await context.newPage();
    await screen.goto(address!);
    // A wrong code first: refused with what to do, and nothing paired.
    await screen.getByTestId('applicant-code').fill(code === '000000' ? '000001' : '000000');
    await screen.getByTestId('applicant-pair').click();
    await expect(screen.getByTestId('applicant-error')).toContainText('配对码不正确');
    await screen.getByTestId('applicant-code').fill(code);
    await screen.getByTestId('applicant-pair').click();
    await expect(page.getByTestId('applicant-screen-panel')).toContainText('申请人确认屏已连接');

    await typeIntake(page);
    await expect(screen.getByTestId('applicant-value-applicant.name')).toHaveText('张*');
    await expect(screen.getByTestId('applicant-value-applicant.idNumber')).toHaveText(MASKED_ID);
    await expect(screen.getByTestId('applicant-screen')).not.toContainText(FULL_ID);
    await expect(screen.getByTestId('applicant-received')).toContainText('身份证');

    // The notice names who receives the data at the handling place, as the printed slip does.
    await expect(screen.getByTestId('applicant-notice')).toContainText('黄梅县人力资源和社会保障局');
    await screen.getByTestId('applicant-acknowledge').click();
    await expect(screen.getByTestId('applicant-acknowledged')).toBeVisible();
    await expect(page.getByTestId('privacy-ack')).toBeChecked();

    // "This is wrong" on the ID number: the clerk's wizard goes back to it, says so and focuses it.
    await screen.getByTestId('applicant-wrong-applicant.idNumber').click();
    await expect(screen.getByTestId('applicant-flag-sent')).toContainText('申请人证件号码');
    await expect(page.getByTestId('applicant-screen-flagged')).toContainText('申请人指出“申请人证件号码”有误');
    await expectFocused(page, 'applicant-id-number');

    const canvas = screen.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await screen.mouse.move(box.x + 30, box.y + 40);
    await screen.mouse.down();
    await screen.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await screen.mouse.move(box.x + 220, box.y + 50, { steps: 8 });
    await screen.mouse.up();
    await screen.getByTestId('applicant-sign').click();
    await expect(screen.getByTestId('applicant-signed')).toBeVisible();
    await expect(page.getByTestId('applicant-screen-signed')).toContainText('签名已写入申请表');

    await page.getByTestId('next-step').click();
    await expect(page.getByTestId('materials-table')).toBeVisible();
    await page.getByTestId('next-step').click();
    // The signed application form is a scan of the intake.
    await expect(page.getByTestId('scan-drop-zone')).toBeVisible();
    await expect(page.getByText('申请表.png')).toBeVisible();
    await page.getByTestId('next-step').click();
    await page.getByTestId('submit-intake').click();
    const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();

    await expect(screen.getByTestId('applicant-submitted')).toContainText(caseNo);
    await screen.getByTestId('applicant-rating').getByText('非常不满意', { exact: true }).click();
    await screen.getByTestId('applicant-send-rating').click();
    await expect(screen.getByTestId('applicant-error')).toContainText('请写明原因');
    await screen.getByTestId('applicant-rating-reason').fill('等候时间太长');
    await screen.getByTestId('applicant-send-rating').click();
    await expect(screen.getByTestId('applicant-thanks')).toBeVisible();
    await expect(page.getByTestId('applicant-screen-rated')).toContainText('非常不满意');

    const {
      rows: [row],
    } = await rpc(page, 'cases.list', { query: caseNo });
    const detail = await rpc(page, 'cases.get', { caseId: row!.caseId });
    expect(detail.timeline.find((e) => e.type === 'case.evaluated')).toMatchObject({
      details: { rating: 1, comment: '等候时间太长' },
    });

    // The next applicant (the receipt closed first): the page left open says the session has ended.
    await press(page, 'Escape');
    await expectFocused(page, 'new-intake');
    await press(page, 'Enter');
    await expect(screen.getByTestId('applicant-closed')).toContainText('本次办理已结束');
  } finally {
    await context.close();
  }
  expect(consoleErrors).toEqual([]);
});
