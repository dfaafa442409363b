// Papers read back as a person holding them would: the page as the print
// dialog's "Save as PDF" makes it (the page's own @page size and margins), its
// text through poppler's pdftotext, its pages and their size through pdfinfo.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from './browser-mode.ts';

export interface Paper {
  /** The text of every page, whitespace removed. */
  text: string;
  /** The text of each page, whitespace removed. */
  pages: string[];
  /** Each page's size in points, as pdfinfo reads it. */
  sizes: { width: number; height: number }[];
}

/** Prints what the page has in #print-root to a PDF at `file`, as the print dialog's "Save as PDF" would. */
export async function savePaper(page: Page, file: string): Promise<Paper> {
  await page.emulateMedia({ media: 'print' });
  // On a loaded machine Chromium now and then answers "Printing failed": the same page printed again.
  await expect(async () => writeFileSync(file, await page.pdf({ preferCSSPageSize: true }))).toPass({
    timeout: 30_000,
  });
  await page.emulateMedia({ media: 'screen' });
  return readPaper(file);
}

export function readPaper(file: string): Paper {
  const pages = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((text) => text.replace(/\s+/g, ''));
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages.length), file], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  return { text: pages.join(''), pages, sizes };
}

/** A4 in points, either way up, to the point. */
export const A4 = { short: 595, long: 842 };

export const isLandscapeA4 = (size: { width: number; height: number }): boolean =>
  Math.round(size.width) === A4.long && Math.round(size.height) === A4.short;

export const isPortraitA4 = (size: { width: number; height: number }): boolean =>
  Math.round(size.width) === A4.short && Math.round(size.height) === A4.long;

/** Dates as they must never appear on paper: 2026-12-06, 2026/12/6. */
export const NUMERIC_DATE = /\d{4}[-/]\d{1,2}[-/]\d{1,2}(?!\d)/;

/** Today as official papers write it, worked out apart from the app's own formatter. */
export function officialToday(language: 'zh-CN' | 'zh-TW' | 'en'): string {
  const today = new Date();
  return language === 'en'
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(today)
    : `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`;
}
