// Names of the regions this product meets first (the 三省六地 alliance and
// its neighbours), for receipts and lists. Other codes are shown as digits.
import type { Language } from './languages.ts';

const REGIONS: Record<string, Record<Language, string>> = {
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

export function regionName(code: string, language: Language): string {
  const name = REGIONS[code]?.[language];
  return name ? `${name}（${code}）` : code;
}
