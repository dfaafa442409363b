// Backups as the administrator runs them: where they go, the recovery
// passphrase's key (kept sealed under the device's field key, so the daily
// backup runs unattended), the daily timer, the last success and failure as
// Settings shows them, and a restore staged for the next start.
import { readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { rejected, RpcError } from '../../../../shared/rpc/framing.ts';
import type { BackupStatus } from '../../../../shared/rpc/methods/backup.ts';
import { decryptText, encryptText } from '../../crypto/fields.ts';
import type { DeviceKeys } from '../../crypto/keys.ts';
import { log } from '../../log.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { pendingRecovery, RECOVERY_PENDING_KEY } from '../../sync/rollback-recover.ts';
import { clearRollbackStates, rollbackStates } from '../../sync/rollback.ts';
import { audit } from '../audit.ts';
import { createBackup, type BackupResult } from './create.ts';
import { passphraseKeyFor, type PassphraseKey } from './format.ts';
import { stageRestore, type StagedRestore } from './restore.ts';

const KEY = {
  folder: 'backup.folder',
  daily: 'backup.daily',
  passphrase: 'backup.passphrase_key',
  lastSuccess: 'backup.last_success',
  lastFailure: 'backup.last_failure',
} as const;
const DAY_MS = 24 * 60 * 60_000;
/** How often the timer looks whether a day has passed since the last backup. */
const CHECK_EVERY_MS = 10 * 60_000;

export interface BackupServiceOptions {
  db: DatabaseSync;
  dataDir: string;
  masterKey: Buffer;
  keys: DeviceKeys;
}

/** What went wrong with the disk, as a reason the screen words (a USB disk pulled out, full, read-only). */
const DISK_REASONS: Record<string, string> = {
  ENOSPC: 'backup_disk_full',
  EDQUOT: 'backup_disk_full',
  EACCES: 'backup_folder_unwritable',
  EPERM: 'backup_folder_unwritable',
  EROFS: 'backup_folder_unwritable',
  ENOENT: 'backup_folder_missing',
  ENOTDIR: 'backup_folder_missing',
};

function asRefusal(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason = (typeof code === 'string' && DISK_REASONS[code]) || 'backup_io_failed';
  return rejected(reason, 'The backup could not be written.');
}

function json<T>(raw: string | undefined): T | null {
  return raw === undefined ? null : (JSON.parse(raw) as T);
}

export class BackupService {
  private readonly options: BackupServiceOptions;
  private running: BackupStatus['running'] = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: BackupServiceOptions) {
    this.options = options;
    // A backup cut off by a crash leaves its online copy of the database beside the live one.
    for (const name of readdirSync(options.dataDir)) {
      if (/^backup-[0-9a-f]{12}\.sqlite(-wal|-shm|-journal)?$/.test(name))
        rmSync(join(options.dataDir, name), { force: true });
    }
  }

  status(): BackupStatus {
    const { db } = this.options;
    const names = new Map(
      (db.prepare('SELECT remote_id, name FROM remotes').all() as { remote_id: string; name: string | null }[]).map(
        (r) => [r.remote_id, r.name],
      ),
    );
    const recovery = pendingRecovery(db);
    return {
      folder: getSetting(db, KEY.folder) ?? null,
      daily: getSetting(db, KEY.daily) === '1',
      configured: getSetting(db, KEY.passphrase) !== undefined,
      lastSuccess: json(getSetting(db, KEY.lastSuccess)),
      lastFailure: json(getSetting(db, KEY.lastFailure)),
      running: this.running,
      rollback: rollbackStates(db).map((state) => ({ ...state, remoteName: names.get(state.remoteId) ?? null })),
      recovery: recovery ? { backupAt: recovery.backupAt } : null,
    };
  }

  async configure(input: { folder: string; passphrase?: string | undefined; daily: boolean }, userId: string) {
    const { db, keys } = this.options;
    if (!isAbsolute(input.folder)) throw rejected('backup_folder_not_absolute', 'Give the full path of the folder.');
    if (input.passphrase === undefined && getSetting(db, KEY.passphrase) === undefined) {
      throw rejected('backup_passphrase_required', 'Set a recovery passphrase first.');
    }
    const key = input.passphrase === undefined ? null : await passphraseKeyFor(input.passphrase);
    db.exec('BEGIN IMMEDIATE');
    try {
      setSetting(db, KEY.folder, input.folder);
      setSetting(db, KEY.daily, input.daily ? '1' : '0');
      if (key) {
        const sealed = encryptText(
          keys.fields,
          JSON.stringify({ salt: key.salt.toString('base64'), key: key.key.toString('base64') }),
          `settings:${KEY.passphrase}`,
        );
        setSetting(db, KEY.passphrase, sealed);
      }
      audit(db, { userId, action: 'backup.configure', detail: { daily: input.daily, passphrase: key !== null } });
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    return this.status();
  }

  private passphraseKey(): PassphraseKey {
    const { db, keys } = this.options;
    const sealed = getSetting(db, KEY.passphrase);
    if (sealed === undefined) throw rejected('backup_passphrase_required', 'Set a recovery passphrase first.');
    const { salt, key } = JSON.parse(decryptText(keys.fields, sealed, `settings:${KEY.passphrase}`)) as {
      salt: string;
      key: string;
    };
    return { salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  }

  /** One backup now; the last success or failure is recorded either way. */
  async run(userId: string | null): Promise<BackupResult> {
    const { db, dataDir, masterKey } = this.options;
    if (this.running) throw rejected('backup_busy', 'A backup or restore is already under way.');
    const folder = getSetting(db, KEY.folder);
    if (!folder) throw rejected('backup_folder_required', 'Choose the backup folder first.');
    this.running = { kind: 'backup', done: 0, total: 1 };
    try {
      const device = db.prepare('SELECT device_id, name, region_code FROM device').get() as
        { device_id: string; name: string; region_code: string } | undefined;
      const result = await createBackup({
        db,
        dataDir,
        masterKey,
        passphrase: this.passphraseKey(),
        folder,
        device: device ? { deviceId: device.device_id, name: device.name, regionCode: device.region_code } : null,
        onProgress: ({ done, total }) => {
          this.running = { kind: 'backup', done, total };
        },
      });
      setSetting(
        db,
        KEY.lastSuccess,
        JSON.stringify({ at: result.createdAt, path: result.path, parts: result.parts, bytes: result.bytes }),
      );
      audit(db, { userId, action: 'backup.run', detail: { at: result.createdAt, parts: result.parts } });
      log.info('backup.done', { parts: result.parts, bytes: result.bytes });
      return result;
    } catch (error) {
      const refusal = asRefusal(error);
      const reason = refusal.reason ?? 'backup_io_failed';
      setSetting(db, KEY.lastFailure, JSON.stringify({ at: new Date().toISOString(), reason }));
      log.warn('backup.failed', { reason });
      throw refusal;
    } finally {
      this.running = null;
    }
  }

  /** Checks the backup whole and stages it; the device switches to it at its next start. */
  async stageRestore(folder: string, passphrase: string, userId: string | null): Promise<StagedRestore> {
    if (this.running) throw rejected('backup_busy', 'A backup or restore is already under way.');
    this.running = { kind: 'restore', done: 0, total: 1 };
    try {
      const staged = await stageRestore({
        folder,
        passphrase,
        dataDir: this.options.dataDir,
        currentMasterKey: this.options.masterKey,
        onProgress: ({ done, total }) => {
          this.running = { kind: 'restore', done, total };
        },
      });
      audit(this.options.db, { userId, action: 'backup.restore_staged', detail: { backupAt: staged.backupAt } });
      return staged;
    } finally {
      this.running = null;
    }
  }

  /**
   * The administrator's answer to a stop on an older copy: it becomes an
   * announced recovery, as from a backup of now, and each server gives back
   * what this copy lacks. Audited; events no server got stay lost and counted.
   */
  recoverFromServers(userId: string): BackupStatus {
    const { db } = this.options;
    const stopped = rollbackStates(db);
    if (stopped.length === 0) throw rejected('no_rollback', 'Sync has not stopped on an older copy.');
    db.exec('BEGIN IMMEDIATE');
    try {
      clearRollbackStates(db);
      setSetting(db, RECOVERY_PENDING_KEY, JSON.stringify({ backupAt: new Date().toISOString(), done: [] }));
      audit(db, {
        userId,
        action: 'sync.rollback_recovery',
        detail: { remotes: stopped.map((s) => ({ remoteId: s.remoteId, missing: s.missing })) },
      });
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    return this.status();
  }

  /** The daily backup: when one is due (a day since the last success), it runs; a failure is recorded. */
  startSchedule(): void {
    const due = (): boolean => {
      const { db } = this.options;
      if (getSetting(db, KEY.daily) !== '1' || getSetting(db, KEY.passphrase) === undefined) return false;
      const last = json<{ at: string }>(getSetting(db, KEY.lastSuccess));
      const failed = json<{ at: string }>(getSetting(db, KEY.lastFailure));
      const since = (at: string | undefined): number => (at ? Date.now() - Date.parse(at) : Infinity);
      // After a failure, try again within the hour rather than every ten minutes.
      return since(last?.at) >= DAY_MS && since(failed?.at) >= 60 * 60_000;
    };
    const check = (): void => {
      if (!this.running && due()) this.run(null).catch(() => undefined);
    };
    this.timer = setInterval(check, CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
