// The counter's devices and the applicant's own screen, in one walk as a hall
// lives it. The window's reader is the simulator with an expired resident card
// on it. The clerk pairs the applicant's screen (a second browser window, by
// its code; a wrong code first), reads the card with F2 (the card fills the
// applicant, the expiry is flagged, the step waits for the photo comparison,
// Alt+K). The applicant sees what was typed, masked, acknowledges the privacy
// notice, calls the ID number wrong (the clerk is sent to that field) and
// signs (the signed form joins the scans). The receipt says the identity was
// read from the chip. The applicant rates 非常不满意 (refused without a reason,
// then with one); the next applicant closes the page. The bad rating opens a
// rectification item that the supervisor assigns, answers, follows up with the
// applicant and closes, and the warning goes.
import type { Browser, Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { chooseOption, settled } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { expectFocused, press } from './keyboard.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

test.use({ viewport: { width: 1366, height: 768 } });

// A clerk who is also the hall's supervisor, so one login sees both ends of the rating.
const CLERK = {
  username: 'boss',
  displayName: '赵主管',
  password: 'boss-pass-1',
  roles: ['intake_clerk', 'supervisor'] as Role[],
};
// The simulator's expired card (electron/backend/devices/id-card/fixtures.ts).
const CARD = { name: '过期样', maskedName: '过**', idNumber: /^45010319750620051[0-9X]$/, expired: '2020-06-20' };

/** The applicant's page in a second browser window, paired by the code the clerk's panel shows. */
async function pairApplicantScreen(page: Page, browser: Browser, origin: string): Promise<Page> {
  await page.getByTestId('applicant-screen-open').click();
  const code = (await page.getByTestId('applicant-screen-code').innerText()).trim();
  expect(code).toMatch(/^\d{6}$/);
  const address = await page.getByTestId('applicant-screen-url').getAttribute('data-url');
  expect(address).toBe(`${origin}/applicant.html`);
  const screen = await (await browser.newContext({ viewport: { width: 1280, height: 1024 } })).newPage();
  await screen.goto(address!);
  // A wrong code first: refused with what to do, and nothing paired.
  await screen.getByTestId('applicant-code').fill(code === '000000' ? '000001' : '000000');
  await screen.getByTestId('applicant-pair').click();
  await expect(screen.getByTestId('applicant-error')).toContainText('配对码不正确');
  await screen.getByTestId('applicant-code').fill(code);
  await screen.getByTestId('applicant-pair').click();
  await expect(page.getByTestId('applicant-screen-panel')).toContainText('申请人确认屏已连接');
  return screen;
}

/** F2 with the card on the reader: the applicant filled, the card's facts and its expiry shown. */
async function readCard(page: Page): Promise<void> {
  await expect(page.getByTestId('id-card-status')).toContainText('按 F2');
  await press(page, 'F2');
  await expect(page.getByTestId('applicant-name')).toHaveValue(CARD.name);
  await expect(page.getByTestId('applicant-id-number')).toHaveValue(CARD.idNumber);
  await expect(page.getByTestId('applicant-address')).toHaveValue('广西壮族自治区南宁市青秀区样例大道7号');
  await expect(page.getByTestId('id-card-status')).toContainText(`已读取居民身份证：${CARD.name}`);
  await expect(page.getByTestId('id-card-facts')).toContainText('民族：壮');
  await expect(page.getByTestId('id-card-validity')).toContainText(`2000-06-20 至 ${CARD.expired}`);
  await expect(page.getByTestId('id-card-expired')).toContainText(`证件已于 ${CARD.expired} 过期`);
  await expect(page.getByTestId('id-card-photo-note')).toContainText('无法显示证件照片');
}

/** Draws a stroke on the applicant's signature box and gives it. */
async function sign(screen: Page): Promise<void> {
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
}

/** The supervisor's rectification of the case's bad rating, from the warning to the close. */
async function rectify(page: Page, caseNo: string): Promise<void> {
  await page.getByTestId('workspace-nav').getByText('台账', { exact: true }).click();
  await page.getByTestId('supervisor-tab-warnings').click();
  await expect(page.getByTestId('warnings-count-rectification_open')).toHaveAttribute('data-count', '1');

  await page.getByTestId('supervisor-tab-rectification').click();
  const row = page.getByTestId(`rectification-row-${caseNo}`);
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(row).toContainText(CARD.maskedName);
  await page.getByTestId(`rectification-open-${caseNo}`).click();
  const item = await settled(page.getByTestId('rectification-item'));
  await expect(item).toContainText('非常不满意');
  await expect(item.getByTestId('rectification-reason')).toHaveText('等候时间太长');

  await chooseOption(page, item.getByTestId('rectification-assignee'), CLERK.displayName);
  await item.getByTestId('rectification-assign').click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'assigned');
  await item.getByTestId('rectification-findings').fill('高峰时段只开一个窗口。');
  await item.getByTestId('rectification-actions').fill('高峰时段增开一个跨省通办窗口。');
  await item.getByTestId('rectification-answer').click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'answered');
  await item.getByTestId('rectification-method').getByText('电话').click();
  await item.getByTestId('rectification-response').getByText('满意', { exact: true }).click();
  await item.getByTestId('rectification-contact').click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'contacted');
  await item.getByTestId('rectification-close').click();
  await (await settled(page.locator('.ant-popconfirm:visible'))).getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(item.getByTestId('rectification-state')).toHaveAttribute('data-state', 'closed');
  await expect(row).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(item).toBeHidden();

  await page.getByTestId('supervisor-tab-warnings').click();
  await expect(page.getByTestId('warnings-count-rectification_open')).toHaveAttribute('data-count', '0');
}

