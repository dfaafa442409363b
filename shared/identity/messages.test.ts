import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';
import { identityMessages } from './messages.ts';
import { IDENTITY_ERROR_CODES, IDENTITY_KINDS, IDENTITY_WARNING_CODES } from './validate.ts';

// validate.test.ts shows these lists are exactly the codes validate can return.
const SECTIONS = [
  ['kinds', IDENTITY_KINDS],
  ['errors', IDENTITY_ERROR_CODES],
  ['warnings', IDENTITY_WARNING_CODES],
] as const;

// Simplified forms that appear in the zh-CN messages; none may leak into zh-TW.
const SIMPLIFIED = [...'证码请输应为这数对错误还时间区划统会执业内陆来护号机样规则从们选择'];

describe('identityMessages', () => {
  it('has one set of messages per UI language', () => {
    expect(Object.keys(identityMessages).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.flatMap((language) => SECTIONS.map(([section, codes]) => [language, section, codes] as const)))(
    '%s %s: a non-empty message for every code and no others',
    (language, section, codes) => {
      const messages: Record<string, string> = identityMessages[language][section];
      expect(Object.keys(messages).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(messages[code]?.trim(), `${language}.${section}.${code}`).toBeTruthy();
    },
  );

  it.each(LANGUAGES)('%s names both genders', (language) => {
    const { male, female } = identityMessages[language].gender;
    expect(male.trim()).not.toBe('');
    expect(female.trim()).not.toBe('');
  });

  it('writes zh-TW in Traditional characters, not as a copy of zh-CN', () => {
    for (const [section] of SECTIONS) {
      const traditional: Record<string, string> = identityMessages['zh-TW'][section];
      for (const [code, simplified] of Object.entries(identityMessages['zh-CN'][section])) {
        const text = traditional[code]!;
        expect(text, code).not.toBe(simplified);
        expect(
          [...text].filter((ch) => SIMPLIFIED.includes(ch)),
          code,
        ).toEqual([]);
      }
    }
  });
});
