import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from './hash.ts';
import { CHECKSUMS_FILE, landedMigrationProblems, migrationFiles } from './landed-migrations.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tongban-landed-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const FIRST = "export const migration0001 = { version: 1, name: 'first' };\n";

function write(file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

function record(checksums: Record<string, string>): void {
  write(CHECKSUMS_FILE, JSON.stringify(checksums));
}

describe('landed migrations', () => {
  it('takes numbered migration files only, not their tests, the registry or the checksums', () => {
    for (const file of ['0001-first.ts', '0001-first.test.ts', 'index.ts', 'types.ts', 'landed.test.ts']) {
      write(file, '');
    }
    write('sqlite/0002-second.ts', '');
    expect(migrationFiles(root)).toEqual(['0001-first.ts']);
    expect(migrationFiles(root, ['.', 'sqlite'])).toEqual(['0001-first.ts', 'sqlite/0002-second.ts']);
  });

  it('finds nothing wrong when every file is as recorded', () => {
    write('0001-first.ts', FIRST);
    record({ '0001-first.ts': sha256Hex(FIRST) });
    expect(landedMigrationProblems(root)).toEqual([]);
  });

  it('fails a landed file that was edited, even by a byte, and says to write a new migration', () => {
    write('0001-first.ts', FIRST.replace('first', 'First'));
    record({ '0001-first.ts': sha256Hex(FIRST) });
    const [problem, ...more] = landedMigrationProblems(root);
    expect(more).toEqual([]);
    expect(problem).toMatch(/^0001-first\.ts has changed since it landed\. A landed migration is never edited/);
    expect(problem).toMatch(/write a new migration/);
  });

  it('fails a landed file that is gone', () => {
    record({ '0001-first.ts': sha256Hex(FIRST) });
    expect(landedMigrationProblems(root)).toEqual([expect.stringMatching(/^0001-first\.ts has landed and is gone/)]);
  });

  it('fails a new file without a checksum, naming the line to add and where', () => {
    write('sqlite/0001-first.ts', FIRST);
    const [problem] = landedMigrationProblems(root, ['sqlite']);
    expect(problem).toContain(`add "sqlite/0001-first.ts": "${sha256Hex(FIRST)}"`);
    expect(problem).toContain(CHECKSUMS_FILE);
  });
});
