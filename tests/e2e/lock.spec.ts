// The idle lock in the real UI against the real backend (browser mode), with
// the idle time shortened to seconds by the host's test setting: a clerk
// leaves the case list on screen and walks away; within a second of the
// backend's deadline an opaque lock screen covers the window, nothing of the
// case list can be seen or reached, and after the password the work is back.
import { type Page } from '@playwright/test';
import { expect, startHostWithEnv, test } from './browser-mode.ts';
import { pensionTransfer, rpc, setPrivacySettings } from './intake-rpc.ts';
import { withDb } from '../integration/harness/device-db.ts';
import { tokenHash } from '../integration/harness/users.ts';

const IDLE_SECONDS = 6;
const LOCK_WITHIN_MS = 1000;

/** The moment the lock screen appeared, as the page saw it. */
async function watchForLock(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = (): boolean => document.querySelector('[data-testid="lock-screen"]') !== null;
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      (window as { lockedAt?: number }).lockedAt = Date.now();
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

test('an unattended window is covered by an opaque lock within a second of the idle deadline', async ({ page }) => {
  const host = await startHostWithEnv({ TONGBAN_TEST_IDLE_LOCK_SECONDS: String(IDLE_SECONDS) });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('status-backend')).toContainText('已连接');
    const admin = await rpc(page, 'setup.initialize', {
      device: { name: '彭泽一号机', regionCode: '360430', hall: '彭泽县政务服务中心', windowNo: '03' },
      admin: { username: 'admin', displayName: '王管理', password: 'admin-pass-1' },
    });
    await page.evaluate((token) => window.tongban!.setSession(token), admin.token);
    await setPrivacySettings(page);
    await rpc(page, 'users.create', {
      username: 'clerk',
      displayName: '李受理',
      password: 'clerk-pass-1',
      roles: ['intake_clerk'],
    });
    const clerkSession = await rpc(page, 'auth.login', { username: 'clerk', password: 'clerk-pass-1' });
    await page.evaluate((token) => window.tongban!.setSession(token), clerkSession.token);
    const { caseNo } = await rpc(page, 'intake.submit', pensionTransfer());

    await page.reload();
    await page.getByTestId('login-username').fill('clerk');
    await page.getByTestId('login-password').fill('clerk-pass-1');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
    const row = page.getByTestId('case-row').filter({ hasText: caseNo });
    await expect(row).toBeVisible();
    const token = await page.evaluate(() => sessionStorage.getItem('tongban.session'));
    await watchForLock(page);

    // Where the case number is drawn now, as the page shows it: not uniform (text on it).
    const rowBox = (await row.boundingBox())!;
    const strip = { x: rowBox.x, y: rowBox.y, width: Math.min(200, rowBox.width), height: rowBox.height };
    const blank = { x: 0, y: page.viewportSize()!.height - strip.height, width: strip.width, height: strip.height };
    expect(Buffer.compare(await page.screenshot({ clip: strip }), await page.screenshot({ clip: blank }))).not.toBe(0);

    // Nobody touches anything: the lock comes by itself.
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible({ timeout: (IDLE_SECONDS + 10) * 1000 });
    const lockedAt = await page.evaluate(() => (window as { lockedAt?: number }).lockedAt ?? 0);
    // The session is locked now, so its last input is final: the deadline was that plus the idle time.
    const lastSeen = withDb(`${host.dataDir}/tongban.sqlite`, (db) => {
      const session = db
        .prepare('SELECT last_seen_at, locked FROM sessions WHERE token_hash = ?')
        .get(tokenHash(token!)) as { last_seen_at: string; locked: number };
      expect(session.locked).toBe(1);
      return Date.parse(session.last_seen_at);
    });
    const deadline = lastSeen + IDLE_SECONDS * 1000;
    expect(lockedAt).toBeGreaterThanOrEqual(deadline - 50);
    expect(lockedAt - deadline).toBeLessThan(LOCK_WITHIN_MS);

    // Opaque, over everything: the backdrop has no transparency, and it is what lies where the case was.
    const backdrop = await lock.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, opacity: style.opacity, position: style.position };
    });
    expect(backdrop).toEqual({ background: 'rgb(240, 242, 245)', opacity: '1', position: 'fixed' });
    const topmost = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="lock-screen"]') !== null,
      { x: strip.x + strip.width / 2, y: strip.y + strip.height / 2 },
    );
    expect(topmost).toBe(true);
    // Pixel for pixel, where the case number was is now the same as an empty corner of the backdrop.
    expect(Buffer.compare(await page.screenshot({ clip: strip }), await page.screenshot({ clip: blank }))).toBe(0);
    // The page underneath is out of sight, out of the accessibility tree and out of reach of the keyboard.
    await expect(row).toBeHidden();
    const root = await page.locator('#root').evaluate((element) => ({
      ariaHidden: element.getAttribute('aria-hidden'),
      inert: (element as HTMLElement).inert,
      visibility: getComputedStyle(element).visibility,
    }));
    expect(root).toEqual({ ariaHidden: 'true', inert: true, visibility: 'hidden' });
    await expect(page.getByRole('row', { name: new RegExp(caseNo) })).toHaveCount(0);

    // The clerk comes back: the password, and the list is there as it was.
    await page.getByTestId('unlock-password').fill('clerk-pass-1');
    await page.getByTestId('unlock-submit').click();
    await expect(lock).toHaveCount(0);
    await expect(row).toBeVisible();
    expect(await page.locator('#root').getAttribute('aria-hidden')).toBeNull();
  } finally {
    await host.stop();
  }
});
