// Contact phone numbers the window may record: mainland mobiles and landlines,
// Hong Kong, Macao, Taiwan and other international numbers in E.164. Each is
// stored in one canonical form, so the blind index finds it however it was typed:
//   mainland mobile    13812348000          (national form, as stored before landlines were taken)
//   mainland landline  0791-86123456, with an extension 0791-86123456-8001
//   Hong Kong / Macao  +852 91234567 / +853 28123456
//   Taiwan             +886 912345678       (a trunk 0 typed after +886 is dropped)
//   elsewhere          +44 2071234567       (E.164, the country code split off)
import type { IdentityErrorCode, IdentityResult } from './validate.ts';

export const PHONE_PLANS = [
  'mainland_mobile',
  'mainland_landline',
  'hong_kong',
  'macao',
  'taiwan',
  'international',
] as const;
export type PhonePlan = (typeof PHONE_PLANS)[number];

/** E.164 country codes are prefix-free: these are the one- and two-digit ones, every other code has three. */
const COUNTRY_CODE = /^(1|7|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})/;

// 转 (transfer) is how an extension is written in Chinese; 分机 is the extension itself.
const EXTENSION_MARK = /(?:转|轉|分机|分機|EXT|X|#)/;

const fail = (error: IdentityErrorCode): IdentityResult => ({ ok: false, error });
const pass = (value: string): IdentityResult => ({ ok: true, value, warnings: [] });

/** Full-width forms become ASCII, every dash a hyphen; spaces, brackets and dots go. */
function clean(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s().]/g, '');
}

function mainlandMobile(digits: string): IdentityResult {
  // Carrier prefixes keep changing, so only 1[3-9] is required.
  return /^1[3-9]\d{9}$/.test(digits) ? pass(digits) : fail('phone_mainland_mobile');
}

/**
 * Area code 010 or 02x (then 8 digits) or 0[3-9]xx (then 7 or 8 digits); a
 * local number never starts with 0 or 1.
 */
function mainlandLandline(digits: string, extension: string | null): IdentityResult {
  const match = /^(010|02\d|0[3-9]\d\d)([2-9]\d{6,7})$/.exec(digits);
  if (!match) return fail('phone_mainland_landline');
  const [, area, local] = match as unknown as [string, string, string];
  if (area.length === 3 && local.length !== 8) return fail('phone_mainland_landline');
  if (extension !== null && !/^\d{1,6}$/.test(extension)) return fail('phone_mainland_landline');
  return pass(`${area}-${local}${extension ? `-${extension}` : ''}`);
}

function international(digits: string): IdentityResult {
  if (digits.startsWith('86')) {
    // After +86 the trunk 0 of a landline is left out; a typed one is tolerated.
    const national = digits.slice(2).replace(/^0/, '');
    // Beijing's area code 10 starts with 1 too; mobiles start with 13–19.
    return /^1[3-9]/.test(national) ? mainlandMobile(national) : mainlandLandline(`0${national}`, null);
  }
  if (digits.startsWith('852')) {
    return /^\d{8}$/.test(digits.slice(3)) ? pass(`+852 ${digits.slice(3)}`) : fail('phone_hong_kong');
  }
  if (digits.startsWith('853')) {
    return /^\d{8}$/.test(digits.slice(3)) ? pass(`+853 ${digits.slice(3)}`) : fail('phone_macao');
  }
  if (digits.startsWith('886')) {
    // Taiwan's trunk 0 (0912 345 678) is often typed after +886: it is dropped, not refused.
    const national = digits.slice(3).replace(/^0/, '');
    // Mobiles are 9 digits from a 9; landlines 8 or 9 digits with their area code (Taipei 2, Kaohsiung 7…).
    return /^(?:9\d{8}|[2-8]\d{7,8})$/.test(national) ? pass(`+886 ${national}`) : fail('phone_taiwan');
  }
  // E.164: at most 15 digits with the country code, which never starts with 0.
  if (!/^[1-9]\d{6,14}$/.test(digits)) return fail('phone_international');
  const code = COUNTRY_CODE.exec(digits)![1]!;
  return pass(`+${code} ${digits.slice(code.length)}`);
}

export function validatePhone(value: string): IdentityResult {
  const s = clean(value);
  if (s === '') return fail('empty');
  const marked = s.split(EXTENSION_MARK);
  if (marked.length > 2) return fail('phone_unknown_plan');
  let [main, extension = null] = marked as [string, string?];
  // 0791-86123456-8001: a third group after the area code and number is the extension.
  const grouped = /^(0\d{2,3}-\d{7,8})-(\d{1,6})$/.exec(main);
  if (grouped && extension === null) [, main, extension] = grouped as unknown as [string, string, string];
  const match = /^(\+|00)?(\d+)$/.exec(main.replaceAll('-', ''));
  if (!match) return fail('phone_unknown_plan');
  const digits = match[2]!;
  if (match[1]) return extension === null ? international(digits) : fail('phone_unknown_plan');
  if (digits.startsWith('0')) return mainlandLandline(digits, extension);
  if (extension !== null) return fail('phone_unknown_plan');
  if (digits.startsWith('1')) return mainlandMobile(digits);
  // 86 13812348000: the country code without its plus, as some forms print it.
  if (/^861\d{10}$/.test(digits)) return mainlandMobile(digits.slice(2));
  return fail('phone_unknown_plan');
}

/** The plan of a number validatePhone produced; null for anything else. */
export function phonePlan(canonical: string): PhonePlan | null {
  if (/^1[3-9]\d{9}$/.test(canonical)) return 'mainland_mobile';
  if (/^0\d{2,3}-\d{7,8}(-\d{1,6})?$/.test(canonical)) return 'mainland_landline';
  if (/^\+852 \d{8}$/.test(canonical)) return 'hong_kong';
  if (/^\+853 \d{8}$/.test(canonical)) return 'macao';
  if (/^\+886 \d{8,9}$/.test(canonical)) return 'taiwan';
  if (/^\+[1-9]\d{0,2} \d+$/.test(canonical)) return 'international';
  return null;
}
