// Restoring a backup, in two steps. Staging reads the backup with the
// passphrase, checks every part against the manifest, unseals it, checks the
// database's hash chains and every scan against its name, and only then puts
// the parts in restore-pending/ with the backup's master key sealed under the
// key the device runs on now. The next start of the backend moves them in
// (applyPendingRestore) before it opens the database. Nothing of a backup that
// fails a check is ever used.
import { createHash, hkdfSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { rejected } from '../../../../shared/rpc/framing.ts';
import { decryptBytes } from '../../crypto/fields.ts';
import { deriveKeys } from '../../crypto/keys.ts';
import { setSetting } from '../../store/settings.ts';
import { RECOVERY_PENDING_KEY } from '../../sync/rollback-recover.ts';
import { clearRollbackStates } from '../../sync/rollback.ts';
import { verifyRestoredChains } from './verify.ts';
import {
  checkManifestMac,
  DATABASE_PART,
  MANIFEST_FILE,
  manifestSchema,
  seal,
  tampered,
  unseal,
  unwrapSecrets,
  type BackupManifest,
} from './format.ts';

export const PENDING_DIR = 'restore-pending';
const PENDING_FILE = 'restore.json';
const APPLIED_FILE = 'applied';
const DATABASE_FILE = 'tongban.sqlite';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const pendingKey = (current: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', current, Buffer.alloc(0), 'tongban/restore-pending/v1', 32));

export interface StagedRestore {
  backupAt: string;
  device: BackupManifest['device'];
  parts: number;
}

function readManifest(folder: string): BackupManifest {
  const file = join(folder, MANIFEST_FILE);
  if (!existsSync(file)) throw rejected('backup_not_found', 'There is no backup in this folder.');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw tampered('manifest');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw tampered('manifest');
  return parsed.data;
}

/** Checks a backup whole and lays it ready in restore-pending/; the device switches over at its next start. */
export async function stageRestore(options: {
  folder: string;
  passphrase: string;
  dataDir: string;
  currentMasterKey: Buffer;
  onProgress?: (progress: { done: number; total: number }) => void;
}): Promise<StagedRestore> {
  const manifest = readManifest(options.folder);
  const { contentKey, masterKey } = await unwrapSecrets(options.passphrase, manifest);
  checkManifestMac(contentKey, manifest);
  if (!manifest.parts.some((part) => part.name === DATABASE_PART)) throw tampered(DATABASE_PART);
  const staging = join(options.dataDir, `${PENDING_DIR}.partial`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  try {
    const blobKey = deriveKeys(masterKey).blobs;
    let done = 0;
    for (const part of manifest.parts) {
      let sealed: Buffer;
      try {
        sealed = readFileSync(join(options.folder, part.stored));
      } catch {
        throw tampered(part.name);
      }
      if (sha256(sealed) !== part.storedSha256) throw tampered(part.name);
      let clear: Buffer;
      try {
        clear = unseal(contentKey, sealed, part.name);
      } catch {
        throw tampered(part.name);
      }
      if (clear.length !== part.size || sha256(clear) !== part.sha256) throw tampered(part.name);
      if (part.name !== DATABASE_PART) checkScan(blobKey, part.name, clear);
      const target = join(staging, part.name === DATABASE_PART ? DATABASE_FILE : part.name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, clear, { mode: 0o600 });
      options.onProgress?.({ done: ++done, total: manifest.parts.length });
    }
    const db = new DatabaseSync(join(staging, DATABASE_FILE));
    try {
      const problem = verifyRestoredChains(db, deriveKeys(masterKey));
      if (problem) throw tampered(problem);
      setSetting(db, RECOVERY_PENDING_KEY, JSON.stringify({ backupAt: manifest.createdAt, done: [] }));
      // A stop recorded in the backup was about that copy; the recovery decides afresh.
      clearRollbackStates(db);
    } finally {
      db.close();
    }
    const pending = {
      backupAt: manifest.createdAt,
      masterKeySha256: sha256(masterKey),
      masterKey: seal(pendingKey(options.currentMasterKey), masterKey, 'master-key').toString('base64'),
    };
    writeFileSync(join(staging, PENDING_FILE), JSON.stringify(pending), { mode: 0o600 });
    const final = join(options.dataDir, PENDING_DIR);
    rmSync(final, { recursive: true, force: true });
    renameSync(staging, final);
    return { backupAt: manifest.createdAt, device: manifest.device, parts: manifest.parts.length };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** A scan must open with the backup's own key and be the file its name says. */
function checkScan(blobKey: Buffer, name: string, sealed: Buffer): void {
  const hash = name.slice(-68, -4);
  try {
    if (sha256(decryptBytes(blobKey, sealed, hash)) !== hash) throw new Error('hash');
  } catch {
    throw tampered(name);
  }
}

/**
 * At start-up, before the database opens: moves a staged restore in and
 * answers with the master key to run on (the backup's). `persist` stores that
 * key for the next start and says whether it is stored already (a key file:
 * yes; the OS keychain through Electron main: only once main hands it back).
 * Safe to run again after a crash midway: the parts are moved in once
 * (marked), and restore-pending/ goes only when the key is stored.
 */
export function applyPendingRestore(
  dataDir: string,
  currentMasterKey: Buffer,
  persist: (masterKey: Buffer) => boolean,
): { masterKey: Buffer; restoredFrom: string | null } {
  const pendingDir = join(dataDir, PENDING_DIR);
  const file = join(pendingDir, PENDING_FILE);
  if (!existsSync(file)) return { masterKey: currentMasterKey, restoredFrom: null };
  const pending = JSON.parse(readFileSync(file, 'utf8')) as {
    backupAt: string;
    masterKeySha256: string;
    masterKey: string;
  };
  const stored = sha256(currentMasterKey) === pending.masterKeySha256;
  const masterKey = stored
    ? currentMasterKey
    : unseal(pendingKey(currentMasterKey), Buffer.from(pending.masterKey, 'base64'), 'master-key');
  const marker = join(pendingDir, APPLIED_FILE);
  let restoredFrom: string | null = null;
  if (!existsSync(marker)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${DATABASE_FILE}${suffix}`), { force: true });
    cpSync(join(pendingDir, DATABASE_FILE), join(dataDir, DATABASE_FILE));
    const blobs = join(pendingDir, 'blobs');
    if (existsSync(blobs)) cpSync(blobs, join(dataDir, 'blobs'), { recursive: true });
    writeFileSync(marker, new Date().toISOString());
    restoredFrom = pending.backupAt;
  }
  if (stored || persist(masterKey)) rmSync(pendingDir, { recursive: true, force: true });
  return { masterKey, restoredFrom };
}
