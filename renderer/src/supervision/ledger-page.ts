// The ledger's paper: A4 landscape, its page number in the bottom margin
// (第 1 页 共 7 页). Chromium draws @page margin boxes with the page and pages
// counters in its print and its PDFs, so the number is right on every page
// however the rows fall.

/** A CSS string literal: quotes, backslashes and line ends escaped. */
function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&').replace(/\r?\n/g, '\\A ')}"`;
}

/**
 * CSS `content` for a page-number template whose `{page}` and `{pages}` are
 * the counters: '第 {page} 页 共 {pages} 页' gives
 * `"第 " counter(page) " 页 共 " counter(pages) " 页"`.
 */
export function pageNumberContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** The print rules of the ledger, placed with its print copy: they hold only while the ledger is to be printed. */
export function ledgerPageRules(pageNumberTemplate: string): string {
  return `@page {
  size: A4 landscape;
  margin: 12mm 10mm 14mm;
  @bottom-center {
    content: ${pageNumberContent(pageNumberTemplate)};
    font-family: sans-serif;
    font-size: 9pt;
    color: #000;
  }
}`;
}
