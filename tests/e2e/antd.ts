// antd pop-ups (select lists, confirmations) open with a motion that holds its
// first frame, scaled down and paused, while it is prepared. Playwright can
// find an element "stable" there and aim at where it will not be a moment
// later: a click beside the button, or on the option above. These wait for the
// motion to end first.
import type { Locator, Page } from '@playwright/test';
import { expect } from './browser-mode.ts';

/** The pop-up, once its opening motion has ended. */
export async function settled(popup: Locator): Promise<Locator> {
  await expect(popup).toBeVisible();
  await expect(popup).not.toHaveClass(/-(appear|enter)\b/);
  return popup;
}

/** Opens a Select and clicks one of its options. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  const list = await settled(page.locator('.ant-select-dropdown:visible:not([class*="-leave"])').last());
  await list.locator('.ant-select-item-option').filter({ hasText: option }).click();
}

export function chooseLanguage(page: Page, label: string): Promise<void> {
  return chooseOption(page, page.getByTestId('language-select'), label);
}
