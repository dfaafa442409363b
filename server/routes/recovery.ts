// Rollback detection: /v1/devices/position holds a device's count of its own
// events against the highest it reported before, and refuses a lower one
// without writing anything; /v1/devices/recovery records a device's announced
// restore from a backup, after which it pulls what the backup lacks.
import { DEVICE_BEHIND, positionRequest, recoveryRequest, type DeviceBehind } from '../../shared/sync/positions.ts';
import { parseJson, valid } from '../http/request.ts';
import type { Handlers, RouteContext } from './context.ts';

export function recoveryRoutes({ store }: RouteContext): Handlers<'reportPosition' | 'announceRecovery'> {
  return {
    async reportPosition(request, reply, signed) {
      const { device } = signed!;
      const { ownEvents, record } = valid(positionRequest, parseJson(request.body), 'position');
      const verdict = await store.reportPosition(device.deviceId, ownEvents, new Date().toISOString(), record);
      if (verdict.ok) return { highestSeen: verdict.highestSeq, recentEventIds: verdict.recentEventIds };
      request.log.warn(
        { event: 'device_behind', device: device.deviceId, reported: ownEvents, highestSeen: verdict.highestSeq },
        'device holds an older copy of its data',
      );
      const body: DeviceBehind = {
        error: DEVICE_BEHIND,
        message: `This device reports ${ownEvents} events of its own; it had reported ${verdict.highestSeq}.`,
        highestSeen: verdict.highestSeq,
        reported: ownEvents,
      };
      return reply.code(409).send(body);
    },

    async announceRecovery(request, _reply, signed) {
      const { device } = signed!;
      const { ownEvents, backupAt } = valid(recoveryRequest, parseJson(request.body), 'recovery');
      const at = new Date().toISOString();
      const highestSeen = await store.recordRecovery({
        deviceId: device.deviceId,
        restoredSeq: ownEvents,
        backupAt,
        at,
      });
      request.log.info(
        { event: 'device_recovery', device: device.deviceId, restored: ownEvents, highestSeen, backupAt },
        'device announced a restore from a backup',
      );
      return { highestSeen };
    },
  };
}
