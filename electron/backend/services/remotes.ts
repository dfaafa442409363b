// Enrolling this device with a partner region's exchange server: the server
// takes the one-time code and the device's public key, and the remote is
// kept for the sync engine to work with.
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { enroll, RemoteError } from '../sync/remote-client.ts';
import type { DeviceKeyPair } from '../sync/signing.ts';
import { readDevice } from './device.ts';

export interface Enrollment {
  url: string;
  /** The one-time code the server's administrator gave. */
  code: string;
  name: string;
}

export class RemoteEnrollment {
  private readonly db: DatabaseSync;
  private readonly deviceKey: DeviceKeyPair;

  constructor(db: DatabaseSync, deviceKey: DeviceKeyPair) {
    this.db = db;
    this.deviceKey = deviceKey;
  }

  /** Enrolls with the server and keeps it as the remote of its region; gives that region's code. */
  async enroll({ url, code, name }: Enrollment): Promise<string> {
    const device = readDevice(this.db);
    if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');
    const enrolled = await enroll(url, { code, publicKey: this.deviceKey.publicKey, deviceName: device.name }).catch(
      (error: unknown) => {
        if (error instanceof RemoteError && error.kind === 'http' && error.status !== undefined && error.status < 500) {
          throw rejected('enrollment_refused', 'The server refused the enrollment code.');
        }
        throw rejected('remote_unreachable', 'The server could not be reached.', { url });
      },
    );
    const at = new Date().toISOString();
    // One remote per partner region: an earlier placeholder (cases queued before it was configured) is kept.
    this.db
      .prepare(
        `INSERT INTO remotes (remote_id, region_code, url, name, server_device_id, scope, created_at, server_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (region_code) DO UPDATE SET url = excluded.url, name = excluded.name,
           server_device_id = excluded.server_device_id, scope = excluded.scope, pull_cursor = 0,
           server_key = excluded.server_key`,
      )
      .run(
        uuidv7(),
        enrolled.serverRegion,
        url,
        name,
        enrolled.deviceId,
        JSON.stringify(enrolled.scope),
        at,
        // The key that signs the server's device-key listings, learnt here.
        enrolled.serverKey ?? null,
      );
    return enrolled.serverRegion;
  }
}
