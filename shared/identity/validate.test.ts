import { describe, expect, it, vi } from 'vitest';
import {
  IDENTITY_ERROR_CODES,
  IDENTITY_KINDS,
  IDENTITY_WARNING_CODES,
  identityFacts,
  identityKindSchema,
  validateIdentityDocument,
  type IdentityErrorCode,
  type IdentityKind,
  type IdentityResult,
  type IdentityWarningCode,
} from './validate.ts';

// Local midnight, as the clerk's calendar day.
const TODAY = new Date(2025, 5, 1);

type Case = [kind: IdentityKind, input: string, expected: IdentityResult];

const ok = (value: string, ...warnings: IdentityWarningCode[]): IdentityResult => ({ ok: true, value, warnings });
const err = (error: IdentityErrorCode): IdentityResult => ({ ok: false, error });

// Check characters below were computed independently of the code under test.
const CASES: Case[] = [
  // Resident ID (GB 11643): published specimen numbers, x/X, separators, full-width digits.
  ['resident_id', '11010219781027232X', ok('11010219781027232X')],
  ['resident_id', '11010219781027232x', ok('11010219781027232X')],
  ['resident_id', ' 110102 19781027 232x ', ok('11010219781027232X')],
  ['resident_id', '110102-19781027-232X', ok('11010219781027232X')],
  ['resident_id', '４４０３０８１９９９０１１０１５１２', ok('440308199901101512')],
  ['resident_id', '34052419800101001X', ok('34052419800101001X')],
  ['resident_id', '110102200002291236', ok('110102200002291236')],
  ['resident_id', '110102190001011232', ok('110102190001011232')],
  ['resident_id', '440308202506011239', ok('440308202506011239')],
  ['resident_id', '710000199001011237', ok('710000199001011237', 'unknown_region')],
  ['resident_id', '200102199001011235', ok('200102199001011235', 'unknown_region')],
  ['resident_id', '', err('empty')],
  ['resident_id', ' \u3000 ', err('empty')],
  ['resident_id', '11010219781027232Y', err('bad_characters')],
  ['resident_id', '11010219781027232.', err('bad_characters')],
  ['resident_id', '11010219781027232', err('bad_length')],
  ['resident_id', '11010219781027232X1', err('bad_length')],
  ['resident_id', '1101021978102723X2', err('bad_format')],
  ['resident_id', '110102197810272329', err('bad_checksum')],
  ['resident_id', '110102199002301232', err('bad_birth_date')],
  ['resident_id', '11010219000229123X', err('bad_birth_date')],
  ['resident_id', '440308202506021234', err('future_birth_date')],
  ['resident_id', '110102203001011232', err('future_birth_date')],
  ['resident_id', '110102189912311238', err('birth_date_too_early')],
  ['resident_id', '110102781027232', err('legacy_15_digit_id')],
  ['resident_id', '810000199408230021', err('kind_is_hkmo_residence_permit')],
  ['resident_id', '830000199201300022', err('kind_is_tw_residence_permit')],
  ['resident_id', '911840198503151238', err('kind_is_foreign_permanent_resident_id')],

  // Residence permits: specimen numbers from the permits' published samples.
  ['hkmo_residence_permit', '810000199408230021', ok('810000199408230021')],
  ['hkmo_residence_permit', '820000198511112346', ok('820000198511112346')],
  ['hkmo_residence_permit', '810000199408230022', err('bad_checksum')],
  ['hkmo_residence_permit', '811000199001011231', err('bad_permit_prefix')],
  ['hkmo_residence_permit', '810000189912310021', err('birth_date_too_early')],
  ['hkmo_residence_permit', '830000199201300022', err('kind_is_tw_residence_permit')],
  ['hkmo_residence_permit', '11010219781027232X', err('kind_is_resident_id')],
  ['hkmo_residence_permit', '944392199007200549', err('kind_is_foreign_permanent_resident_id')],
  ['tw_residence_permit', '830000199201300022', ok('830000199201300022')],
  ['tw_residence_permit', '830000203001011233', err('future_birth_date')],
  ['tw_residence_permit', '830000199902310020', err('bad_birth_date')],
  ['tw_residence_permit', '810000199408230021', err('kind_is_hkmo_residence_permit')],
  ['tw_residence_permit', '440308199901101512', err('kind_is_resident_id')],

  // Foreign permanent resident ID, 2023 form (MOD 11-2) and 2017 form (MRZ-style check).
  ['foreign_permanent_resident_id', '911840198503151238', ok('911840198503151238')],
  ['foreign_permanent_resident_id', '944392199007200549', ok('944392199007200549')],
  ['foreign_permanent_resident_id', '999398199012310023', ok('999398199012310023', 'unknown_region')],
  ['foreign_permanent_resident_id', '911840198503151239', err('bad_checksum')],
  ['foreign_permanent_resident_id', '911840203001011239', err('future_birth_date')],
  ['foreign_permanent_resident_id', '91184019990231123X', err('bad_birth_date')],
  ['foreign_permanent_resident_id', 'A11840198503151238', err('bad_characters')],
  ['foreign_permanent_resident_id', '11010219781027232X', err('kind_is_resident_id')],
  ['foreign_permanent_resident_id', 'KAZ110090123105', ok('KAZ110090123105')],
  ['foreign_permanent_resident_id', 'kaz 110090 123105', ok('KAZ110090123105')],
  ['foreign_permanent_resident_id', 'USA440000022918', ok('USA440000022918')],
  ['foreign_permanent_resident_id', 'KAZ110090123107', ok('KAZ110090123107', 'foreign_pr_checksum')],
  ['foreign_permanent_resident_id', 'KAZ990090123105', ok('KAZ990090123105', 'unknown_region')],
  ['foreign_permanent_resident_id', 'KAZ110091323100', err('bad_birth_date')],
  ['foreign_permanent_resident_id', 'USA440099022914', err('bad_birth_date')],
  ['foreign_permanent_resident_id', '1AZ110090123105', err('bad_format')],
  ['foreign_permanent_resident_id', 'KAZ11009012310', err('bad_length')],
  ['foreign_permanent_resident_id', 'KAZ11009012310.', err('bad_characters')],

  // Travel permits: the renewal count is dropped (it changes with each new card, the holder does not).
  ['hkmo_travel_permit', 'H12345678', ok('H12345678')],
  ['hkmo_travel_permit', 'h12345678', ok('H12345678')],
  ['hkmo_travel_permit', 'H12345678 01', ok('H12345678')],
  ['hkmo_travel_permit', 'H1234567801', ok('H12345678')],
  ['hkmo_travel_permit', 'M-8765-4321', ok('M87654321')],
  ['hkmo_travel_permit', 'X12345678', err('bad_format')],
  ['hkmo_travel_permit', 'H1234567', err('bad_length')],
  ['hkmo_travel_permit', 'H123456780', err('bad_length')],
  ['hkmo_travel_permit', 'H1234567#', err('bad_characters')],
  ['tw_travel_permit', '12345678', ok('12345678')],
  ['tw_travel_permit', '12345678 01', ok('12345678')],
  ['tw_travel_permit', '1234567801', ok('12345678')],
  ['tw_travel_permit', '1234567', err('bad_length')],
  ['tw_travel_permit', 'T1234567', err('bad_characters')],

  // Passports: Chinese and foreign, 5–20 letters and digits.
  ['passport', 'E12345678', ok('E12345678')],
  ['passport', 'EA1234567', ok('EA1234567')],
  ['passport', 'g12345678', ok('G12345678')],
  ['passport', 'AB 123 456', ok('AB123456')],
  ['passport', 'X1234', ok('X1234')],
  ['passport', 'A1234567890123456789', ok('A1234567890123456789')],
  ['passport', 'AB12', err('bad_length')],
  ['passport', 'A12345678901234567890', err('bad_length')],
  ['passport', 'E1234567/', err('bad_characters')],

  // USCC (GB 32100): a failed checksum only warns (early pilot codes fail it yet are genuine).
  ['uscc', '91110108551385082Q', ok('91110108551385082Q')],
  ['uscc', '91110108551385082q', ok('91110108551385082Q')],
  ['uscc', '91350100M0001TGQXM', ok('91350100M0001TGQXM', 'uscc_checksum')],
  ['uscc', '91350100M0001TGQX1', ok('91350100M0001TGQX1')],
  ['uscc', '91110108551385082', err('bad_length')],
  ['uscc', '91110108551385O82Q', err('bad_characters')],
  ['uscc', '9111010855138508ZQ', err('bad_characters')],

  // Phones (kind 'mobile'): each plan's rule, and the canonical form it is stored and searched in.
  // Mainland mobile: 11 digits from 13–19; +86, 0086 and 86 in front are dropped.
  ['mobile', '13812348000', ok('13812348000')],
  ['mobile', '+86 138 1234 8000', ok('13812348000')],
  ['mobile', '+8613812348000', ok('13812348000')],
  ['mobile', '8613812348000', ok('13812348000')],
  ['mobile', '0086 13812348000', ok('13812348000')],
  ['mobile', '138-1234-8000', ok('13812348000')],
  ['mobile', '１３８１２３４８０００', ok('13812348000')],
  ['mobile', '19212348000', ok('19212348000')],
  ['mobile', '12812348000', err('phone_mainland_mobile')],
  ['mobile', '1381234800', err('phone_mainland_mobile')],
  ['mobile', '138123480001', err('phone_mainland_mobile')],
  ['mobile', '+86 1381234800', err('phone_mainland_mobile')],
  // Mainland landline: 010/02X + 8 digits, 0[3-9]XX + 7 or 8; the number not from 0 or 1; extension ≤ 6 digits.
  ['mobile', '010-62345678', ok('010-62345678')],
  ['mobile', '01062345678', ok('010-62345678')],
  ['mobile', '(021) 6123 4567', ok('021-61234567')],
  ['mobile', '0791-86123456', ok('0791-86123456')],
  ['mobile', '0791-8612345', ok('0791-8612345')],
  ['mobile', '0791-86123456-8001', ok('0791-86123456-8001')],
  ['mobile', '0791-86123456 转 8001', ok('0791-86123456-8001')],
  ['mobile', '0791 86123456 ext. 8001', ok('0791-86123456-8001')],
  ['mobile', '+86 10 6234 5678', ok('010-62345678')],
  ['mobile', '+86 0791 86123456', ok('0791-86123456')],
  ['mobile', '010-6234567', err('phone_mainland_landline')],
  ['mobile', '0791-861234', err('phone_mainland_landline')],
  ['mobile', '0791-861234567', err('phone_mainland_landline')],
  ['mobile', '0791-06123456', err('phone_mainland_landline')],
  ['mobile', '011-62345678', err('phone_mainland_landline')],
  ['mobile', '0791-86123456转1234567', err('phone_mainland_landline')],
  // Hong Kong and Macao: +852 / +853 and 8 digits.
  ['mobile', '+852 9123 4567', ok('+852 91234567')],
  ['mobile', '00852 91234567', ok('+852 91234567')],
  ['mobile', '+852-2123-4567', ok('+852 21234567')],
  ['mobile', '+852 9123 456', err('phone_hong_kong')],
  ['mobile', '+852 9123 45678', err('phone_hong_kong')],
  ['mobile', '+853 6612 3456', ok('+853 66123456')],
  ['mobile', '+853 2812345', err('phone_macao')],
  // Taiwan: +886, mobiles 9 digits from 9, landlines 8–9 with the area code; a trunk 0 typed after +886 is dropped.
  ['mobile', '+886 912 345 678', ok('+886 912345678')],
  ['mobile', '+886 0912 345 678', ok('+886 912345678')],
  ['mobile', '+886 2 2345 6789', ok('+886 223456789')],
  ['mobile', '+886 7 123 4567', ok('+886 71234567')], // Kaohsiung landline: 8 digits
  ['mobile', '+886 07-1234567', ok('+886 71234567')],
  ['mobile', '+886 91234567', err('phone_taiwan')], // a mobile one digit short
  ['mobile', '+886 1234 5678', err('phone_taiwan')],
  ['mobile', '+886 9123456789', err('phone_taiwan')],
  // Elsewhere: E.164, + and 7–15 digits, the country code not 0; stored with the code split off.
  ['mobile', '+44 20 7123 4567', ok('+44 2071234567')],
  ['mobile', '+1 (415) 555-2671', ok('+1 4155552671')],
  ['mobile', '+7 912 345 67 89', ok('+7 9123456789')],
  ['mobile', '+82 10-1234-5678', ok('+82 1012345678')],
  ['mobile', '0044 20 7123 4567', ok('+44 2071234567')],
  ['mobile', '+971 50 123 4567', ok('+971 501234567')],
  ['mobile', '+49 1234567890123', ok('+49 1234567890123')],
  ['mobile', '+49 12345678901234', err('phone_international')],
  ['mobile', '+0 123 456 789', err('phone_international')],
  ['mobile', '+44 123', err('phone_international')],
  // No known plan: a local number without its code, letters, an extension on a mobile.
  ['mobile', '91234567', err('phone_unknown_plan')],
  ['mobile', '852 91234567', err('phone_unknown_plan')],
  ['mobile', '138 1234 800a', err('phone_unknown_plan')],
  ['mobile', '13812348000 转 12', err('phone_unknown_plan')],
  ['mobile', '+44 20 7123 4567 ext 12', err('phone_unknown_plan')],
  ['mobile', '0791-86123456#12#3', err('phone_unknown_plan')],
  ['mobile', '+', err('phone_unknown_plan')],
];

