// Validators for the identity documents a counter clerk types or reads in
// (GB 11643, GB 32100, the permits' and passports' number forms). Codes are stable: messages.ts
// translates them and stored records may keep them.
import { z } from 'zod';
import { localDay } from '../local-time.ts';
import { validatePhone } from './phone.ts';

export const IDENTITY_KINDS = [
  'resident_id',
  'hkmo_residence_permit',
  'tw_residence_permit',
  'foreign_permanent_resident_id',
  'hkmo_travel_permit',
  'tw_travel_permit',
  'passport',
  'uscc',
  'mobile',
] as const;
export const identityKindSchema = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const IDENTITY_ERROR_CODES = [
  'empty',
  'bad_characters',
  'bad_length',
  'bad_format',
  'bad_checksum',
  'bad_birth_date',
  'future_birth_date',
  'birth_date_too_early',
  'legacy_15_digit_id',
  'bad_permit_prefix',
  'kind_is_resident_id',
  'kind_is_hkmo_residence_permit',
  'kind_is_tw_residence_permit',
  'kind_is_foreign_permanent_resident_id',
  // Phones: what was typed fits no plan, or the named plan's rule is not met.
  'phone_unknown_plan',
  'phone_mainland_mobile',
  'phone_mainland_landline',
  'phone_hong_kong',
  'phone_macao',
  'phone_taiwan',
  'phone_international',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

// Warnings never block: the clerk checks the document and goes on.
export const IDENTITY_WARNING_CODES = ['unknown_region', 'uscc_checksum', 'foreign_pr_checksum'] as const;
export type IdentityWarningCode = (typeof IDENTITY_WARNING_CODES)[number];

export interface IdentityResult {
  ok: boolean;
  /** The normalised value (upper case, no spaces or hyphens, renewal count dropped); set when ok. */
  value?: string;
  /** Set when ok, possibly empty. */
  warnings?: IdentityWarningCode[];
  /** Set when not ok. */
  error?: IdentityErrorCode;
}

export interface ValidateOptions {
  /** The date a birth date must not be after; defaults to now. */
  today?: Date;
}

export interface IdentityFacts {
  /** YYYY-MM-DD */
  birthDate?: string;
  gender?: 'male' | 'female';
  /** GB/T 2260 code: the address code, or the province level only for the 2023 permanent resident ID. */
  regionCode?: string;
}

type Id18Kind = 'resident_id' | 'hkmo_residence_permit' | 'tw_residence_permit' | 'foreign_permanent_resident_id';

const ID18_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID18_CHECK_CHARS = '10X98765432';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Mainland province-level codes of GB/T 2260. 71 (Taiwan) is listed there but
// no resident ID carries it; 81–83 are the residence permits' own prefixes.
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65'.split(' '),
);

const PERMIT_PREFIXES: Partial<Record<Id18Kind, readonly string[]>> = {
  hkmo_residence_permit: ['810000', '820000'],
  tw_residence_permit: ['830000'],
};

const KIND_MISMATCH: Record<Id18Kind, IdentityErrorCode> = {
  resident_id: 'kind_is_resident_id',
  hkmo_residence_permit: 'kind_is_hkmo_residence_permit',
  tw_residence_permit: 'kind_is_tw_residence_permit',
  foreign_permanent_resident_id: 'kind_is_foreign_permanent_resident_id',
};

const EARLIEST_BIRTH_DATE = '19000101';

const fail = (error: IdentityErrorCode): IdentityResult => ({ ok: false, error });
const pass = (value: string, warnings: IdentityWarningCode[] = []): IdentityResult => ({ ok: true, value, warnings });

/** Full-width characters (typed with a Chinese IME) become ASCII; spaces and hyphens go. */
function normalise(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .toUpperCase();
}

/** Charset, then length, then layout, so the clerk learns the most basic problem first. */
function checkShape(s: string, charset: RegExp, lengths: readonly number[], layout: RegExp): IdentityErrorCode | null {
  if (!charset.test(s)) return 'bad_characters';
  if (!lengths.includes(s.length)) return 'bad_length';
  if (!layout.test(s)) return 'bad_format';
  return null;
}

function id18CheckChar(s: string): string {
  const sum = ID18_WEIGHTS.reduce((acc, w, i) => acc + Number(s[i]) * w, 0);
  return ID18_CHECK_CHARS[sum % 11]!;
}

