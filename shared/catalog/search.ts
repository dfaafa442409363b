// Finding a matter at the counter: by id as clerks say it ('si004'), by name in
// any language, or by pinyin initials as typed on a keyboard without an IME.
import { pinyin } from 'pinyin-pro';
import type { Matter } from './schema.ts';

/** Lower-case pinyin initials of the Han characters, ASCII letters and digits kept: '养老保险' → 'ylbx'. */
export function pinyinInitials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'all' })
    .map((item) => (item.isZh ? item.first : item.origin.replace(/[^A-Za-z0-9]/g, '')))
    .join('')
    .toLowerCase();
}

// Names do not change once a catalog is loaded; the search runs on every keystroke.
const initialsCache = new WeakMap<Matter, string>();

function nameInitials(matter: Matter): string {
  let initials = initialsCache.get(matter);
  if (initials === undefined) {
    initials = pinyinInitials(matter.names['zh-CN']);
    initialsCache.set(matter, initials);
  }
  return initials;
}

/** 'KST-SI-004' → ['kst-si-004', 'kstsi004', 'si004']. */
function idForms(id: string): string[] {
  const lower = id.toLowerCase();
  const compact = lower.replace(/-/g, '');
  return [lower, compact, compact.replace(/^kst/, '')];
}

/**
 * 0 exact id, 1 id prefix, 2 name prefix, 3 name substring, 4 pinyin-initials
 * prefix, 5 pinyin-initials substring; undefined when nothing matches.
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
  const initialsAt = nameInitials(matter).indexOf(compactQuery);
  if (initialsAt < 0) return undefined;
  return initialsAt === 0 ? 4 : 5;
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
