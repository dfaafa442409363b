// A handling officer refuses an arrived case (不予受理) with the keyboard
// alone: the case is opened from the acceptance desk's list, the refusal form
// is sent with fields missing — every message names its field, focus goes to
// the first of them and nothing reaches the console — then filled and sent.
// The case then shows the refusal as how its clock ended, with no promised
// date. Huangmei's desk and the case from Pengze's window are set up the quick
// way (first-run form, RPC, a test device at the real exchange server); the
// walk starts at a fresh sign-in screen.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { expectFocused, expectNoMouse, press, watchForMouse } from './keyboard.ts';
import { addPartnerRemote, intakeCase, OFFICER, pushed, setUpDesk } from './notice-desk.ts';
import { caseAt } from './notice-print.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard } from './session.ts';

/** Presses `key` until `target` has focus, at most `limit` times; fails where it never does. */
async function moveTo(page: Page, key: string, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expectFocused(page, target);
}

test('a handling officer refuses an arrived case with the keyboard alone', async ({ page, host, consoleErrors }) => {
  test.setTimeout(120_000);
  const partner = await PartnerRegion.start('sqlite');
  try {
    await watchForMouse(page);
    await setUpDesk(page, host.url);
    await createUser(page, OFFICER);
    await addPartnerRemote(page, partner, 'acceptance', '421127');
    const window = await partner.enrol('intake', '360430', '彭泽县收件窗口');
    const arrived = intakeCase('zh-CN');
    await pushed(window, arrived.events);

    // The walk: a fresh page (its pointer log starts again), signed out.
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(host.url);
    await logInWithKeyboard(page, OFFICER.username, OFFICER.password);
    const { row } = await caseAt(page, arrived.caseId, (d) => d.row.origin === 'inbox');
    expect(row.promisedDeadline).not.toBeNull();

    // To the acceptance desk's list, wherever the officer landed.
    if (!(await page.getByTestId('workspace-acceptance').isVisible())) {
      await moveTo(page, 'Tab', page.getByTestId('workspace-nav'));
      await moveTo(page, 'ArrowDown', page.getByRole('menuitem', { name: '受理', exact: true }), 10);
      await press(page, 'Enter');
      await expect(page.getByTestId('workspace-acceptance')).toBeVisible();
    }
    // Backwards, round the page's end: forwards, the list's date-range picker keeps Tab in its panel.
    const caseRow = page.getByTestId('case-row').filter({ hasText: row.caseNo });
    await moveTo(page, 'Shift+Tab', caseRow);
    await press(page, 'Enter');
    const detail = page.getByTestId('case-detail-body');
    await expect(detail.getByTestId('case-number')).toHaveText(row.caseNo);

    // The refusal form, opened by keyboard: focus on its first field.
    const refuse = detail.getByTestId('action-case.not_accepted');
    await moveTo(page, 'Tab', refuse);
    await press(page, 'Enter');
    const modal = page.getByTestId('action-modal');
    await expectFocused(page, modal.getByTestId('action-reasons'));

    // The register filled in where remedies are sought; the officer empties the court and sends it without reasons.
    const court = modal.getByTestId('action-remedyBody-administrative_litigation');
    await press(page, 'Tab');
    await expectFocused(page, modal.getByTestId('action-remedyBody-administrative_reconsideration'));
    await press(page, 'Tab');
    await expectFocused(page, court);
    await press(page, 'Control+A', 'Delete');
    await expect(court).toHaveValue('');
    await moveTo(page, 'Tab', modal.getByTestId('action-submit'), 5);
    await press(page, 'Enter');
    await expect(modal.locator('.ant-form-item-explain-error')).toHaveText([
      '请填写“不予受理理由”。',
      '请填写“受理行政诉讼的人民法院”。',
    ]);
    await expectFocused(page, modal.getByTestId('action-reasons'));
    expect(consoleErrors).toEqual([]);

    // Filled, and sent again.
    await page.keyboard.type('申请事项不属于本机关职权范围。');
    await press(page, 'Tab', 'Tab');
    await expectFocused(page, court);
    await page.keyboard.type('黄梅县人民法院');
    await moveTo(page, 'Tab', modal.getByTestId('action-submit'), 5);
    await press(page, 'Enter');
    await expect(modal).toBeHidden();

    // The case moved on: the refusal is how its clock ended, no promised date, and focus stays in the case.
    await expect(detail.getByTestId('case-status')).toHaveText('不予受理');
    await expectFocused(page, detail.getByTestId('case-next-actions'));
    await expect(detail.getByTestId('case-clock')).toHaveAttribute('data-outcome', 'not_accepted');
    await expect(detail.getByTestId('clock-outcome')).toHaveText('不予受理');
    await expect(detail.getByTestId('deadline-outcome').first()).toHaveText('不予受理');
    await expect(detail).not.toContainText(row.promisedDeadline!);
    await expect(detail).not.toContainText('按时办结');
    // The list behind says the same.
    await expect(caseRow.getByTestId('deadline-outcome')).toHaveText('不予受理');
    const refused = await rpc(page, 'cases.get', { caseId: arrived.caseId });
    expect(refused.row.status).toBe(5);

    expect(consoleErrors).toEqual([]);
    await expectNoMouse(page);
  } finally {
    await partner.stop();
  }
});