describe('validateIdentityDocument', () => {
  it.each(CASES)('%s %j', (kind, input, expected) => {
    expect(validateIdentityDocument(kind, input, { today: TODAY })).toEqual(expected);
  });

  it('returns exactly the listed codes, and every listed code is reachable', () => {
    const results = CASES.map(([kind, input]) => validateIdentityDocument(kind, input, { today: TODAY }));
    const errors = new Set(results.flatMap((r) => (r.error ? [r.error] : [])));
    const warnings = new Set(results.flatMap((r) => r.warnings ?? []));
    expect([...errors].sort()).toEqual([...IDENTITY_ERROR_CODES].sort());
    expect([...warnings].sort()).toEqual([...IDENTITY_WARNING_CODES].sort());
  });

  it('rejects empty input for every kind', () => {
    for (const kind of IDENTITY_KINDS) expect(validateIdentityDocument(kind, '  ')).toEqual(err('empty'));
  });

  it('checks birth dates against the current date when no "today" is given', () => {
    vi.useFakeTimers({ now: TODAY });
    try {
      expect(validateIdentityDocument('resident_id', '440308202506011239').ok).toBe(true);
      expect(validateIdentityDocument('resident_id', '440308202506021234')).toEqual(err('future_birth_date'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats a birth date one day after "today" as future, whatever the time of day', () => {
    const lateEvening = new Date(2025, 4, 31, 23, 59);
    expect(validateIdentityDocument('resident_id', '440308202506011239', { today: lateEvening })).toEqual(
      err('future_birth_date'),
    );
  });
});

describe('identityKindSchema', () => {
  it('accepts every kind and nothing else', () => {
    for (const kind of IDENTITY_KINDS) expect(identityKindSchema.parse(kind)).toBe(kind);
    expect(identityKindSchema.safeParse('driving_licence').success).toBe(false);
  });
});

describe('identityFacts', () => {
  it.each<[IdentityKind, string, ReturnType<typeof identityFacts>]>([
    ['resident_id', '11010219781027232X', { birthDate: '1978-10-27', gender: 'female', regionCode: '110102' }],
    ['resident_id', '440308199901101512', { birthDate: '1999-01-10', gender: 'male', regionCode: '440308' }],
    [
      'hkmo_residence_permit',
      '810000199408230021',
      { birthDate: '1994-08-23', gender: 'female', regionCode: '810000' },
    ],
    ['tw_residence_permit', '830000199201300022', { birthDate: '1992-01-30', gender: 'female', regionCode: '830000' }],
    [
      'foreign_permanent_resident_id',
      '911840198503151238',
      { birthDate: '1985-03-15', gender: 'male', regionCode: '110000' },
    ],
    [
      'foreign_permanent_resident_id',
      '944392199007200549',
      { birthDate: '1990-07-20', gender: 'female', regionCode: '440000' },
    ],
    // Not validated first: an impossible date is left out rather than invented.
    ['resident_id', '110102199002301232', { gender: 'male', regionCode: '110102' }],
    ['foreign_permanent_resident_id', 'KAZ110090123105', {}],
    ['hkmo_travel_permit', 'H12345678', {}],
    ['passport', 'E12345678', {}],
    ['uscc', '91110108551385082Q', {}],
    ['mobile', '13812348000', {}],
  ])('%s %s', (kind, value, expected) => {
    expect(identityFacts(kind, value)).toEqual(expected);
  });
});
