// The simulator's cards: synthetic people (no real person has these numbers'
// combination of name, birth and address), with valid GB 11643 check digits so
// they pass the same checks a real card does.
import type { ChipIdentity } from '../../../../shared/rpc/methods/id-card.ts';
import { encodeCardText } from './card-text.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check character for the first 17 digits. */
function withCheck(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + Number(first17[i]) * w, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The 2017 permanent-residence number's ICAO 9303 check digit. */
function withMrzCheck(first14: string): string {
  let sum = 0;
  for (let i = 0; i < first14.length; i++) sum += parseInt(first14[i]!, 36) * [7, 3, 1][i % 3]!;
  return first14 + String(sum % 10);
}

export interface FixtureCard {
  cardType: ChipIdentity['cardType'];
  text: Buffer;
  /** Stands in for the WLT photo: the simulator cannot make a real one, and the driver treats it as opaque bytes. */
  wlt: Buffer;
}

function card(
  cardType: ChipIdentity['cardType'],
  values: Parameters<typeof encodeCardText>[1],
  seed: number,
): FixtureCard {
  const wlt = Buffer.alloc(1024);
  for (let i = 0; i < wlt.length; i++) wlt[i] = (i * 31 + seed) & 0xff;
  return { cardType, text: encodeCardText(cardType, values), wlt };
}

export const FIXTURE_CARDS = {
  // A resident of the example region, valid for twenty years from 2016.
  resident: card(
    'resident',
    {
      name: '测试样',
      sex: '2',
      ethnicity: '01',
      birthDate: '19880512',
      address: '江西省赣州市石城县琴江镇样例路18号',
      idNumber: withCheck('36073019880512402'),
      authority: '石城县公安局',
      validFrom: '20160301',
      validTo: '20360301',
    },
    1,
  ),
  // Valid for life (长期), as a card issued at 46 or older is.
  resident_long_term: card(
    'resident',
    {
      name: '样本长',
      sex: '1',
      ethnicity: '03',
      birthDate: '19600101',
      address: '北京市东城区示例胡同3号',
      idNumber: withCheck('11010119600101003'),
      authority: '北京市公安局东城分局',
      validFrom: '20100101',
      validTo: '长期',
    },
    2,
  ),
  // Expired in 2020: the clerk is warned.
  resident_expired: card(
    'resident',
    {
      name: '过期样',
      sex: '1',
      ethnicity: '08',
      birthDate: '19750620',
      address: '广西壮族自治区南宁市青秀区样例大道7号',
      idNumber: withCheck('45010319750620051'),
      authority: '南宁市公安局青秀分局',
      validFrom: '20000620',
      validTo: '20200620',
    },
    3,
  ),
  // 港澳居民居住证, with the travel permit's number and issue count.
  hk_permit: card(
    'hmt_permit',
    {
      name: '港样例',
      sex: '1',
      birthDate: '19900215',
      address: '广东省深圳市福田区样例路1号',
      idNumber: withCheck('81000019900215007'),
      authority: '深圳市公安局福田分局',
      validFrom: '20220101',
      validTo: '20270101',
      passNumber: 'H12345678',
      issueCount: '01',
    },
    4,
  ),
  // 外国人永久居留身份证 (2017).
  foreign_permanent: card(
    'foreign_permanent',
    {
      englishName: 'SAMPLE, ALEX',
      sex: '2',
      idNumber: withMrzCheck('CAN31008806152'),
      nationality: 'CAN',
      name: '样亚历',
      validFrom: '20180101',
      validTo: '20280101',
      birthDate: '19880615',
      version: '01',
      authorityCode: '1500',
    },
    5,
  ),
} as const satisfies Record<string, FixtureCard>;

export type FixtureCardName = keyof typeof FIXTURE_CARDS;
export const FIXTURE_CARD_NAMES = Object.keys(FIXTURE_CARDS) as FixtureCardName[];
