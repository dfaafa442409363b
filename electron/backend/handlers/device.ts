// The device's own record: read by every signed-in user, changed by the administrator.
import type { deviceMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function deviceHandlers({ device, auditLog }: HandlerContext): DomainHandlers<typeof deviceMethods> {
  return {
    'device.get': () => device.read()!,
    'device.update': (changes, { session }) => {
      const updated = device.update(changes);
      auditLog.record({ userId: session.userId, action: 'device.update', detail: { fields: Object.keys(changes) } });
      return updated;
    },
  };
}
