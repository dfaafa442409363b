// A migration that has landed may already have run on a device or a server,
// which never runs it again: an edit to it reaches only new installs, and the
// two then hold different schemas. So each landed migration file's SHA-256 is
// kept in a checksums.json beside the files, and a test compares them: a file
// changed or gone fails, and so does a new file until its checksum is added.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256Hex } from './hash.ts';

/** A migration file: numbered, `0001-name.ts`; its test and the registry are not migrations. */
const MIGRATION_FILE = /^\d{4}-[a-z0-9-]+\.ts$/;

export const CHECKSUMS_FILE = 'checksums.json';

/** The migration files under `root`, as paths relative to it, in `folders` (relative too). */
export function migrationFiles(root: string, folders: readonly string[] = ['.']): string[] {
  return folders
    .flatMap((folder) =>
      readdirSync(join(root, folder))
        .filter((name) => MIGRATION_FILE.test(name))
        .map((name) =>
          relative(root, join(root, folder, name))
            .split('\\')
            .join('/'),
        ),
    )
    .sort();
}

export function checksumsOf(root: string, files: readonly string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, sha256Hex(readFileSync(join(root, file)))]));
}

/** What is wrong with the landed migrations under `root`, each in a sentence that says what to do. */
export function landedMigrationProblems(root: string, folders: readonly string[] = ['.']): string[] {
  const recordedFile = join(root, CHECKSUMS_FILE);
  const recorded = existsSync(recordedFile)
    ? (JSON.parse(readFileSync(recordedFile, 'utf8')) as Record<string, string>)
    : {};
  const present = checksumsOf(root, migrationFiles(root, folders));
  const problems: string[] = [];
  for (const [file, checksum] of Object.entries(recorded)) {
    if (!(file in present)) {
      problems.push(
        `${file} has landed and is gone. A landed migration is never removed or renamed: ` +
          'restore it, and write a new migration for the change.',
      );
    } else if (present[file] !== checksum) {
      problems.push(
        `${file} has changed since it landed. A landed migration is never edited: ` +
          'restore it (git checkout the file), and write a new migration for the change.',
      );
    }
  }
  for (const [file, checksum] of Object.entries(present)) {
    if (!(file in recorded)) {
      problems.push(
        `${file} has no checksum. Record it as the migration lands: add "${file}": "${checksum}" ` +
          `to ${relative(process.cwd(), recordedFile)}.`,
      );
    }
  }
  return problems;
}
