// Making a backup while the app runs: SQLite's online backup copies the
// database page by page without stopping writers, the scans are copied by
// hash, each part is sealed as it is read, and the manifest is written last
// into a folder that gets its final name only when everything is on disk. A
// half-written backup is never taken for a whole one.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backup, type DatabaseSync } from 'node:sqlite';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  DATABASE_PART,
  MANIFEST_FILE,
  manifestMac,
  seal,
  wrapSecrets,
  type BackupManifest,
  type BackupPart,
  type PassphraseKey,
} from './format.ts';

export interface BackupProgress {
  done: number;
  total: number;
}

export interface BackupRequest {
  db: DatabaseSync;
  dataDir: string;
  masterKey: Buffer;
  /** The recovery passphrase's key, made when the administrator set it. */
  passphrase: PassphraseKey;
  /** The folder the administrator chose (a USB disk is a folder). */
  folder: string;
  device: BackupManifest['device'];
  onProgress?: (progress: BackupProgress) => void;
  now?: Date;
}

export interface BackupResult {
  path: string;
  createdAt: string;
  parts: number;
  bytes: number;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The scans on disk, by their names under blobs/. */
export function blobParts(dataDir: string): string[] {
  const root = join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  const names: string[] = [];
  for (const shard of readdirSync(root).sort()) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const file of readdirSync(join(root, shard)).sort()) {
      if (/^[0-9a-f]{64}\.tbb$/.test(file)) names.push(`blobs/${shard}/${file}`);
    }
  }
  return names;
}

export function backupFolderName(at: Date): string {
  return `tongban-backup-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

export async function createBackup(request: BackupRequest): Promise<BackupResult> {
  const at = request.now ?? new Date();
  const createdAt = at.toISOString();
  const finalPath = join(request.folder, backupFolderName(at));
  const partial = `${finalPath}.partial`;
  if (existsSync(finalPath)) throw new Error('A backup of this moment already exists.');
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'parts'), { recursive: true });
  // The online copy lands beside the live database, where the clear database already is, and goes at once.
  const snapshot = join(request.dataDir, `backup-${randomBytes(6).toString('hex')}.sqlite`);
  try {
    const blobs = blobParts(request.dataDir);
    const total = blobs.length + 1;
    request.onProgress?.({ done: 0, total });
    await backup(request.db, snapshot);
    const contentKey = randomBytes(32);
    const parts: BackupPart[] = [];
    let bytes = 0;
    const add = (name: string, clear: Buffer): void => {
      const sealed = seal(contentKey, clear, name);
      const stored = `parts/${String(parts.length + 1).padStart(6, '0')}.bin`;
      writeFileSync(join(partial, stored), sealed);
      parts.push({ name, stored, size: clear.length, sha256: sha256(clear), storedSha256: sha256(sealed) });
      bytes += sealed.length;
      request.onProgress?.({ done: parts.length, total });
    };
    add(DATABASE_PART, readFileSync(snapshot));
    rmSync(snapshot, { force: true });
    for (const name of blobs) {
      add(name, readFileSync(join(request.dataDir, name)));
      // Give the event loop back between scans: the app keeps answering while a big backup runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const unsigned: Omit<BackupManifest, 'mac'> = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      device: request.device,
      ...wrapSecrets(request.passphrase, { contentKey, masterKey: request.masterKey }),
      parts,
    };
    const manifest: BackupManifest = { ...unsigned, mac: manifestMac(contentKey, unsigned) };
    writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(partial, finalPath);
    return { path: finalPath, createdAt, parts: parts.length, bytes };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(snapshot, { force: true });
  }
}
