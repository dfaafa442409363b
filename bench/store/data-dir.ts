// The store benchmark's data dir: the hall's database at its top, one window's
// device database in `device-year/`, each with its key files and a meta file
// written once its generation completed (so --reuse measures only finished
// databases); and opening a database exactly as the app does.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { deriveKeys, keyFilePath, loadOrCreateKeyFile, type DeviceKeys } from '../../electron/backend/crypto/keys.ts';
import { CatalogService } from '../../electron/backend/services/catalog.ts';
import { bindChainKeys } from '../../electron/backend/services/chain-keys.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/store/migrations/index.ts';
import { say } from './say.ts';

const META_FILE = 'bench-meta.json';
/** The one window's device database, inside the data dir. */
const DEVICE_DIR = 'device-year';
/** The device's data: this many calendar days before today, i.e. one year ending yesterday. */
export const DEVICE_SPAN_DAYS = 365;

export interface Meta {
  complete: true;
  cases: number;
  events: number;
  windows: number;
  days: number;
  firstDay: string;
  lastDay: string;
  generateSeconds: number;
  seed: number;
  deviceClerkUserId: string;
}

/** A database to generate: the hall's (all its windows, ~3 years) or one window's device over a year. */
export interface Target {
  label: string;
  dir: string;
  file: string;
  metaFile: string;
  cases: number;
  seed: number;
  windows?: number;
  spanDays?: number;
}

function makeTarget(label: string, at: string, rest: Pick<Target, 'cases' | 'seed' | 'windows' | 'spanDays'>): Target {
  return { label, dir: at, file: join(at, DATABASE_FILE_NAME), metaFile: join(at, META_FILE), ...rest };
}

/** The two databases of a run: the hall's with `cases`, the device's with `deviceCases` (its seed the next one). */
export function targets(
  dir: string,
  cases: number,
  deviceCases: number,
  seed: number,
): { hall: Target; device: Target } {
  return {
    hall: makeTarget('hall', dir, { cases, seed }),
    device: makeTarget('device', join(dir, DEVICE_DIR), {
      cases: deviceCases,
      seed: seed + 1,
      windows: 1,
      spanDays: DEVICE_SPAN_DAYS,
    }),
  };
}

/** The meta of a database whose generation completed; null when there is none. */
export function readMeta(t: Target): Meta | null {
  if (!existsSync(t.metaFile) || !existsSync(t.file)) return null;
  const meta = JSON.parse(readFileSync(t.metaFile, 'utf8')) as Meta;
  return meta.complete ? meta : null;
}

/** Removes what the run generated, and the dir itself when the run made it or it is left empty. */
export function cleanUp(dir: string, keep: boolean, createdDir: boolean): void {
  if (keep) {
    say(`kept the data in ${dir}`);
    return;
  }
  for (const name of [DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, META_FILE]) {
    rmSync(join(dir, name), { force: true });
  }
  for (const sub of ['keys', 'blobs', 'backups', DEVICE_DIR]) rmSync(join(dir, sub), { recursive: true, force: true });
  if (createdDir || readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
  say(`deleted ${dir}`);
}

/**
 * Reads a database file through once, so that the measurements start from a warm OS page cache: this
 * machine's kernel (DAMON reclaim) pages out file pages that have not been touched for about a minute,
 * so after generating 9 GB most of the file is no longer cached. Returns the seconds it took.
 */
export function warmPageCache(file: string): number {
  const t0 = performance.now();
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(16 << 20);
  for (let at = 0, n = 1; n > 0; at += n) n = readSync(fd, buffer, 0, buffer.length, at);
  closeSync(fd);
  return Math.round((performance.now() - t0) / 100) / 10;
}

export type OpenedDatabase = ReturnType<typeof openAsTheApp>;

/** Exactly as the app opens its database; refuses other settings or an old schema. */
export function openAsTheApp(t: Target) {
  const { db } = openDatabase(t.file);
  const pragma = <T>(name: string) => (db.prepare(`PRAGMA ${name}`).get() as Record<string, T>)[name]!;
  const settings = {
    journal_mode: pragma<string>('journal_mode'),
    synchronous: pragma<number>('synchronous'),
    foreign_keys: pragma<number>('foreign_keys'),
    cache_size: pragma<number>('cache_size'),
    user_version: pragma<number>('user_version'),
  };
  if (settings.journal_mode !== 'wal' || settings.synchronous !== 2) {
    throw new Error(`the ${t.label} database is not opened with the real settings: ${JSON.stringify(settings)}`);
  }
  if (settings.user_version !== LATEST_SCHEMA_VERSION) {
    throw new Error(`the ${t.label} database is at schema ${settings.user_version}, not ${LATEST_SCHEMA_VERSION}`);
  }
  const keys: DeviceKeys = deriveKeys(loadOrCreateKeyFile(keyFilePath(t.dir)));
  bindChainKeys(db, keys);
  return { db, settings, keys, catalog: new CatalogService(db) };
}