function usccCheckChar(s: string): string {
  let sum = 0;
  for (let i = 0, weight = 1; i < 17; i++, weight = (weight * 3) % 31) sum += USCC_CHARS.indexOf(s[i]!) * weight;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** ICAO 9303 7-3-1 check digit: the 2017 permanent-residence card checks its number the MRZ way. */
function mrzCheckDigit(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += parseInt(s[i]!, 36) * [7, 3, 1][i % 3]!;
  return String(sum % 10);
}

/** Appendix A: the first characters tell which document an 18-digit number belongs to. */
function id18Family(s: string): Id18Kind {
  if (s.startsWith('9')) return 'foreign_permanent_resident_id';
  if (s.startsWith('81') || s.startsWith('82')) return 'hkmo_residence_permit';
  if (s.startsWith('83')) return 'tw_residence_permit';
  return 'resident_id';
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The clerk's calendar day, hence local time: YYYYMMDD. */
const compactDate = (date: Date): string => localDay(date).replaceAll('-', '');

function checkBirthDate(yyyymmdd: string, today: Date): IdentityErrorCode | null {
  if (!isRealDate(yyyymmdd)) return 'bad_birth_date';
  if (yyyymmdd < EARLIEST_BIRTH_DATE) return 'birth_date_too_early';
  if (yyyymmdd > compactDate(today)) return 'future_birth_date';
  return null;
}

function regionWarnings(province: string): IdentityWarningCode[] {
  return PROVINCES.has(province) ? [] : ['unknown_region'];
}

function validateId18(kind: Id18Kind, s: string, today: Date): IdentityResult {
  const shapeError = checkShape(s, /^[0-9X]*$/, [18], /^\d{17}[0-9X]$/);
  if (shapeError) return fail(shapeError);
  if (id18CheckChar(s) !== s[17]) return fail('bad_checksum');
  // Only a number that passes the checksum is surely another document, not a typo.
  const family = id18Family(s);
  if (family !== kind) return fail(KIND_MISMATCH[family]);
  const prefixes = PERMIT_PREFIXES[kind];
  if (prefixes && !prefixes.includes(s.slice(0, 6))) return fail('bad_permit_prefix');
  const dateError = checkBirthDate(s.slice(6, 14), today);
  if (dateError) return fail(dateError);
  if (kind === 'resident_id') return pass(s, regionWarnings(s.slice(0, 2)));
  if (kind === 'foreign_permanent_resident_id') return pass(s, regionWarnings(s.slice(1, 3)));
  return pass(s);
}

/**
 * The 2017 card: nationality (ISO alpha-3), issuing region (4), YYMMDD birth,
 * gender, check digit. The check digit is documented by one parser only, so a
 * mismatch warns instead of blocking.
 */
function validateForeignPr2017(s: string, today: Date): IdentityResult {
  if (!/^[A-Z]{3}\d{12}$/.test(s)) return fail('bad_format');
  const yymmdd = s.slice(7, 13);
  const todayCompact = compactDate(today);
  const plausible = ['20', '19'].some((century) => {
    const date = century + yymmdd;
    return isRealDate(date) && date <= todayCompact;
  });
  if (!plausible) return fail('bad_birth_date');
  const warnings = regionWarnings(s.slice(3, 5));
  if (mrzCheckDigit(s.slice(0, 14)) !== s[14]) warnings.push('foreign_pr_checksum');
  return pass(s, warnings);
}

function validateForeignPr(s: string, today: Date): IdentityResult {
  const shapeError = checkShape(s, /^[0-9A-Z]*$/, [15, 18], /^[0-9A-Z]+$/);
  if (shapeError) return fail(shapeError);
  return s.length === 15 ? validateForeignPr2017(s, today) : validateId18('foreign_permanent_resident_id', s, today);
}

function validateUscc(s: string): IdentityResult {
  const shapeError = checkShape(s, /^[0-9A-HJ-NP-RTUW-Y]*$/, [18], /^[0-9A-HJ-NP-RTUW-Y]{18}$/);
  if (shapeError) return fail(shapeError);
  // Early pilot codes, issued before GB 32100 settled, fail the checksum yet are genuine.
  return pass(s, usccCheckChar(s) === s[17] ? [] : ['uscc_checksum']);
}

const PASSPORT_LENGTHS = Array.from({ length: 16 }, (_, i) => i + 5);

export function validateIdentityDocument(
  kind: IdentityKind,
  value: string,
  options: ValidateOptions = {},
): IdentityResult {
  const s = normalise(value);
  if (s === '') return fail('empty');
  const today = options.today ?? new Date();
  switch (kind) {
    case 'resident_id':
      // First-generation numbers (GB 11643-1989) are for data migration only, not intake.
      if (/^\d{15}$/.test(s)) return fail('legacy_15_digit_id');
      return validateId18(kind, s, today);
    case 'hkmo_residence_permit':
    case 'tw_residence_permit':
      return validateId18(kind, s, today);
    case 'foreign_permanent_resident_id':
      return validateForeignPr(s, today);
    case 'hkmo_travel_permit': {
      // The two-digit renewal count is not part of the identity: it changes with each new card.
      const shapeError = checkShape(s, /^[0-9A-Z]*$/, [9, 11], /^[HM]\d{8}(\d{2})?$/);
      return shapeError ? fail(shapeError) : pass(s.slice(0, 9));
    }
    case 'tw_travel_permit': {
      const shapeError = checkShape(s, /^\d*$/, [8, 10], /^\d{8}(\d{2})?$/);
      return shapeError ? fail(shapeError) : pass(s.slice(0, 8));
    }
    case 'passport': {
      // Chinese and foreign passports share the kind, so only the general rule applies.
      const shapeError = checkShape(s, /^[0-9A-Z]*$/, PASSPORT_LENGTHS, /^[0-9A-Z]+$/);
      return shapeError ? fail(shapeError) : pass(s);
    }
    case 'uscc':
      return validateUscc(s);
    case 'mobile':
      // From the raw text: a phone's hyphen may set off an extension.
      return validatePhone(value);
  }
}

/** What an already validated, normalised number tells about its holder; {} for kinds that carry nothing. */
export function identityFacts(kind: IdentityKind, normalisedValue: string): IdentityFacts {
  const s = normalisedValue;
  if (!/^\d{17}[0-9X]$/.test(s)) return {};
  let regionCode: string;
  switch (kind) {
    case 'resident_id':
    case 'hkmo_residence_permit':
    case 'tw_residence_permit':
      regionCode = s.slice(0, 6);
      break;
    case 'foreign_permanent_resident_id':
      regionCode = `${s.slice(1, 3)}0000`;
      break;
    default:
      return {};
  }
  const compact = s.slice(6, 14);
  const facts: IdentityFacts = { gender: Number(s[16]) % 2 === 1 ? 'male' : 'female', regionCode };
  if (isRealDate(compact)) facts.birthDate = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  return facts;
}
