import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';
import { isNationalityCode, NATIONALITY_CODES, nationalityName } from './nationality.ts';

describe('NATIONALITY_CODES', () => {
  it('holds the 249 ISO 3166-1 alpha-3 codes, once each, in order', () => {
    expect(NATIONALITY_CODES).toHaveLength(249);
    expect(new Set(NATIONALITY_CODES).size).toBe(249);
    expect(NATIONALITY_CODES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect([...NATIONALITY_CODES].sort()).toEqual(NATIONALITY_CODES);
  });

  // Only assigned alpha-3 codes: not alpha-2, not lower case, not ICAO's own travel-document codes.
  it.each<[string, boolean]>([
    ['USA', true],
    ['GBR', true],
    ['KOR', true],
    ['PRK', true],
    ['CHN', true],
    ['HKG', true],
    ['MAC', true],
    ['TWN', true],
    ['DEU', true],
    ['SSD', true],
    ['usa', false],
    ['US', false],
    ['UK', false],
    ['D', false],
    ['GBD', false],
    ['XXA', false],
    ['UNO', false],
    ['EUE', false],
    ['ZZZ', false],
    ['', false],
  ])('%j is a nationality code: %s', (code, expected) => {
    expect(isNationalityCode(code)).toBe(expected);
  });
});

describe('nationalityName', () => {
  it.each<[string, Record<(typeof LANGUAGES)[number], string>]>([
    ['USA', { 'zh-CN': '美国', 'zh-TW': '美國', en: 'United States' }],
    ['GBR', { 'zh-CN': '英国', 'zh-TW': '英國', en: 'United Kingdom' }],
    ['KOR', { 'zh-CN': '韩国', 'zh-TW': '南韓', en: 'South Korea' }],
    ['TWN', { 'zh-CN': '中国台湾', 'zh-TW': '中國臺灣', en: 'Taiwan, China' }],
  ])('%s', (code, names) => {
    for (const language of LANGUAGES) expect(nationalityName(code, language)).toBe(names[language]);
  });

  it('names every code in every language, rather than echoing the code', () => {
    for (const language of LANGUAGES) {
      const unnamed = NATIONALITY_CODES.filter((code) => nationalityName(code, language) === code);
      expect(unnamed, language).toEqual([]);
    }
  });

  it('gives an unknown code back as it is', () => {
    expect(nationalityName('XXA', 'en')).toBe('XXA');
  });
});
