// Finds text the screen cuts off: a table cell, tag, button, tab, menu item or
// any box that hides its overflow, whose content is wider (or, on one line,
// taller) than the box; a table scrolling sideways, its last columns out of
// sight; a page wider than the window; and chart labels that ECharts shortened
// or drew outside the chart. An element cut on purpose is marked with
// data-full-text holding its whole text, which its title repeats.
import type { Page } from '@playwright/test';

export interface Clipped {
  /** The nearest data-testid above it, and the element: `cases-table td.ant-table-cell`. */
  where: string;
  text: string;
  why: string;
}

/** The attribute that marks an element ellipsized on purpose; its value is the whole text, as its title shows it. */
export const FULL_TEXT_ATTRIBUTE = 'data-full-text';

/** Runs in the page: everything cut under `root`, within `tolerance` pixels. */
function clippedInPage([root, tolerance, fullText]: [string, number, string]): Clipped[] {
  // Boxes that hold text and must show it whole; any other box counts once it hides what overflows it.
  const HOLDERS = [
    'th',
    'td',
    '.ant-table-cell',
    '.ant-tag',
    '.ant-btn',
    '.ant-menu-title-content',
    '.ant-tabs-tab-btn',
    '.ant-select-selection-item',
    '.ant-select-selection-placeholder',
    '.ant-descriptions-item-label',
    '.ant-descriptions-item-content',
    '.ant-card-head-title',
    '.ant-form-item-label > label',
    '.ant-alert-title',
  ].join(',');
  // A table's own scroll box: sideways scrolling hides its last columns from the clerk.
  const TABLE_SCROLLERS = '.ant-table-content, .ant-table-body, .ant-table-tbody-virtual-holder';
  // Never read as cut: what is hidden from everyone on purpose (antd's measuring rows), and a badge's
  // count, which sits over its host's corner by design and rolls its digits inside a box of its own.
  const EXEMPT = '[aria-hidden="true"], .ant-scroll-number';
  const found: Clipped[] = [];
  const textOf = (el: Element): string => (el as HTMLElement).innerText?.replace(/\s+/g, ' ').trim() ?? '';
  const where = (el: Element): string => {
    const owner = el.parentElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
    const classes = [...el.classList].filter((c) => c.startsWith('ant-')).slice(0, 2);
    return `${owner} ${[el.tagName.toLowerCase(), ...classes].join('.')}`.trim();
  };
  /** How far the text drawn inside `el` reaches beyond its sides, overlays excepted. */
  const spill = (el: Element): number => {
    const box = el.getBoundingClientRect();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let worst = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement?.closest(EXEMPT)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) worst = Math.max(worst, box.left - r.left, r.right - box.right);
    }
    return worst;
  };
  const scrolls = (o: string): boolean => o === 'auto' || o === 'scroll';
  const hides = (o: string): boolean => o === 'hidden' || o === 'clip';
  const tops = document.querySelectorAll(root);
  // A screen that is not there has nothing cut, and proves nothing.
  if (tops.length === 0) found.push({ where: root, text: '', why: 'nothing on the page to check' });
  for (const top of tops) {
    for (const el of [top, ...top.querySelectorAll('*')]) {
      if (!(el instanceof HTMLElement) || el.getClientRects().length === 0 || el.closest(EXEMPT)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.clientWidth === 0 || el.clientHeight === 0) continue;
      if (el.matches(TABLE_SCROLLERS) && el.scrollWidth > el.clientWidth + tolerance) {
        const why = `table scrolls sideways: ${el.scrollWidth} > ${el.clientWidth} wide`;
        found.push({ where: where(el), text: textOf(el.closest('.ant-table') ?? el).slice(0, 80), why });
        continue;
      }
      // Any other scroll box shows all of its content, a part at a time: what is inside it is checked on its own.
      if (scrolls(style.overflowX) || scrolls(style.overflowY)) continue;
      const ellipsis = style.textOverflow === 'ellipsis';
      const hiding = ellipsis || hides(style.overflowX) || hides(style.overflowY);
      if (!hiding && !el.matches(HOLDERS)) continue;
      const text = textOf(el);
      if (!text) continue;
      const oneLine = style.whiteSpace === 'nowrap' || style.whiteSpace === 'pre' || ellipsis;
      const over = hiding ? el.scrollWidth - el.clientWidth : spill(el);
      const wide = over > tolerance;
      const tall = hiding && (oneLine || hides(style.overflowY)) && el.scrollHeight > el.clientHeight + tolerance;
      if (!wide && !tall) continue;
      const marked = el.closest(`[${fullText}]`);
      if (marked) {
        const whole = marked.getAttribute(fullText);
        if (whole === textOf(marked) && marked.getAttribute('title') === whole) continue;
        found.push({ where: where(el), text, why: `${fullText} without a title holding the whole text` });
        continue;
      }
      const why = wide ? `${Math.ceil(over)} px too wide` : `${el.scrollHeight} > ${el.clientHeight} high`;
      found.push({ where: where(el), text, why });
    }
  }
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + tolerance) {
    found.push({ where: 'page', text: '', why: `page ${page.scrollWidth} wider than the window ${window.innerWidth}` });
  }
  return found;
}

/** Runs in the page: each ECharts chart (an svg under [data-values]) whose labels are shortened or leave the chart. */
function clippedChartsInPage([root, tolerance]: [string, number]): Clipped[] {
  const found: Clipped[] = [];
  const compact = (s: string): string => s.replace(/\s+/g, '');
  for (const chart of document.querySelectorAll(`${root} [data-values]`)) {
    const svg = chart.querySelector('svg');
    if (!svg || svg.getClientRects().length === 0) continue;
    const where = chart.getAttribute('data-testid') ?? 'chart';
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.getClientRects().length > 0);
    for (const text of texts) {
      const content = text.textContent ?? '';
      const r = text.getBoundingClientRect();
      if (content.includes('…') || content.includes('...'))
        found.push({ where, text: content, why: 'label shortened' });
      else if (
        r.left < box.left - tolerance ||
        r.right > box.right + tolerance ||
        r.top < box.top - tolerance ||
        r.bottom > box.bottom + tolerance
      )
        found.push({ where, text: content, why: 'label outside the chart' });
    }
    // A label broken into lines still reads whole, line after line.
    const drawn = compact(texts.map((t) => t.textContent ?? '').join(''));
    const labels = (JSON.parse(chart.getAttribute('data-values') ?? '[]') as { label: string }[]).map((d) => d.label);
    for (const label of labels) {
      if (!drawn.includes(compact(label))) found.push({ where, text: label, why: 'label not drawn whole' });
    }
  }
  return found;
}

/** Everything cut under the elements `root` selects (the whole page by default), charts included. */
export async function findClipped(page: Page, root = 'body', tolerance = 1): Promise<Clipped[]> {
  const boxes = await page.evaluate(clippedInPage, [root, tolerance, FULL_TEXT_ATTRIBUTE] as [string, number, string]);
  const charts = await page.evaluate(clippedChartsInPage, [root, tolerance] as [string, number]);
  return [...boxes, ...charts];
}
