// The link with the partner regions' exchange servers: its state, a server
// enrolled, a sync now, and the events a server refused.
import type { syncMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function syncHandlers({
  sync,
  remotes,
  quarantine,
  auditLog,
}: HandlerContext): DomainHandlers<typeof syncMethods> {
  return {
    'sync.status': () => sync.status(),
    'sync.addRemote': async (enrollment, { session }) => {
      const regionCode = await remotes.enroll(enrollment);
      auditLog.record({ userId: session.userId, action: 'sync.add_remote', detail: { regionCode } });
      sync.start();
      sync.kick();
      return sync.status().find((r) => r.regionCode === regionCode)!;
    },
    'sync.now': () => {
      sync.kick();
      return { ok: true };
    },
    'sync.quarantine': () => quarantine.list(),
  };
}
