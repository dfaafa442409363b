import { describe, expect, it } from 'vitest';
import { ledgerPageRules, pageNumberContent } from './ledger-page.ts';

describe('the ledger page number', () => {
  it('puts the page counters where the template names them', () => {
    expect(pageNumberContent('第 {page} 页 共 {pages} 页')).toBe('"第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(pageNumberContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
  });

  it('escapes what would end the CSS string', () => {
    expect(pageNumberContent('"{page}" \\ {pages}')).toBe('"\\"" counter(page) "\\" \\\\ " counter(pages)');
  });

  it('turns the page to landscape A4 with the number in the bottom margin', () => {
    const rules = ledgerPageRules('第 {page} 頁 共 {pages} 頁');
    expect(rules).toContain('size: A4 landscape;');
    expect(rules).toMatch(/@bottom-center \{\s+content: "第 " counter\(page\) " 頁 共 " counter\(pages\) " 頁";/);
  });
});
