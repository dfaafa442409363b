// Applying an event pulled from a server, idempotently: an event already here
// only learns its server sequence; a new event for a case this device holds
// is checked against the content hash and the state machine, then recorded.
// Cases this device does not hold (a handling desk's inbox) arrive with the
// acceptance workspace.
import type { DatabaseSync } from 'node:sqlite';
import { canonicalJson } from '../../../shared/case/events.ts';
import { applyTransition } from '../../../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import type { PulledEvent } from '../../../shared/sync/protocol.ts';
import { encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { log } from '../log.ts';
import { sha256Text } from '../services/intake.ts';

/** Returns the case that changed, if any. Runs inside the caller's transaction. */
export function applyPulledEvent(db: DatabaseSync, keys: DeviceKeys, event: PulledEvent): string | null {
  const known = db.prepare('SELECT server_seq, received_at FROM case_events WHERE event_id = ?').get(event.eventId) as
    { server_seq: number | null; received_at: string | null } | undefined;
  if (known) {
    if (known.server_seq !== null && known.received_at !== null) return null;
    db.prepare('UPDATE case_events SET server_seq = ?, received_at = ? WHERE event_id = ?').run(
      event.serverSeq,
      event.receivedAt,
      event.eventId,
    );
    return event.caseId;
  }
  const { eventId, caseId, type, payload, actor, deviceId, occurredAt } = event;
  if (
    sha256Text(canonicalJson({ eventId, caseId, type, payload, actor, deviceId, occurredAt })) !== event.contentHash
  ) {
    log.warn('sync.pulled_event_bad_hash', { eventId });
    return null;
  }
  const held = db.prepare('SELECT status FROM cases WHERE case_id = ?').get(caseId) as
    { status: CaseStatusCode } | undefined;
  if (!held) return null;
  const step = applyTransition(held.status, type, [actor.role]);
  if (!step.ok) {
    log.warn('sync.pulled_event_refused', { eventId, reason: step.reason });
    return null;
  }
  const { next } = db
    .prepare('SELECT coalesce(max(case_seq), 0) + 1 AS next FROM case_events WHERE case_id = ?')
    .get(caseId) as { next: number };
  db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash, server_seq, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    eventId,
    caseId,
    next,
    type,
    encryptText(keys.fields, JSON.stringify(payload), `case_events.payload:${eventId}`),
    actor.userId,
    actor.role,
    deviceId,
    occurredAt,
    event.contentHash,
    event.serverSeq,
    event.receivedAt,
  );
  db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE case_id = ?').run(
    step.status,
    new Date().toISOString(),
    caseId,
  );
  return caseId;
}
