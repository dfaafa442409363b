// Enrolling this device with a partner region's exchange server: from the
// invitation its administrator gave (address, one-time code, fingerprint of
// the server key), the server takes the code and the device's public key over
// a connection to that key only, and the remote is kept with the key pinned
// for the sync engine to work with.
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { parseInvitation, type Invitation } from '../../../shared/sync/invitation.ts';
import { enroll, RemoteError } from '../sync/remote-client.ts';
import { checkTransport, type TrustError } from '../sync/server-trust.ts';
import type { DeviceKeyPair } from '../sync/signing.ts';
import { readDevice } from './device.ts';

export interface Enrollment {
  /** The invitation's text; or its parts below. */
  invitation?: string | undefined;
  url?: string | undefined;
  /** The one-time code the server's administrator gave. */
  code?: string | undefined;
  fingerprint?: string | undefined;
  name: string;
}

function invitationOf(enrollment: Enrollment): Invitation {
  if (enrollment.invitation !== undefined) {
    const parsed = parseInvitation(enrollment.invitation);
    if (!parsed) throw rejected('invitation_invalid', 'This is not an invitation of an exchange server.');
    return parsed;
  }
  const { url, code, fingerprint } = enrollment;
  if (!url || !code || !fingerprint) throw rejected('invitation_invalid', 'The invitation is incomplete.');
  return { server: url, code, fingerprint };
}

export class RemoteEnrollment {
  private readonly db: DatabaseSync;
  private readonly deviceKey: DeviceKeyPair;

  constructor(db: DatabaseSync, deviceKey: DeviceKeyPair) {
    this.db = db;
    this.deviceKey = deviceKey;
  }

  /** Enrolls with the server and keeps it as the remote of its region; gives that region's code. */
  async enroll(enrollment: Enrollment): Promise<string> {
    const device = readDevice(this.db);
    if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');
    const { server: url, code, fingerprint } = invitationOf(enrollment);
    try {
      checkTransport(new URL(url));
    } catch (error) {
      throw rejected((error as TrustError).reason, (error as TrustError).message);
    }
    const { enrolled, serverPublicKey } = await enroll(url, fingerprint, {
      code,
      publicKey: this.deviceKey.publicKey,
      deviceName: device.name,
    }).catch((error: unknown) => {
      if (error instanceof RemoteError && error.kind === 'trust' && error.reason) {
        throw rejected(error.reason, error.message, { url });
      }
      if (error instanceof RemoteError && error.kind === 'http' && error.status !== undefined && error.status < 500) {
        throw rejected('enrollment_refused', 'The server refused the enrollment code.');
      }
      throw rejected('remote_unreachable', 'The server could not be reached.', { url });
    });
    const at = new Date().toISOString();
    // One remote per partner region: an earlier placeholder (cases queued before it was configured) is kept.
    this.db
      .prepare(
        `INSERT INTO remotes (remote_id, region_code, url, name, server_device_id, scope, server_key_fingerprint,
           server_public_key, created_at, server_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (region_code) DO UPDATE SET url = excluded.url, name = excluded.name,
           server_device_id = excluded.server_device_id, scope = excluded.scope, pull_cursor = 0,
           server_key_fingerprint = excluded.server_key_fingerprint, server_public_key = excluded.server_public_key,
           last_error = NULL, last_error_reason = NULL, server_key = excluded.server_key`,
      )
      .run(
        uuidv7(),
        enrolled.serverRegion,
        url,
        enrollment.name,
        enrolled.deviceId,
        JSON.stringify(enrolled.scope),
        fingerprint,
        serverPublicKey,
        at,
        // The key that vouches for the device keys the server lists, learnt over the pinned link.
        enrolled.serverKey ?? null,
      );
    return enrolled.serverRegion;
  }
}
