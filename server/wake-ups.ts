// Waiting pulls and the other server instances on the same database: a push
// accepted by another instance wakes this one's waiting pulls as a push here
// does (through the store, storage/postgres-wake.ts). While the way news
// arrives is broken, a waiting pull still answers at its own timeout and the
// device pulls again, so an event is late, never lost; the log says so.
import type { FastifyBaseLogger } from 'fastify';
import type { AppendSignal } from './long-poll.ts';
import type { AppendWatcher } from './storage/contract.ts';

export function wakeUpsFromOtherInstances(appended: AppendSignal, log: FastifyBaseLogger): AppendWatcher {
  return {
    wake: () => appended.notify(),
    lost: (error) =>
      log.warn(
        { event: 'wake_ups_lost', code: (error as { code?: string }).code, reason: error.message },
        'not hearing other instances: their events wait for a pull to time out',
      ),
    restored: () => log.info({ event: 'wake_ups_restored' }, 'hearing other instances again'),
  };
}