test('a card read, the applicant checks, signs and rates on a screen of their own; the bad rating is rectified', async ({
  page,
  host,
  browser,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await rpc(page, 'devices.setIdCardReader', {
    reader: { kind: 'simulator', card: 'resident_expired', fault: 'none' },
    photoDecoder: null,
  });
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  const screen = await pairApplicantScreen(page, browser, new URL(host.url).origin);
  try {
    await page.getByTestId('matter-search').click();
    await page.keyboard.type('si004');
    await expect(page.getByTestId('matter-KST-SI-004')).toBeVisible();
    await press(page, 'Enter');
    await expectFocused(page, 'applicant-name');
    await readCard(page);
    await page.getByTestId('field-transfer_out_region').fill('广东省深圳市');
    await page.getByTestId('field-transfer_in_region').fill('湖北省黄冈市黄梅县');
    await page.getByTestId('handling-region').click();
    await page.keyboard.type('421127');
    await press(page, 'ArrowDown', 'Enter');
    await expect(page.getByTestId('handling-region-chosen')).toContainText('421127');
    await page.getByTestId('applicant-phone').click();
    // The step stays until the clerk has compared the card's photo with the person.
    await press(page, 'Enter');
    await expect(page.getByTestId('step-problems')).toContainText('请核对证件照片与申请人本人');
    await press(page, 'Alt+KeyK');
    await expect(page.getByTestId('id-card-photo-compared')).toBeChecked();
    await press(page, 'Enter');
    await expect(page.getByTestId('materials-table')).toBeVisible();
    await page.getByTestId('mark-all-required').click();

    // The applicant's screen: what was typed, masked as the receipt masks it.
    await expect(screen.getByTestId('applicant-value-applicant.name')).toHaveText(CARD.maskedName);
    await expect(screen.getByTestId('applicant-value-applicant.idNumber')).toHaveText(/^450103\*{8}051[0-9X]$/);
    await expect(screen.getByTestId('applicant-screen')).not.toContainText(CARD.name);
    await expect(screen.getByTestId('applicant-received')).toContainText('身份证');
    await expect(screen.getByTestId('applicant-notice')).toContainText('黄梅县人力资源和社会保障局');
    await screen.getByTestId('applicant-acknowledge').click();
    await expect(screen.getByTestId('applicant-acknowledged')).toBeVisible();
    // "This is wrong" on the ID number: the clerk's wizard goes back to it, says so and focuses it.
    await screen.getByTestId('applicant-wrong-applicant.idNumber').click();
    await expect(screen.getByTestId('applicant-flag-sent')).toContainText('申请人证件号码');
    await expect(page.getByTestId('applicant-screen-flagged')).toContainText('申请人指出“申请人证件号码”有误');
    await expectFocused(page, 'applicant-id-number');
    await sign(screen);
    await expect(page.getByTestId('applicant-screen-signed')).toContainText('签名已写入申请表');

    await page.getByTestId('next-step').click();
    await expect(page.getByTestId('materials-table')).toBeVisible();
    await page.getByTestId('next-step').click();
    // The signed application form is a scan of the intake.
    await expect(page.getByText('申请表.png')).toBeVisible();
    await page.getByTestId('next-step').click();
    // The acknowledgement came from the applicant's screen: the clerk's Alt+P is not needed.
    await expect(page.getByTestId('privacy-ack')).toBeChecked();
    await page.getByTestId('submit-intake').click();
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toContainText(`身份信息来源芯片读取（居民身份证，已于 ${CARD.expired} 过期）`);
    const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();

    await expect(screen.getByTestId('applicant-submitted')).toContainText(caseNo);
    await screen.getByTestId('applicant-rating').getByText('非常不满意', { exact: true }).click();
    await screen.getByTestId('applicant-send-rating').click();
    await expect(screen.getByTestId('applicant-error')).toContainText('请写明原因');
    await screen.getByTestId('applicant-rating-reason').fill('等候时间太长');
    await screen.getByTestId('applicant-send-rating').click();
    await expect(screen.getByTestId('applicant-thanks')).toBeVisible();
    await expect(page.getByTestId('applicant-screen-rated')).toContainText('非常不满意');

    // The next applicant (the receipt closed first): the page left open says the session has ended.
    await press(page, 'Escape');
    await expectFocused(page, 'new-intake');
    await press(page, 'Enter');
    await expect(screen.getByTestId('applicant-closed')).toContainText('本次办理已结束');

    await rectify(page, caseNo);
  } finally {
    await screen.context().close();
  }
  expect(consoleErrors).toEqual([]);
});
