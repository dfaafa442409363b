import { describe, expect, it } from 'vitest';
import { pinyinInitials, pinyinSyllables, searchMatters } from './search.ts';
import { SEED_CATALOG } from './seed.ts';

const matters = SEED_CATALOG.matters;
const ids = (query: string, limit?: number) => searchMatters(matters, query, limit).map((m) => m.id);

describe('pinyinInitials', () => {
  it.each([
    ['养老保险', 'ylbx'],
    ['职称', 'zc'],
    ['劳动争议调解', 'ldzytj'],
    ['参保地', 'cbd'],
    ['社保卡 A1', 'sbka1'],
    ['（跨省）', 'ks'],
    ['', ''],
  ])('%j → %j', (text, initials) => {
    expect(pinyinInitials(text)).toBe(initials);
  });
});

describe('pinyinSyllables', () => {
  it.each([
    ['养老保险', ['yang', 'lao', 'bao', 'xian']],
    ['社保卡 A1', ['she', 'bao', 'ka', 'a', '1']],
    ['（跨省）', ['kua', 'sheng']],
    ['', []],
  ])('%j → %j', (text, syllables) => {
    expect(pinyinSyllables(text)).toEqual(syllables);
  });
});

describe('searchMatters', () => {
  it('finds a matter by its exact id, in any case', () => {
    expect(ids('KST-SI-004')).toEqual(['KST-SI-004']);
    expect(ids('kst-tal-001')).toEqual(['KST-TAL-001']);
  });

  it('finds matters by id prefix, with or without KST- and hyphens', () => {
    expect(ids('KST-SI')).toEqual([
      'KST-SI-001',
      'KST-SI-002',
      'KST-SI-003',
      'KST-SI-004',
      'KST-SI-005',
      'KST-SI-006',
      'KST-SI-007',
    ]);
    expect(ids('si004')).toEqual(['KST-SI-004']);
    expect(ids('SI-004')).toEqual(['KST-SI-004']);
    expect(ids('lab')).toEqual(['KST-LAB-001', 'KST-LAB-002']);
    expect(ids('emp00')).toEqual(['KST-EMP-001', 'KST-EMP-002', 'KST-EMP-003']);
  });

  it('finds matters by a Chinese name substring, simplified or traditional', () => {
    expect(ids('养老保险关系')).toEqual(['KST-SI-004', 'KST-SI-005']);
    expect(ids('職稱')).toEqual(['KST-TAL-002', 'KST-TAL-001']);
    expect(ids('失业')).toEqual(['KST-EMP-001', 'KST-EMP-003']);
  });

  it('finds matters by English name, ignoring case', () => {
    expect(ids('ARBITRATION')).toEqual(['KST-LAB-002']);
    expect(ids('social security card')).toEqual(['KST-SI-006']);
  });

  it('finds matters by the pinyin initials of the zh-CN name', () => {
    // 养老保险 and 医疗保险 share their initials.
    expect(ids('ylbx')).toEqual(['KST-SI-004', 'KST-SI-005', 'KST-SI-007', 'KST-MI-001']);
    expect(ids('zc')).toEqual(expect.arrayContaining(['KST-TAL-001', 'KST-TAL-002']));
    expect(ids('zc')[0]).toBe('KST-TAL-002'); // the name starts with 职称
    expect(ids('sydj')).toEqual(['KST-EMP-001']);
  });

  it('finds matters by full pinyin from the start of a syllable, without tones or spaces', () => {
    const pensionTransfers = ['KST-SI-004', 'KST-SI-005'];
    expect(ids('qiyezhigongjibenyanglao')).toEqual(['KST-SI-004']);
    expect(ids('qiye zhigong')).toEqual(['KST-SI-004']);
    expect(ids('yanglaobaoxianguanxi')).toEqual(pensionTransfers);
    // The last syllable may be unfinished, as it is while typing.
    expect(ids('yanglaobaoxianguanx')).toEqual(pensionTransfers);
    expect(ids('yanglao')).toEqual(expect.arrayContaining(pensionTransfers));
    // Neither from the middle of a syllable, nor initials run into a full syllable.
    expect(ids('anglaobaoxian')).toEqual([]);
    expect(ids('ylbaoxian')).toEqual([]);
  });

  it("ranks full pinyin at the name's start above full pinyin inside it", () => {
    // 领取养老金… begins with lingqu; 企业职工基本养老… has it nowhere.
    expect(ids('lingquyanglao')).toEqual(['KST-SI-003']);
    const yanglao = ids('yanglao');
    const startsWith = matters.filter((m) => pinyinSyllables(m.names['zh-CN']).join('').startsWith('yanglao'));
    expect(yanglao.slice(0, startsWith.length)).toEqual(startsWith.map((m) => m.id));
    expect(yanglao).toEqual(expect.arrayContaining(['KST-SI-003', 'KST-SI-004', 'KST-SI-005']));
  });

  it('ranks an id match above a name match', () => {
    // 'si' prefixes the SI ids and nothing beats them.
    expect(ids('si').slice(0, 6)).toEqual([
      'KST-SI-001',
      'KST-SI-002',
      'KST-SI-003',
      'KST-SI-004',
      'KST-SI-005',
      'KST-SI-006',
    ]);
  });

  it('lists case-creating matters first for an empty query', () => {
    const all = ids('  ');
    expect(all).toHaveLength(19);
    expect(all.at(-1)).toBe('KST-SI-001');
    expect(all.slice(0, 2)).toEqual(['KST-SI-002', 'KST-SI-003']);
  });

  it('applies the limit and returns nothing for no match', () => {
    expect(ids('', 3)).toEqual(['KST-SI-002', 'KST-SI-003', 'KST-SI-004']);
    expect(ids('KST-SI', 2)).toEqual(['KST-SI-001', 'KST-SI-002']);
    expect(ids('火星')).toEqual([]);
  });

  it('returns the matter objects themselves', () => {
    expect(searchMatters(matters, 'si004')[0]).toBe(matters[3]);
  });
});
