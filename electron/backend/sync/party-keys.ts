// The keys of the devices whose events this device pulls, as the remote's
// server vouches for them: a listing signed by the server key this device
// learnt at enrollment, over a nonce of this request. A listing that is not so
// signed, answers another request or gives a device listed before another key
// is refused whole: nothing of the batch is applied and the pull fails, to be
// tried again. What a good listing says is kept (party_device_keys); a device
// once listed as revoked stays revoked here.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { signedBy } from '../../../shared-node/event-signature.ts';
import {
  deviceKeysSigningText,
  MAX_DEVICE_KEY_IDS,
  type DeviceKeysResponse,
} from '../../../shared/sync/device-keys.ts';
import type { PulledEvent } from '../../../shared/sync/protocol.ts';
import { log } from '../log.ts';
import { transaction } from './context.ts';
import { RemoteError, type RemoteClient } from './remote-client.ts';

function refuse(remoteId: string, why: string): never {
  log.warn('sync.device_keys_refused', { remoteId, why });
  throw new RemoteError('protocol', `The server's device-key listing was refused: ${why}.`);
}

/** The origin devices of the events this device has neither applied nor quarantined yet. */
function originsToCheck(db: DatabaseSync, events: readonly PulledEvent[]): string[] {
  const known = db.prepare(
    `SELECT 1 FROM case_events WHERE event_id = ?1 UNION ALL SELECT 1 FROM pulled_quarantine WHERE event_id = ?1`,
  );
  return [...new Set(events.filter((e) => known.get(e.eventId) === undefined).map((e) => e.originDeviceId))];
}

function checked(
  remoteId: string,
  serverKey: string | null,
  listing: DeviceKeysResponse,
  nonce: string,
  asked: readonly string[],
): DeviceKeysResponse {
  if (listing.nonce !== nonce) refuse(remoteId, 'it answers another request');
  // A remote enrolled before servers gave their key learns it from its first listing.
  if (serverKey !== null && listing.serverKey !== serverKey) refuse(remoteId, 'another server key signed it');
  if (!signedBy(listing.serverKey, deviceKeysSigningText(listing), listing.signature)) {
    refuse(remoteId, 'its signature is not the server key’s');
  }
  if (listing.devices.some((device) => !asked.includes(device.deviceId)))
    refuse(remoteId, 'it lists devices not asked');
  return listing;
}

/** Asks the remote for the keys of the batch's origin devices, checks the listing and keeps what it says. */
export async function learnPartyKeys(
  db: DatabaseSync,
  remoteId: string,
  client: RemoteClient,
  events: readonly PulledEvent[],
  signal?: AbortSignal,
): Promise<void> {
  const origins = originsToCheck(db, events);
  for (let first = 0; first < origins.length; first += MAX_DEVICE_KEY_IDS) {
    const asked = origins.slice(first, first + MAX_DEVICE_KEY_IDS);
    const { server_key: serverKey } = db
      .prepare('SELECT server_key FROM remotes WHERE remote_id = ?')
      .get(remoteId) as {
      server_key: string | null;
    };
    const nonce = randomBytes(18).toString('base64url');
    const listing = checked(remoteId, serverKey, await client.deviceKeys(asked, nonce, signal), nonce, asked);
    const now = new Date().toISOString();
    const cached = db.prepare('SELECT public_key FROM party_device_keys WHERE remote_id = ? AND device_id = ?');
    const keep = db.prepare(
      `INSERT INTO party_device_keys (remote_id, device_id, public_key, scope, revoked, listed_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (remote_id, device_id) DO UPDATE SET scope = excluded.scope,
         revoked = max(revoked, excluded.revoked), listed_at = excluded.listed_at`,
    );
    transaction(db, () => {
      if (serverKey === null) {
        db.prepare('UPDATE remotes SET server_key = ? WHERE remote_id = ?').run(listing.serverKey, remoteId);
      }
      for (const device of listing.devices) {
        const before = cached.get(remoteId, device.deviceId) as { public_key: string } | undefined;
        // A device's key is fixed at its enrollment: another one for the same id is a substitution.
        if (before && before.public_key !== device.publicKey) refuse(remoteId, 'it changes a known device’s key');
        keep.run(
          remoteId,
          device.deviceId,
          device.publicKey,
          JSON.stringify(device.scope),
          device.revoked ? 1 : 0,
          now,
        );
      }
    });
  }
}
