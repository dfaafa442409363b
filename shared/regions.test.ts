import { describe, expect, it } from 'vitest';
import { DIVISIONS } from './region-data.ts';
import { ALLIANCE_REGIONS, isKnownRegion, region, regionName, searchRegions } from './regions.ts';

const codes = (query: string, limit?: number) => searchRegions(query, limit).map((r) => r.code);

describe('the region list', () => {
  it.each([
    ['360430', '江西省九江市彭泽县', '江西省九江市彭澤縣'],
    ['421127', '湖北省黄冈市黄梅县', '湖北省黃岡市黃梅縣'],
    ['340826', '安徽省安庆市宿松县', '安徽省安慶市宿松縣'],
    ['110101', '北京市东城区', '北京市東城區'],
    ['429004', '湖北省仙桃市', '湖北省仙桃市'],
    ['441900', '广东省东莞市', '廣東省東莞市'],
  ])('knows %s as %s', (code, zhCN, zhTW) => {
    expect(region(code)?.names).toEqual({ 'zh-CN': zhCN, 'zh-TW': zhTW });
    expect(isKnownRegion(code)).toBe(true);
  });

  it('refuses codes that are not county-level divisions', () => {
    for (const code of ['421100', '42', '4211', '999999', '340371', '42112', '']) {
      expect(isKnownRegion(code), code).toBe(false);
    }
  });

  it('agrees with the alliance names', () => {
    for (const [code, names] of Object.entries(ALLIANCE_REGIONS)) {
      expect(region(code)?.names, code).toEqual({ 'zh-CN': names['zh-CN'], 'zh-TW': names['zh-TW'] });
    }
  });

  it('holds every county-level division once', () => {
    const lines = DIVISIONS.split('\n').filter((l) => /^\d{6}\|/.test(l));
    expect(lines.length).toBeGreaterThan(2800);
    expect(new Set(lines.map((l) => l.slice(0, 6))).size).toBe(lines.length);
  });
});

describe('regionName', () => {
  it('names the alliance in three languages and the others in Chinese', () => {
    expect(regionName('421127', 'en')).toBe('Huangmei County, Huanggang, Hubei（421127）');
    expect(regionName('421127', 'zh-TW')).toBe('湖北省黃岡市黃梅縣（421127）');
    expect(regionName('110101', 'zh-CN')).toBe('北京市东城区（110101）');
    expect(regionName('110101', 'zh-TW')).toBe('北京市東城區（110101）');
    expect(regionName('110101', 'en')).toBe('北京市东城区（110101）');
    expect(regionName('999999', 'zh-CN')).toBe('999999');
  });
});

describe('searchRegions', () => {
  it('finds by code, exact first, then by prefix', () => {
    expect(codes('340826')).toEqual(['340826']);
    expect(codes('3408')).toContain('340826');
    expect(codes('3408').every((c) => c.startsWith('3408'))).toBe(true);
  });

  it('finds by name in either script, the county itself before places inside a larger name', () => {
    expect(codes('宿松')).toEqual(['340826']);
    expect(codes('黃梅')).toEqual(['421127']);
    const huanggang = codes('黄冈');
    expect(huanggang).toContain('421127');
    expect(huanggang.every((c) => c.startsWith('4211'))).toBe(true);
  });

  it('finds by pinyin initials of the county, then of the full name', () => {
    expect(codes('ssx')).toContain('340826');
    expect(codes('hmx')).toEqual(expect.arrayContaining(['421127', '232721'])); // 黄梅县, 呼玛县
    // 湖北省黄冈市黄梅县 → hbshgshmx: a substring of the full name's initials
    expect(codes('hgshm')).toEqual(['421127']);
  });

  it('finds nothing for an empty or unmatched query and honours the limit', () => {
    expect(codes('  ')).toEqual([]);
    expect(codes('qqqqqq')).toEqual([]);
    expect(codes('x', 5)).toHaveLength(5);
  });
});
