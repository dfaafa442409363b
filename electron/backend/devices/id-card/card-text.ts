// The 256 bytes of text a reader returns from the card, UCS-2LE in fixed-width
// fields, padded with spaces. Three cards share the frame and differ in layout;
// the card-type character at byte 248 tells them apart (a space on the resident
// ID card, "J" on the Hong Kong/Macao/Taiwan residence permit, "I" on the
// foreigner's permanent residence card of 2017). Each layout is declared once
// here and both decoded (driver) and encoded (simulator) from it.
import type { ChipIdentity } from '../../../../shared/rpc/methods/id-card.ts';
import { identityFacts, validateIdentityDocument } from '../../../../shared/identity/validate.ts';
import { isNationalityCode } from '../../../../shared/identity/nationality.ts';
import { ETHNICITIES } from '../../../../shared/identity/ethnicity.ts';

export const TEXT_BYTES = 256;
export const CARD_TYPE_OFFSET = 248;

type Field =
  | 'name'
  | 'englishName'
  | 'sex'
  | 'ethnicity'
  | 'birthDate'
  | 'address'
  | 'idNumber'
  | 'authority'
  | 'validFrom'
  | 'validTo'
  | 'nationality'
  | 'passNumber'
  | 'issueCount'
  | 'version'
  | 'authorityCode'
  | 'cardType'
  | 'reserved';

type Layout = readonly (readonly [Field, number])[];

export const LAYOUTS = {
  // 居民身份证
  resident: [
    ['name', 30],
    ['sex', 2],
    ['ethnicity', 4],
    ['birthDate', 16],
    ['address', 70],
    ['idNumber', 36],
    ['authority', 30],
    ['validFrom', 16],
    ['validTo', 16],
    ['reserved', 28],
    ['cardType', 2],
    ['reserved', 6],
  ],
  // 港澳台居民居住证: the resident layout without ethnicity, with the travel permit's number and issue count.
  hmt_permit: [
    ['name', 30],
    ['sex', 2],
    ['reserved', 4],
    ['birthDate', 16],
    ['address', 70],
    ['idNumber', 36],
    ['authority', 30],
    ['validFrom', 16],
    ['validTo', 16],
    ['passNumber', 18],
    ['issueCount', 4],
    ['reserved', 6],
    ['cardType', 2],
    ['reserved', 6],
  ],
  // 外国人永久居留身份证 (2017): English name first, no address.
  foreign_permanent: [
    ['englishName', 120],
    ['sex', 2],
    ['idNumber', 30],
    ['nationality', 6],
    ['name', 30],
    ['validFrom', 16],
    ['validTo', 16],
    ['birthDate', 16],
    ['version', 4],
    ['authorityCode', 8],
    ['cardType', 2],
    ['reserved', 6],
  ],
} as const satisfies Record<ChipIdentity['cardType'], Layout>;

const CARD_TYPE_CHARS: Record<string, ChipIdentity['cardType']> = {
  ' ': 'resident',
  J: 'hmt_permit',
  I: 'foreign_permanent',
};
const LONG_TERM = '长期';

/** Why the text is not an identity: a card type this build does not read, or fields that do not hold together. */
export type TextProblem = 'unsupported_card' | 'bad_data';

export class CardTextError extends Error {
  readonly problem: TextProblem;
  constructor(problem: TextProblem, message: string) {
    super(message);
    this.name = 'CardTextError';
    this.problem = problem;
  }
}

function fields(layout: Layout, text: Buffer): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  let offset = 0;
  for (const [field, bytes] of layout) {
    if (field !== 'reserved') {
      out[field] = text
        .subarray(offset, offset + bytes)
        .toString('utf16le')
        .replace(/[\s\0]+$/u, '');
    }
    offset += bytes;
  }
  return out;
}

function isoDate(compact: string | undefined): string {
  if (!compact || !/^\d{8}$/.test(compact)) throw new CardTextError('bad_data', 'A date on the card is not YYYYMMDD.');
  const iso = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new CardTextError('bad_data', 'A date on the card does not exist.');
  }
  return iso;
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new CardTextError('bad_data', `The card's ${what} is empty.`);
  // Control characters or unpaired surrogates mean the bytes were not text.
  if (/[\p{Cc}\uFFFD]|[\uD800-\uDFFF]/u.test(value)) {
    throw new CardTextError('bad_data', `The card's ${what} is not text.`);
  }
  return value;
}

