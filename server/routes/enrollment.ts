// POST /v1/enroll: a device redeems a one-time code with its own Ed25519 key;
// the code fixes its scope on this server. Open, so limited per address.
import { uuidv7 } from '../../shared/case/uuid.ts';
import { enrollRequest } from '../../shared/sync/protocol.ts';
import { parsePublicKey } from '../auth.ts';
import { codeHash } from '../enrollment.ts';
import { HttpError } from '../http/errors.ts';
import { parseJson, valid } from '../http/request.ts';
import { throttle } from '../http/throttle.ts';
import type { Handlers, RouteContext } from './context.ts';

export function enrollmentRoutes({
  store,
  region,
  buckets,
  authentication,
  serverKey,
}: RouteContext): Handlers<'enroll'> {
  return {
    async enroll(request) {
      throttle(buckets, `address:${request.ip}`);
      const body = valid(enrollRequest, parseJson(request.body), 'enrollment');
      if (!parsePublicKey(body.publicKey)) {
        throw new HttpError(400, 'invalid_request', 'The public key is not an Ed25519 key (SPKI DER, base64).');
      }
      const now = new Date().toISOString();
      const redeemed = await store.redeemEnrollmentCode(codeHash(body.code), now, {
        deviceId: uuidv7(),
        name: body.deviceName,
        publicKey: body.publicKey,
        enrolledAt: now,
      });
      if (!redeemed.ok) {
        request.log.info({ event: 'enroll_refused', reason: redeemed.reason }, 'enrollment refused');
        throw new HttpError(403, redeemed.reason, 'This enrollment code cannot be used.');
      }
      const { device } = redeemed;
      // Its key, known now: its first signed request needs no look-up (the device itself is read with each nonce).
      authentication.knowKey(device.deviceId, parsePublicKey(device.publicKey)!);
      request.log.info({ event: 'enrolled', device: device.deviceId, scope: device.scope.kind }, 'device enrolled');
      return {
        deviceId: device.deviceId,
        scope: device.scope,
        serverRegion: region,
        serverTime: now,
        serverKey: serverKey.publicKey,
      };
    },
  };
}
