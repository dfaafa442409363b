// Keyboard-only walks: a clerk serving a queue never reaches for the mouse, so
// these tests prove that every step can be done, and every focus lands, with
// the keyboard alone.
import { expect, type Locator, type Page } from '@playwright/test';

declare global {
  interface Window {
    /** Pointer events seen since the page loaded: a keyboard walk must see none. */
    __pointerEvents?: string[];
  }
}

/**
 * Counts every pointer and mouse press from the page's first script on. A key press that
 * activates a button fires `click` but never `pointerdown` or `mousedown`, so any entry
 * here means the walk used the mouse.
 */
export async function watchForMouse(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__pointerEvents = [];
    for (const type of ['pointerdown', 'mousedown', 'touchstart', 'wheel']) {
      window.addEventListener(type, (event) => window.__pointerEvents?.push(`${type} on ${describe(event.target)}`), {
        capture: true,
      });
    }
    function describe(target: EventTarget | null): string {
      if (!(target instanceof Element)) return String(target);
      return target.getAttribute('data-testid') ?? target.tagName.toLowerCase();
    }
  });
}

/** Fails when the page saw a pointer press since `watchForMouse`. */
export async function expectNoMouse(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.__pointerEvents ?? null)).toEqual([]);
}

/**
 * The element the keyboard types into, by test id or any locator. This is the page's own
 * `document.activeElement`: `toBeFocused` also asks that headless Chromium's window hold the
 * system focus, which it can lose for a moment to nothing the app did. A failure names the
 * element that has the focus instead.
 */
export async function expectFocused(page: Page, target: string | Locator): Promise<void> {
  const locator = typeof target === 'string' ? page.getByTestId(target) : target;
  const focusedIs = async (): Promise<string> => {
    const here = await locator
      .evaluate((element) => element === element.ownerDocument.activeElement)
      .catch(() => false);
    if (here) return 'the target';
    return page.evaluate(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'the page body';
      const id = active.getAttribute('data-testid') ?? active.id;
      return `<${active.tagName.toLowerCase()}${id ? ` ${id}` : ''}>${document.hasFocus() ? '' : ' (window unfocused)'}`;
    });
  };
  await expect.poll(focusedIs, { message: `focus on ${String(locator)}` }).toBe('the target');
}

/** Focus is on a real control, never on the page's body, where no key does anything. */
export async function expectFocusNotLost(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? 'none'))
    .not.toMatch(/^(body|html|none)$/);
}

/** Presses keys in order, e.g. `press(page, 'Tab', 'Tab', 'Enter')`. */
export async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}
