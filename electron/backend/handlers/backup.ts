// Backup and restore: the state Settings shows, the folder and passphrase, a
// backup now, and a restore — by an administrator, or on a new PC's first
// screen before anyone is set up. A staged restore restarts the backend,
// which switches to the restored data as it starts.
import type { backupMethods } from '../../../shared/rpc/methods/backup.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

/** Time for the answer to reach the screen before the backend goes down to switch. */
const RESTART_AFTER_MS = 300;

export function backupHandlers({ backup, setup, restart, sync }: HandlerContext): DomainHandlers<typeof backupMethods> {
  const restartSoon = (): void => void setTimeout(restart, RESTART_AFTER_MS).unref();
  return {
    'backup.status': () => backup.status(),
    'backup.configure': (input, { session }) => backup.configure(input, session.userId),
    'backup.run': (_input, { session }) => backup.run(session.userId),
    'backup.restore': async ({ folder, passphrase }, { session }) => {
      const staged = await backup.stageRestore(folder, passphrase, session.userId);
      restartSoon();
      return { backupAt: staged.backupAt, restarting: true as const };
    },
    'backup.recoverFromServers': (_input, { session }) => {
      const status = backup.recoverFromServers(session.userId);
      sync.kick();
      return status;
    },
    'backup.restoreAtSetup': async ({ folder, passphrase }) => {
      if (setup.isSetUp()) throw rejected('already_set_up', 'This device is already set up.');
      const staged = await backup.stageRestore(folder, passphrase, null);
      restartSoon();
      return { backupAt: staged.backupAt, restarting: true as const };
    },
  };
}
