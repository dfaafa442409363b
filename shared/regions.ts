// GB/T 2260 county-level divisions, from the generated list in region-data.ts:
// the names printed on receipts and lists, the check that a typed or chosen
// code exists, and the clerk's search by name, pinyin initials or code.
import type { Language } from './languages.ts';
import { DIVISIONS } from './region-data.ts';

/**
 * The 三省六地 alliance and its neighbours, which this product meets first,
 * also named in English. The list has no English names: other codes are
 * shown in Chinese in an English text.
 */
export const ALLIANCE_REGIONS: Record<string, Record<Language, string>> = {
  '360430': { 'zh-CN': '江西省九江市彭泽县', 'zh-TW': '江西省九江市彭澤縣', en: 'Pengze County, Jiujiang, Jiangxi' },
  '360429': { 'zh-CN': '江西省九江市湖口县', 'zh-TW': '江西省九江市湖口縣', en: 'Hukou County, Jiujiang, Jiangxi' },
  '360404': {
    'zh-CN': '江西省九江市柴桑区',
    'zh-TW': '江西省九江市柴桑區',
    en: 'Chaisang District, Jiujiang, Jiangxi',
  },
  '340826': { 'zh-CN': '安徽省安庆市宿松县', 'zh-TW': '安徽省安慶市宿松縣', en: 'Susong County, Anqing, Anhui' },
  '340827': { 'zh-CN': '安徽省安庆市望江县', 'zh-TW': '安徽省安慶市望江縣', en: 'Wangjiang County, Anqing, Anhui' },
  '421127': { 'zh-CN': '湖北省黄冈市黄梅县', 'zh-TW': '湖北省黃岡市黃梅縣', en: 'Huangmei County, Huanggang, Hubei' },
};

export interface Region {
  code: string;
  /** Province, prefecture and county: 湖北省黄冈市黄梅县. */
  names: { 'zh-CN': string; 'zh-TW': string };
  /** The county-level name alone: 黄梅县. */
  county: { 'zh-CN': string; 'zh-TW': string };
  /** Pinyin initials of the county-level name alone (黄梅县 → hmx) and of the full name. */
  initials: string;
  fullInitials: string;
}

interface Division {
  zhCN: string;
  zhTW: string;
  initials: string;
}

let regions: Map<string, Region> | null = null;

// Parsed on first use: most screens name a few regions and never search.
function all(): Map<string, Region> {
  if (regions) return regions;
  const divisions = new Map<string, Division>();
  for (const line of DIVISIONS.split('\n')) {
    if (line === '') continue;
    const [code = '', zhCN = '', zhTW = '', initials = ''] = line.split('|');
    divisions.set(code, { zhCN, zhTW, initials });
  }
  regions = new Map();
  for (const [code, county] of divisions) {
    if (code.length !== 6) continue;
    // A prefecture-level city without districts (东莞市 441900) is its own county-level unit: named once.
    const parts = [divisions.get(code.slice(0, 2)), divisions.get(code.slice(0, 4)), county].filter(
      (part, index, list): part is Division =>
        part !== undefined && part.zhCN !== '' && (index === 0 || part.zhCN !== list[index - 1]?.zhCN),
    );
    regions.set(code, {
      code,
      names: { 'zh-CN': parts.map((p) => p.zhCN).join(''), 'zh-TW': parts.map((p) => p.zhTW).join('') },
      county: { 'zh-CN': county.zhCN, 'zh-TW': county.zhTW },
      initials: county.initials,
      fullInitials: parts.map((p) => p.initials).join(''),
    });
  }
  return regions;
}

export function region(code: string): Region | undefined {
  return all().get(code);
}

/** Whether a code is a county-level division of the list: every typed or chosen code is checked with it. */
export function isKnownRegion(code: string): boolean {
  return all().has(code);
}

function nameOf(code: string, language: Language): string | undefined {
  const alliance = ALLIANCE_REGIONS[code]?.[language];
  if (alliance) return alliance;
  const names = region(code)?.names;
  return names && (language === 'zh-TW' ? names['zh-TW'] : names['zh-CN']);
}

export function regionName(code: string, language: Language): string {
  const name = nameOf(code, language);
  return name ? `${name}（${code}）` : code;
}

/**
 * 0 exact code, 1 code prefix, 2 county name prefix, 3 full name substring,
 * 4 county initials prefix, 5 full-name initials substring.
 */
function rank(entry: Region, query: string): number | undefined {
  if (entry.code === query) return 0;
  if (/^\d+$/.test(query)) return entry.code.startsWith(query) ? 1 : undefined;
  if (entry.county['zh-CN'].startsWith(query) || entry.county['zh-TW'].startsWith(query)) return 2;
  if (entry.names['zh-CN'].includes(query) || entry.names['zh-TW'].includes(query)) return 3;
  if (!/^[a-z]+$/.test(query)) return undefined;
  if (entry.initials.startsWith(query)) return 4;
  return entry.fullInitials.includes(query) ? 5 : undefined;
}

/** County-level divisions matching what the clerk typed, best first, in code order within a rank. */
export function searchRegions(query: string, limit = 20): Region[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const found: { entry: Region; rank: number }[] = [];
  for (const entry of all().values()) {
    const r = rank(entry, q);
    if (r !== undefined) found.push({ entry, rank: r });
  }
  return found
    .sort((a, b) => a.rank - b.rank || a.entry.code.localeCompare(b.entry.code))
    .slice(0, limit)
    .map((f) => f.entry);
}
