// The first start on restored data: the key file takes the backup's master
// key (browser mode), and the audit log says the device was restored and from
// when. The servers hear of it at the next sync (sync/rollback-recover.ts).
import type { DatabaseSync } from 'node:sqlite';
import { keyFilePath } from '../../crypto/keys.ts';
import { log } from '../../log.ts';
import { enrolledRemoteIds } from '../../sync/remotes.ts';
import { RECOVERY_PENDING_KEY } from '../../sync/rollback-recover.ts';
import { audit } from '../audit.ts';
import { replaceKeyFile } from './key-file.ts';

export function persistKeyFile(dataDir: string): (masterKey: Buffer) => boolean {
  return (masterKey) => {
    replaceKeyFile(keyFilePath(dataDir), masterKey);
    return true;
  };
}

/** 已从备份恢复: recorded once, on the restored database. */
export function noteRestored(db: DatabaseSync, backupAt: string): void {
  audit(db, { userId: null, action: 'backup.restored', detail: { backupAt } });
  // With no server to tell, there is no recovery to announce.
  if (enrolledRemoteIds(db).length === 0) db.prepare('DELETE FROM settings WHERE key = ?').run(RECOVERY_PENDING_KEY);
  log.info('backup.restored', { backupAt });
}
