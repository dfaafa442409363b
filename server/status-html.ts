// GET /status as a page a phone opens from the receipt's QR code: plain HTML,
// no script, in the applicant's language (the lang parameter, else the
// browser's, else simplified Chinese), with a form to type the number and code.
import { statusPageMessages } from '../shared/i18n/features/status-page.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../shared/languages.ts';
import { regionName } from '../shared/regions.ts';
import { STATUS_PAGE_PATH } from '../shared/sync/status-page.ts';
import type { Lookup } from './status-lookup.ts';

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

/** The first language of Accept-Language we speak: Hong Kong, Macau and Taiwan read traditional characters. */
export function languageOf(acceptLanguage: string | undefined): Language {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LANGUAGE;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function row(label: string, value: string, id: string): string {
  return `<tr><th>${escape(label)}</th><td data-field="${id}">${escape(value)}</td></tr>`;
}

export function statusPageHtml(
  language: Language,
  typed: { caseNo: string; code: string },
  lookup: Lookup | null,
): string {
  const t = statusPageMessages[language];
  const query = (lang: Language): string => {
    const params = new URLSearchParams({ lang });
    if (typed.caseNo) params.set('case', typed.caseNo);
    return `${STATUS_PAGE_PATH}?${params.toString()}`;
  };
  const switcher = LANGUAGES.filter((l) => l !== language)
    .map((l) => `<a href="${escape(query(l))}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a>`)
    .join(' · ');
  let result = '';
  if (lookup?.kind === 'found') {
    const { answer } = lookup;
    result = `<table>${[
      row(t.caseNo, answer.caseNo, 'caseNo'),
      row(t.matter, answer.matter[language], 'matter'),
      row(t.status, t.statuses[answer.statusName as keyof typeof t.statuses], 'status'),
      row(t.statusDate, answer.statusDate, 'statusDate'),
      row(t.nextStep, t.nextSteps[answer.nextStep], 'nextStep'),
      row(t.collect, t.collectPlaces[answer.collect], 'collect'),
      row(t.handlingPlace, regionName(answer.handlingRegion, language), 'handlingRegion'),
      row(t.intakePlace, regionName(answer.intakeRegion, language), 'intakeRegion'),
    ].join('')}</table>`;
  } else if (lookup) {
    result = `<p role="alert" data-field="message">${escape(lookup.kind === 'rate_limited' ? t.rateLimited : t.notFound)}</p>`;
  }
  const form = `<form method="get" action="${STATUS_PAGE_PATH}">
<input type="hidden" name="lang" value="${language}">
<p><label>${escape(t.caseNo)}<br><input name="case" value="${escape(typed.caseNo)}" maxlength="40" required></label></p>
<p><label>${escape(t.code)}<br><input name="code" maxlength="20" autocomplete="off" autocapitalize="characters" required></label></p>
<p><button type="submit">${escape(t.submit)}</button></p>
</form>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(t.title)}</title>
<style>body{font-family:sans-serif;max-width:36em;margin:1em auto;padding:0 1em;line-height:1.5}
th{text-align:left;padding-right:1em;vertical-align:top;white-space:nowrap}td{padding-bottom:.4em}
input{font-size:1.1em;width:100%;max-width:20em}</style></head>
<body><nav>${switcher}</nav><h1>${escape(t.title)}</h1>
${result}
${lookup?.kind === 'found' ? '' : `<p>${escape(t.intro)}</p>${form}`}
<p><small>${escape(t.privacy)}</small></p>
</body></html>
`;
}
