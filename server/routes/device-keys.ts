// GET /v1/device-keys: the keys of the devices a device asked about (the
// origins of the events it pulled), with their scope and whether they are
// revoked, signed by the server key over the asking device's nonce: the
// device checks each event's signature against this, never against the
// server's word alone.
import { deviceKeysQuery, deviceKeysSigningText, type ListedDevice } from '../../shared/sync/device-keys.ts';
import { signText } from '../../shared-node/event-signature.ts';
import { valid } from '../http/request.ts';
import type { Handlers, RouteContext } from './context.ts';

export function deviceKeyRoutes({ store, serverKey }: RouteContext): Handlers<'deviceKeys'> {
  return {
    async deviceKeys(request) {
      const { ids, nonce } = valid(deviceKeysQuery, request.query, 'query');
      const devices: ListedDevice[] = [];
      for (const id of ids) {
        const device = await store.device(id);
        if (device) {
          devices.push({
            deviceId: device.deviceId,
            publicKey: device.publicKey,
            scope: device.scope,
            revoked: device.revokedAt !== null,
          });
        }
      }
      const listing = { devices, nonce, issuedAt: new Date().toISOString() };
      return {
        ...listing,
        serverKey: serverKey.publicKey,
        signature: signText(serverKey.privateKey, deviceKeysSigningText(listing)),
      };
    },
  };
}
