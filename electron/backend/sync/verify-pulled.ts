// What a pulled event must show before this device applies it, on nobody's
// word but its origin device's: its content matches its content hash, the
// hash is signed with the key the server vouched for (party-keys.ts), that
// device is not revoked and may act for the case (the same scopes and roles
// the server holds pushes to). An event that fails goes to quarantine with
// its reason, is never applied, and holds back the later events of its case.
import type { DatabaseSync } from 'node:sqlite';
import { caseReceivedPayload } from '../../../shared/case/events.ts';
import { contentHash } from '../../../shared-node/event-hash.ts';
import { eventSignatureValid } from '../../../shared-node/event-signature.ts';
import type { PulledEventRefusal } from '../../../shared/sync/event-signature.ts';
import { SCOPE_ROLES, type PulledEvent, type Scope } from '../../../shared/sync/protocol.ts';
import { encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { log } from '../log.ts';

interface Place {
  intakeRegion: string;
  handlingRegion: string;
  matterId: string;
}

interface HeldCase extends Place {
  origin: 'intake' | 'inbox';
}

/** The intake window party to a case: the origin of its case.received, this device's own for a case made here. */
function intakeOrigin(db: DatabaseSync, remoteId: string, caseId: string, held: HeldCase): string | null {
  const received = db
    .prepare("SELECT origin_device_id FROM case_events WHERE case_id = ? AND type = 'case.received'")
    .get(caseId) as { origin_device_id: string | null } | undefined;
  if (received?.origin_device_id) return received.origin_device_id;
  if (held.origin === 'inbox') return null;
  const remote = db.prepare('SELECT server_device_id FROM remotes WHERE remote_id = ?').get(remoteId) as
    { server_device_id: string | null } | undefined;
  return remote?.server_device_id ?? null;
}

/** Whether a device of this scope may record this event on this case. */
function mayAct(db: DatabaseSync, remoteId: string, scope: Scope, event: PulledEvent): boolean {
  if (!SCOPE_ROLES[scope.kind].includes(event.actor.role)) return false;
  // Only an intake window opens a case.
  if (scope.kind === 'acceptance' && event.type === 'case.received') return false;
  const held = db
    .prepare(
      `SELECT intake_region AS intakeRegion, handling_region AS handlingRegion, matter_id AS matterId, origin
       FROM cases WHERE case_id = ?`,
    )
    .get(event.caseId) as HeldCase | undefined;
  let place: Place;
  if (held) place = held;
  else if (event.type === 'case.received') {
    const received = caseReceivedPayload.safeParse(event.payload);
    // Unreadable, or of a case this device does not hold: applying leaves it aside in any case.
    if (!received.success) return true;
    place = received.data;
  } else return true;
  if (scope.kind === 'acceptance') {
    return (
      scope.regionCode === place.handlingRegion &&
      (scope.matterIds.length === 0 || scope.matterIds.includes(place.matterId))
    );
  }
  if (scope.regionCode !== place.intakeRegion) return false;
  if (!held) return true;
  // Known for an inbox case pulled with its origin; one pulled before origins were kept is held to its region alone.
  const origin = intakeOrigin(db, remoteId, event.caseId, held);
  return origin === null ? held.origin === 'inbox' : origin === event.originDeviceId;
}

export function pulledEventRefusal(db: DatabaseSync, remoteId: string, event: PulledEvent): PulledEventRefusal | null {
  if (db.prepare('SELECT 1 FROM pulled_quarantine WHERE case_id = ? LIMIT 1').get(event.caseId)) return 'held_behind';
  if (contentHash(event) !== event.contentHash) return 'altered_event';
  if (event.signature === null) return 'unsigned_event';
  const origin = db
    .prepare('SELECT public_key, scope, revoked FROM party_device_keys WHERE remote_id = ? AND device_id = ?')
    .get(remoteId, event.originDeviceId) as { public_key: string; scope: string; revoked: number } | undefined;
  if (!origin) return 'unknown_device';
  if (!eventSignatureValid(origin.public_key, event.contentHash, event.signature)) return 'forged_signature';
  if (origin.revoked === 1) return 'revoked_device';
  return mayAct(db, remoteId, JSON.parse(origin.scope) as Scope, event) ? null : 'not_party';
}

/** Keeps a refused event, as it came and encrypted, out of the case. Inside the caller's transaction. */
export function quarantinePulled(
  db: DatabaseSync,
  keys: DeviceKeys,
  remoteId: string,
  event: PulledEvent,
  reason: PulledEventRefusal,
): void {
  log.warn('sync.pulled_event_quarantined', { eventId: event.eventId, reason });
  db.prepare(
    `INSERT OR IGNORE INTO pulled_quarantine (event_id, remote_id, case_id, type, server_seq, reason, event_enc,
       quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.eventId,
    remoteId,
    event.caseId,
    event.type,
    event.serverSeq,
    reason,
    encryptText(keys.fields, JSON.stringify(event), `pulled_quarantine.event:${event.eventId}`),
    new Date().toISOString(),
  );
}
