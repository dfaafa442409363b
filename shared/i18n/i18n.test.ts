import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';
import { RESOURCES } from './index.ts';

/** Every leaf of a resource tree as [dotted.path, value]. */
function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (typeof tree !== 'object' || tree === null) return [[prefix, tree]];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const locales = Object.keys(RESOURCES) as (keyof typeof RESOURCES)[];
const reference = new Map(leaves(RESOURCES['zh-CN']));

describe('i18n resources', () => {
  it('has one resource tree per supported language', () => {
    expect([...locales].sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(locales)('%s has exactly the key paths of zh-CN', (locale) => {
    const paths = leaves(RESOURCES[locale]).map(([path]) => path);
    expect(paths.sort()).toEqual([...reference.keys()].sort());
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each(locales)('%s has only non-empty strings', (locale) => {
    for (const [path, value] of leaves(RESOURCES[locale])) {
      expect(typeof value, `${locale}:${path}`).toBe('string');
      expect((value as string).trim(), `${locale}:${path}`).not.toBe('');
    }
  });

  it.each(locales)('%s uses the same {{placeholders}} as zh-CN in every string', (locale) => {
    for (const [path, value] of leaves(RESOURCES[locale])) {
      const expected = reference.get(path);
      if (typeof expected !== 'string' || typeof value !== 'string') continue;
      expect(placeholders(value), `${locale}:${path}`).toEqual(placeholders(expected));
    }
  });

  it('uses placeholders somewhere, so the check above checks something', () => {
    expect([...reference.values()].some((v) => typeof v === 'string' && placeholders(v).length > 0)).toBe(true);
  });

  it('zh-TW is its own translation, not a copy of zh-CN', () => {
    const tw = new Map(leaves(RESOURCES['zh-TW']));
    const differing = [...reference].filter(([path, value]) => tw.get(path) !== value);
    expect(differing.length).toBeGreaterThan(0);
    expect(RESOURCES['zh-TW'].app.title).not.toBe(RESOURCES['zh-CN'].app.title);
  });

  it('en is not a copy of zh-CN either', () => {
    expect(RESOURCES.en.app.title).not.toBe(RESOURCES['zh-CN'].app.title);
  });

  // 行政复议 is 行政復議 in traditional characters; 覆議 is another word (a second deliberation).
  it('zh-TW writes the legal terms one way: 行政復議, never 覆議', () => {
    const tw = leaves(RESOURCES['zh-TW']).map(([path, value]) => [path, String(value)] as const);
    expect(tw.filter(([, value]) => value.includes('覆議')).map(([path]) => path)).toEqual([]);
    for (const simplified of ['复议', '诉讼', '补正', '法院审']) {
      expect(tw.filter(([, value]) => value.includes(simplified)).map(([path]) => path)).toEqual([]);
    }
    const texts = tw.map(([, value]) => value).join('\n');
    for (const term of ['行政復議', '行政訴訟', '不予受理', '補正', '人民法院']) expect(texts).toContain(term);
  });
});
