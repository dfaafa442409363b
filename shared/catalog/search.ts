// Finding a matter at the counter: by id as clerks say it ('si004'), by name in
// any language, or by pinyin — initials or in full — as typed on a keyboard
// without an IME.
import { pinyin } from 'pinyin-pro';
import type { Matter } from './schema.ts';

/** Lower-case pinyin initials of the Han characters, ASCII letters and digits kept: '养老保险' → 'ylbx'. */
export function pinyinInitials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'all' })
    .map((item) => (item.isZh ? item.first : item.origin.replace(/[^A-Za-z0-9]/g, '')))
    .join('')
    .toLowerCase();
}

/**
 * The pinyin syllables of the Han characters, without tones, each ASCII letter
 * and digit a syllable of its own: '社保卡 A1' → ['she', 'bao', 'ka', 'a', '1'].
 */
export function pinyinSyllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'all' })
    .flatMap((item) => (item.isZh ? [item.pinyin] : Array.from(item.origin.replace(/[^A-Za-z0-9]/g, ''))))
    .map((syllable) => syllable.toLowerCase());
}

interface NamePinyin {
  initials: string;
  /** The syllables run together, and where each begins in it. */
  full: string;
  starts: number[];
}

// Names do not change once a catalog is loaded; the search runs on every keystroke.
const pinyinCache = new WeakMap<Matter, NamePinyin>();

function namePinyin(matter: Matter): NamePinyin {
  let cached = pinyinCache.get(matter);
  if (cached === undefined) {
    const syllables = pinyinSyllables(matter.names['zh-CN']);
    const starts: number[] = [];
    syllables.reduce((at, syllable) => (starts.push(at), at + syllable.length), 0);
    cached = { initials: pinyinInitials(matter.names['zh-CN']), full: syllables.join(''), starts };
    pinyinCache.set(matter, cached);
  }
  return cached;
}

/**
 * Where the query matches the name's pinyin, typed without an IME: as
 * initials ('ylbx'), or in full from the start of a syllable, tones and
 * spaces left out, the last syllable perhaps unfinished ('yanglao',
 * 'qiyezhigongjibenyanglao', 'yangl'). 0 at the name's start, 1 inside it,
 * undefined when it does not match.
 */
function pinyinMatch(matter: Matter, query: string): 0 | 1 | undefined {
  const { initials, full, starts } = namePinyin(matter);
  const at = [initials.indexOf(query), ...starts.filter((start) => full.startsWith(query, start))].filter(
    (found) => found >= 0,
  );
  if (at.length === 0) return undefined;
  return at.includes(0) ? 0 : 1;
}

/** 'KST-SI-004' → ['kst-si-004', 'kstsi004', 'si004']. */
function idForms(id: string): string[] {
  const lower = id.toLowerCase();
  const compact = lower.replace(/-/g, '');
  return [lower, compact, compact.replace(/^kst/, '')];
}

/**
 * 0 exact id, 1 id prefix, 2 name prefix, 3 name substring, 4 pinyin (initials
 * or full) at the name's start, 5 pinyin inside it; undefined when nothing matches.
 */
function rank(matter: Matter, query: string, compactQuery: string): number | undefined {
  const forms = idForms(matter.id);
  const queries = [query, compactQuery, compactQuery];
  if (forms.some((form, i) => form === queries[i])) return 0;
  if (forms.some((form, i) => queries[i] !== '' && form.startsWith(queries[i]!))) return 1;
  const names = [matter.names['zh-CN'], matter.names['zh-TW'], matter.names.en.toLowerCase()];
  const nameAt = Math.min(...names.map((name) => name.indexOf(query)).filter((at) => at >= 0));
  if (nameAt !== Infinity) return nameAt === 0 ? 2 : 3;
  if (!/^[a-z0-9]+$/.test(compactQuery)) return undefined;
  const pinyinAt = pinyinMatch(matter, compactQuery);
  return pinyinAt === undefined ? undefined : 4 + pinyinAt;
}

/**
 * Matters matching the query, best first and in catalog order within a rank.
 * An empty query lists the matters that create cases first.
 */
export function searchMatters(matters: readonly Matter[], query: string, limit?: number): Matter[] {
  const q = query.trim().toLowerCase();
  let found: Matter[];
  if (q === '') {
    found = [...matters.filter((m) => m.createsCase), ...matters.filter((m) => !m.createsCase)];
  } else {
    const compact = q.replace(/[\s-]/g, '');
    found = matters
      .map((matter, order) => ({ matter, order, rank: rank(matter, q, compact) }))
      .filter((hit): hit is typeof hit & { rank: number } => hit.rank !== undefined)
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map((hit) => hit.matter);
  }
  return limit === undefined ? found : found.slice(0, limit);
}
