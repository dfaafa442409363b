// Plausible applicants for the store benchmark: Chinese names drawn by surname
// frequency, resident ID numbers with a real county code, a real birth date and
// the GB 11643 MOD 11-2 check character, mainland mobile numbers, addresses.

/** A small fast PRNG, so a run's data is the same for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export const int = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Draws from weighted items in O(log n). */
export function weighted<T>(items: readonly (readonly [T, number])[]): (rand: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of items) cumulative.push((total += weight));
  return (rand) => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]![0];
  };
}

// Share of the population in ‰, after the 2020 census (top surnames), with a tail.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 65],
  ['刘', 53],
  ['陈', 46],
  ['杨', 31],
  ['黄', 23],
  ['赵', 23],
  ['吴', 20],
  ['周', 20],
  ['徐', 17],
  ['孙', 15],
  ['马', 15],
  ['朱', 14],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['林', 12],
  ['高', 12],
  ['罗', 11],
  ['郑', 11],
  ['梁', 10],
  ['谢', 8],
  ['宋', 8],
  ['唐', 8],
  ['许', 7],
  ['韩', 7],
  ['邓', 7],
  ['冯', 7],
  ['曹', 6],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 6],
  ['董', 5],
  ['潘', 5],
  ['袁', 5],
  ['蔡', 5],
  ['蒋', 5],
  ['余', 5],
  ['于', 5],
  ['杜', 5],
  ['叶', 5],
  ['程', 5],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['卢', 4],
  ['姚', 4],
  ['沈', 4],
  ['钟', 4],
  ['姜', 4],
  ['崔', 4],
  ['谭', 4],
  ['陆', 3],
  ['范', 3],
  ['汪', 3],
  ['廖', 3],
  ['石', 3],
  ['金', 3],
  ['韦', 3],
  ['贾', 3],
  ['夏', 3],
  ['付', 3],
  ['方', 3],
  ['邹', 3],
  ['熊', 3],
  ['白', 3],
  ['孟', 3],
  ['秦', 3],
  ['邱', 3],
  ['侯', 3],
  ['江', 3],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['龙', 2],
  ['黎', 2],
  ['史', 2],
  ['陶', 2],
  ['贺', 2],
  ['毛', 2],
  ['郝', 2],
  ['顾', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['覃', 2],
  ['武', 2],
  ['钱', 2],
  ['戴', 2],
  ['严', 2],
  ['莫', 2],
  ['孔', 2],
  ['向', 2],
  ['常', 2],
  ['欧阳', 0.5],
  ['司马', 0.1],
  ['诸葛', 0.1],
  ['上官', 0.1],
];

const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文红玉斌志林海燕鹏辉波宇浩婷欣雪琳晨晓小春子梅佳俊峰鑫丹宁亮立新飞云博凯凤霖瑞德安成荣兴福生永康健嘉慧颖倩璐彤悦妍婧涵梓轩子睿思雨晗诗琪一然宏家振'.split(
    '',
  );

const drawSurname = weighted(SURNAMES);

export function chineseName(rand: Random): string {
  const surname = drawSurname(rand);
  return surname + pick(rand, GIVEN) + (rand() < 0.72 ? pick(rand, GIVEN) : '');
}

// Real county-level GB/T 2260 codes around the 三省六地 alliance, plus a few big cities.
export const COUNTIES: readonly (readonly [string, string])[] = [
  ['360430', '江西省九江市彭泽县'],
  ['360402', '江西省九江市濂溪区'],
  ['360403', '江西省九江市浔阳区'],
  ['360424', '江西省九江市修水县'],
  ['360425', '江西省九江市永修县'],
  ['360428', '江西省九江市都昌县'],
  ['360429', '江西省九江市湖口县'],
  ['421127', '湖北省黄冈市黄梅县'],
  ['421126', '湖北省黄冈市蕲春县'],
  ['421182', '湖北省黄冈市武穴市'],
  ['421125', '湖北省黄冈市浠水县'],
  ['340826', '安徽省安庆市宿松县'],
  ['340827', '安徽省安庆市望江县'],
  ['340828', '安徽省安庆市岳西县'],
  ['340881', '安徽省安庆市桐城市'],
  ['420106', '湖北省武汉市武昌区'],
  ['360102', '江西省南昌市东湖区'],
  ['440305', '广东省深圳市南山区'],
  ['310115', '上海市浦东新区'],
  ['330106', '浙江省杭州市西湖区'],
  ['320106', '江苏省南京市鼓楼区'],
  ['110105', '北京市朝阳区'],
];

const ID18_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID18_CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character (ISO 7064 MOD 11-2). */
export function id18CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID18_WEIGHTS[i]!;
  return ID18_CHECK_CHARS[sum % 11]!;
}

function birthDate(rand: Random): string {
  // Working-age and retired applicants: born 1950–2006.
  const year = int(rand, 1950, 2006);
  const month = int(rand, 1, 12);
  const day = int(rand, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}${pad(month)}${pad(day)}`;
}

/** An 18-character number: address code, birth date, sequence (odd for men), check character. */
export function id18(rand: Random, prefix: string): string {
  const body = `${prefix}${birthDate(rand)}${pad(int(rand, 0, 999), 3)}`;
  return body + id18CheckChar(body);
}

export function mobile(rand: Random): string {
  return `1${pick(rand, ['3', '5', '7', '8', '9'])}${pad(int(rand, 0, 999_999_999), 9)}`;
}

const STREETS = ['人民路', '建设路', '解放路', '中山路', '长江路', '滨湖路', '新华路', '文化路', '龙城大道', '府前街'];

export function address(rand: Random, county: string): string {
  return `${county}${pick(rand, STREETS)}${int(rand, 1, 399)}号${int(rand, 1, 30)}栋${int(rand, 1, 6)}0${int(rand, 1, 4)}室`;
}
