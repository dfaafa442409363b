// Applying an event pulled from a server, idempotently: an event already here
// only learns its server sequence; a new event is checked against its content
// hash and the state machine, then recorded with what it changes — status,
// sub-state, the case document, files to fetch. A case.received for a case
// this device does not hold opens it in the inbox when this device is an
// acceptance desk of the case's handling region.
import type { DatabaseSync } from 'node:sqlite';
import { blobRefsOf, EVENT_PAYLOADS, type CaseReceivedPayload, type EventType } from '../../../shared/case/events.ts';
import { applyTransition } from '../../../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { maskIdentity, maskName } from '../../../shared/identity/mask.ts';
import { localDay } from '../../../shared/local-time.ts';
import { contentHash } from '../../../shared-node/event-hash.ts';
import type { PulledEvent } from '../../../shared/sync/protocol.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { log } from '../log.ts';
import { insertCaseRow, type NewCaseRow } from '../store/case-rows.ts';
import {
  attachBlobs,
  documentColumns,
  indexPeople,
  nextCaseSeq,
  noteOnRow,
  projectDocument,
  readDocument,
  saveDocument,
  writeEvent,
  type CaseDocument,
  type EventOrigin,
} from '../services/case-events.ts';

/** Where a pulled event came from, kept with it: its place on the server, its origin device and signature. */
export function pulledOrigin(event: PulledEvent): EventOrigin {
  const { serverSeq, receivedAt, contentHash: hash, signature, originDeviceId } = event;
  return { serverSeq, receivedAt, contentHash: hash, signature, originDeviceId };
}

/**
 * Returns the case that changed, if any. Runs inside the caller's
 * transaction, after the event's signature and origin were checked (verify-pulled.ts).
 */
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
  const { eventId, caseId, type, payload, actor, occurredAt } = event;
  if (contentHash(event) !== event.contentHash) {
    log.warn('sync.pulled_event_bad_hash', { eventId });
    return null;
  }
  // The server checked it against the same schemas; a device still reads nothing it does not understand.
  const schema = Object.hasOwn(EVENT_PAYLOADS, type) ? EVENT_PAYLOADS[type as EventType] : null;
  if (!schema?.safeParse(payload).success) {
    log.warn('sync.pulled_event_unreadable', { eventId, type });
    return null;
  }
  const held = db.prepare('SELECT status, remote_id FROM cases WHERE case_id = ?').get(caseId) as
    { status: CaseStatusCode; remote_id: string } | undefined;
  if (!held) return type === 'case.received' ? openInboxCase(db, keys, event) : null;
  const step = applyTransition(held.status, type, [actor.role]);
  if (!step.ok) {
    log.warn('sync.pulled_event_refused', { eventId, reason: step.reason });
    return null;
  }
  writeEvent(db, keys, event, nextCaseSeq(db, caseId), pulledOrigin(event));
  const document = projectDocument(readDocument(db, keys, caseId), type, payload);
  if (document) saveDocument(db, keys, caseId, document);
  noteOnRow(db, caseId, type, payload, occurredAt);
  attachBlobs(db, caseId, held.remote_id, blobRefsOf(type, payload), 'fetch', event.receivedAt);
  db.prepare('UPDATE cases SET status = ?, sub_state = coalesce(?, sub_state), updated_at = ? WHERE case_id = ?').run(
    step.status,
    step.subState ?? null,
    new Date().toISOString(),
    caseId,
  );
  return caseId;
}

/** A case taken in at another place, arriving at this region's acceptance desk. */
function openInboxCase(db: DatabaseSync, keys: DeviceKeys, event: PulledEvent): string | null {
  const received = event.payload as CaseReceivedPayload;
  const remote = db
    .prepare(`SELECT remote_id FROM remotes WHERE region_code = ? AND json_extract(scope, '$.kind') = 'acceptance'`)
    .get(received.handlingRegion) as { remote_id: string } | undefined;
  const step = applyTransition(null, event.type, [event.actor.role]);
  if (!remote || !step.ok) return null;
  caseFromReceived(db, keys, event, {
    remoteId: remote.remote_id,
    origin: 'inbox',
    status: step.status,
    subState: 'delivered',
  });
  return event.caseId;
}

/**
 * Makes a case's row from its pulled case.received, with where it stands
 * here, and records the event as its first: at an acceptance desk (an inbox
 * case), or at the window that took it in, bringing back its own case after
 * a restore.
 */
export function caseFromReceived(
  db: DatabaseSync,
  keys: DeviceKeys,
  event: PulledEvent,
  here: Pick<NewCaseRow, 'remoteId' | 'origin' | 'status' | 'subState' | 'clerkUserId'>,
): void {
  const { caseId } = event;
  const received = event.payload as CaseReceivedPayload;
  const document: CaseDocument = { received, materials: { materials: [], scans: [] } };
  const { contentHash, detailEnc } = documentColumns(keys, caseId, document);
  const { applicant, deadlines } = received;
  insertCaseRow(db, {
    ...here,
    caseId,
    caseNo: received.caseNo,
    matterId: received.matterId,
    catalogVersion: received.catalogVersion,
    intakeRegion: received.intakeRegion,
    handlingRegion: received.handlingRegion,
    syncState: 'synced',
    applicantMaskedName: maskName(applicant.name),
    applicantMaskedId: maskIdentity(applicant.idKind, applicant.idNumber),
    applicantIdKind: applicant.idKind,
    priority: received.priority,
    receivedAt: event.occurredAt,
    receivedDay: localDay(new Date(event.occurredAt)),
    promisedDeadline: deadlines.promised,
    statutoryDeadline: deadlines.statutory,
    deadlineProvisional: deadlines.provisional,
    // As the intake window counted them; the clock counts again where this device knows the matter.
    deadlineUnit: deadlines.unit ?? 'working_days',
    acceptanceDeadline: deadlines.acceptanceDecision ?? null,
    identitySource: received.applicantIdentity?.source ?? null,
    contentHash,
    detailEnc,
    updatedAt: new Date().toISOString(),
  });
  indexPeople(db, keys, caseId, applicant, received.agent);
  writeEvent(db, keys, event, 1, pulledOrigin(event));
}