const SEXES: Record<string, ChipIdentity['sex']> = { '1': 'male', '2': 'female' };

/** The card's identity from its 256 text bytes; throws CardTextError rather than return anything half-read. */
export function decodeCardText(text: Buffer): Omit<ChipIdentity, 'expired' | 'photo'> {
  if (text.length !== TEXT_BYTES) throw new CardTextError('bad_data', 'The card text is not 256 bytes.');
  const typeChar = text.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2).toString('utf16le');
  const cardType = CARD_TYPE_CHARS[typeChar === '\0' ? ' ' : typeChar];
  if (!cardType) throw new CardTextError('unsupported_card', 'The card is of a type this reader driver does not read.');
  const f = fields(LAYOUTS[cardType], text);
  const sex = SEXES[f.sex ?? ''];
  if (!sex) throw new CardTextError('bad_data', 'The card’s sex code is not 1 or 2.');
  const validTo = f.validTo === LONG_TERM ? null : isoDate(f.validTo);
  const common = { sex, birthDate: isoDate(f.birthDate), validFrom: isoDate(f.validFrom), validTo };
  if (cardType === 'foreign_permanent') {
    const idNumber = required(f.idNumber, 'number');
    const nationality = required(f.nationality, 'nationality');
    if (!validateIdentityDocument('foreign_permanent_resident_id', idNumber).ok || !isNationalityCode(nationality)) {
      throw new CardTextError('bad_data', 'The card’s number or nationality is not valid.');
    }
    const englishName = required(f.englishName, 'English name');
    return {
      cardType,
      idKind: 'foreign_permanent_resident_id',
      name: f.name ? required(f.name, 'name') : englishName,
      englishName,
      nationality,
      idNumber,
      ...common,
    };
  }
  const idNumber = required(f.idNumber, 'number');
  const idKind =
    cardType === 'resident'
      ? 'resident_id'
      : idNumber.startsWith('83')
        ? 'tw_residence_permit'
        : 'hkmo_residence_permit';
  if (!validateIdentityDocument(idKind, idNumber).ok) {
    throw new CardTextError('bad_data', 'The card’s number fails its check digit or layout.');
  }
  // The number repeats the birth date and the sex: a card whose fields disagree with it is not read right.
  const facts = identityFacts(idKind, idNumber);
  if (facts.birthDate !== common.birthDate || facts.gender !== sex) {
    throw new CardTextError('bad_data', 'The card’s birth date or sex disagrees with its number.');
  }
  const ethnicity = cardType === 'resident' ? ETHNICITIES[f.ethnicity ?? ''] : undefined;
  if (cardType === 'resident' && !ethnicity)
    throw new CardTextError('bad_data', 'The card’s ethnicity code is unknown.');
  return {
    cardType,
    idKind,
    name: required(f.name, 'name'),
    idNumber,
    address: required(f.address, 'address'),
    authority: required(f.authority, 'issuing authority'),
    ...(ethnicity ? { ethnicity } : {}),
    ...(f.passNumber ? { passNumber: required(f.passNumber, 'permit number') } : {}),
    ...common,
  };
}

/** The text a card of this layout carries, for the simulator's cards; values given as they sit on the card. */
export function encodeCardText(cardType: ChipIdentity['cardType'], values: Partial<Record<Field, string>>): Buffer {
  const text = Buffer.alloc(TEXT_BYTES);
  let offset = 0;
  for (const [field, bytes] of LAYOUTS[cardType]) {
    const value =
      field === 'cardType'
        ? Object.keys(CARD_TYPE_CHARS).find((c) => CARD_TYPE_CHARS[c] === cardType)!
        : field === 'reserved'
          ? ''
          : (values[field] ?? '');
    const encoded = Buffer.from(value.padEnd(bytes / 2, ' '), 'utf16le');
    if (encoded.length !== bytes) throw new Error(`${field} does not fit in ${bytes} bytes.`);
    encoded.copy(text, offset);
    offset += bytes;
  }
  return text;
}
