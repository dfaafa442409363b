// The clerk at the case list, in Debian's Chromium at the counter's usual
// 1366×768: signs in, opens 办件列表 and types the planned searches key by key,
// a key at most every `intervalMs` (and never before the last key's answer is
// on screen), each keystroke timed by the page probe.
import { chromium, type Page } from '@playwright/test';
import { installProbe, type KeystrokeTiming, type PageGlobals } from './probe.ts';
import type { Keystroke } from './samples.ts';
import { say } from './say.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A keystroke whose answer is not on screen by then counts as lost. */
const ANSWER_TIMEOUT_MS = 10_000;

export interface Measured extends Keystroke {
  /** Null when the answer never showed. */
  timing: KeystrokeTiming | null;
}

async function openCaseList(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').waitFor();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
  await page.getByTestId('case-row').first().waitFor({ timeout: 120_000 });
  await page.getByTestId('cases-search').locator('input').focus();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function typeSearches(
  url: string,
  login: { username: string; password: string },
  keystrokes: readonly Keystroke[],
  intervalMs: number,
): Promise<Measured[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await page.addInitScript(installProbe);
    await openCaseList(page, url, login.username, login.password);
    say(`signed in as ${login.username}; typing ${keystrokes.length} keystrokes`);
    const measured: Measured[] = [];
    for (const keystroke of keystrokes) {
      const started = performance.now();
      // Clearing selects all first, untimed: only the Backspace changes the query.
      if (keystroke.kind === 'clear') await page.keyboard.press('ControlOrMeta+A');
      await page.evaluate(() => (globalThis as unknown as PageGlobals).__uiProbe!.arm());
      if (keystroke.kind === 'clear') await page.keyboard.press(keystroke.key);
      else await page.keyboard.type(keystroke.key);
      const query = keystroke.text.trim();
      const timing = await page.evaluate(
        ([q, timeout]) => (globalThis as unknown as PageGlobals).__uiProbe!.waitFor(q, timeout),
        [query, ANSWER_TIMEOUT_MS] as const,
      );
      measured.push({ ...keystroke, timing });
      if (measured.length % 100 === 0) say(`${measured.length} keystrokes`);
      await sleep(Math.max(0, intervalMs - (performance.now() - started)));
    }
    return measured;
  } finally {
    await browser.close();
  }
}
