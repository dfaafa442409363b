// The repository explains itself: its docs name only paths that exist, and
// nothing in it points to documents that live elsewhere (a design note, an
// issue tracker, a research file), whose reasons a reader could not follow.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && existsSync(join(root, file)));

// A landed migration stays byte for byte what devices ran (its checksum is
// recorded), even where an old comment in its SQL names a design section.
const LANDED_MIGRATIONS = new Set(
  ['electron/backend/store/migrations', 'server/storage/migrations'].flatMap((folder) =>
    Object.keys(JSON.parse(readFileSync(join(root, folder, 'checksums.json'), 'utf8')) as Record<string, string>).map(
      (file) => `${folder}/${file}`,
    ),
  ),
);

/** `a/b.ts`, `a/b/`, `a/*.ts`: a backticked token that names a place in the tree. */
const PATH_TOKEN = /`((?:[\w.-]+\/)+(?:[\w.*-]+)?)`/g;
const TOP_LEVEL = new Set(tracked.map((file) => file.split('/')[0]));

function namedPaths(doc: string): string[] {
  return [...readFileSync(join(root, doc), 'utf8').matchAll(PATH_TOKEN)]
    .map((match) => match[1]!)
    .filter((path) => TOP_LEVEL.has(path.split('/')[0]!));
}

function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(root, path));
  const pattern = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);
  return tracked.some((file) => pattern.test(file));
}

describe('docs', () => {
  it.each(['ARCHITECTURE.md', 'README.md'])('%s names only paths that exist', (doc) => {
    const paths = namedPaths(doc);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => !exists(path))).toEqual([]);
  });

  it('no file points to a document outside the repository', () => {
    // Built from parts so this file does not match itself: the section sign and two document names.
    const [section, design, domain] = ['\\u00a7', 'DES' + 'IGN', 'DOM' + 'AIN'];
    const outside = new RegExp(
      [
        `${design} ${section}`,
        `${domain}\\.md`,
        `${design}\\.md`,
        `research ${section}`,
        ['\\b[Ii]ssue', ' \\d'].join(''),
        ["(?<!from '|import\\(')", '\\.\\./shared/(?!', '[\\w/.-]+\\.ts)'].join(''),
      ].join('|'),
    );
    const offenders = tracked
      .filter((file) => /\.(ts|tsx|js|mjs|md|json|yml|css|html)$/.test(file) && !file.endsWith('package-lock.json'))
      .filter((file) => !LANDED_MIGRATIONS.has(file))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (outside.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
