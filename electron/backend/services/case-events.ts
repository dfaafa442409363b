// Writing a case's events on this device, one way for every writer: the
// intake window, the decisions and notes recorded here, and events pulled from
// a server. Payloads are encrypted at rest; an event made here goes to its
// remote's outbox in the same transaction, a pulled one carries its server
// sequence. Callers hold the transaction.
import type { DatabaseSync } from 'node:sqlite';
import {
  canonicalJson,
  type BlobRef,
  type CaseEvent,
  type CaseReceivedPayload,
  type CorrectionSuppliedPayload,
  type DeferredMaterialReceivedPayload,
  type MaterialsCheckedPayload,
} from '../../../shared/case/events.ts';
import { localDay } from '../../../shared/local-time.ts';
import { contentHash } from '../../../shared-node/event-hash.ts';
import { sha256Hex } from '../../../shared-node/hash.ts';
import { blindToken, decryptText, encryptText, namePrefixTokens, type SearchKind } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { signEvent } from '../sync/signing.ts';
import { projectCommitments } from './commitments.ts';
import { appendToChain } from './event-chain.ts';
import { projectRectification } from './rectification-projection.ts';

export function nextCaseSeq(db: DatabaseSync, caseId: string): number {
  const { next } = db
    .prepare('SELECT coalesce(max(case_seq), 0) + 1 AS next FROM case_events WHERE case_id = ?')
    .get(caseId) as { next: number };
  return next;
}

export type EventOrigin =
  | { outbox: string }
  | {
      serverSeq: number;
      receivedAt: string;
      contentHash: string;
      /** The origin device's signature, checked before the event was applied, and its id on the remote. */
      signature: string | null;
      originDeviceId: string;
    };

export function writeEvent(
  db: DatabaseSync,
  keys: DeviceKeys,
  event: CaseEvent,
  caseSeq: number,
  origin: EventOrigin,
): void {
  const pulled = 'serverSeq' in origin ? origin : null;
  const row = {
    event_id: event.eventId,
    case_id: event.caseId,
    case_seq: caseSeq,
    type: event.type,
    payload_enc: encryptText(keys.fields, JSON.stringify(event.payload), `case_events.payload:${event.eventId}`),
    actor_user_id: event.actor.userId,
    actor_role: event.actor.role,
    device_id: event.deviceId,
    occurred_at: event.occurredAt,
    content_hash: pulled?.contentHash ?? contentHash(event),
  };
  // Made here: signed by this device as it is recorded, so the signature lives with the event.
  const signature = pulled ? pulled.signature : signEvent(db, keys.fields, row.content_hash);
  db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash, server_seq, received_at, signature, origin_device_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.event_id,
    row.case_id,
    row.case_seq,
    row.type,
    row.payload_enc,
    row.actor_user_id,
    row.actor_role,
    row.device_id,
    row.occurred_at,
    row.content_hash,
    pulled?.serverSeq ?? null,
    pulled?.receivedAt ?? null,
    signature,
    pulled?.originDeviceId ?? null,
  );
  appendToChain(db, row, localDay(new Date()));
  projectCommitments(db, event);
  projectRectification(db, event);
  if ('outbox' in origin) {
    db.prepare('INSERT INTO outbox_events (remote_id, event_id, case_id, enqueued_at) VALUES (?, ?, ?, ?)').run(
      origin.outbox,
      event.eventId,
      event.caseId,
      event.occurredAt,
    );
  }
}

/** Blind-index rows: exact ID numbers and phones, every prefix of names. */
export function indexPeople(
  db: DatabaseSync,
  keys: DeviceKeys,
  caseId: string,
  ...people: ({ name: string; idNumber: string; phone?: string | undefined } | null)[]
): void {
  const insert = db.prepare('INSERT OR IGNORE INTO case_search (kind, token, case_id) VALUES (?, ?, ?)');
  const add = (kind: SearchKind, token: string): void => void insert.run(kind, token, caseId);
  for (const person of people) {
    if (!person) continue;
    add('id', blindToken(keys.blindIndex, 'id', person.idNumber));
    if (person.phone) add('phone', blindToken(keys.blindIndex, 'phone', person.phone));
    for (const token of namePrefixTokens(keys.blindIndex, person.name)) add('name', token);
  }
}

/** The detail document kept encrypted on the case row: what was taken in, with the materials as they stand. */
export interface CaseDocument {
  received: CaseReceivedPayload;
  materials: MaterialsCheckedPayload;
  /**
   * The receipt's short code for the status page, made here at intake; only its hash left the device.
   * Absent on a case from elsewhere and on one taken in before codes.
   */
  statusCode?: string;
}

export function readDocument(db: DatabaseSync, keys: DeviceKeys, caseId: string): CaseDocument {
  const row = db.prepare('SELECT detail_enc FROM cases WHERE case_id = ?').get(caseId) as { detail_enc: string };
  return JSON.parse(decryptText(keys.fields, row.detail_enc, `cases.detail:${caseId}`)) as CaseDocument;
}

export function documentColumns(keys: DeviceKeys, caseId: string, document: CaseDocument) {
  return {
    contentHash: sha256Hex(canonicalJson(document)),
    detailEnc: encryptText(keys.fields, JSON.stringify(document), `cases.detail:${caseId}`),
  };
}

/**
 * The document after an event, or null when the event does not change it: the
 * formal check fills in the materials (a case pulled from a server arrives
 * without them), a correction replaces the outcomes of the materials it names
 * and adds its scans, a deferred material brought in later becomes received.
 */
export function projectDocument(document: CaseDocument, type: string, payload: unknown): CaseDocument | null {
  if (type === 'case.materials_checked') return { ...document, materials: payload as MaterialsCheckedPayload };
  if (type === 'case.deferred_material_received') return withDeferredReceived(document, payload);
  if (type !== 'case.correction_supplied') return null;
  const correction = payload as CorrectionSuppliedPayload;
  const replaced = new Set(correction.materials.map((m) => m.materialId));
  return {
    ...document,
    materials: {
      materials: [...document.materials.materials.filter((m) => !replaced.has(m.materialId)), ...correction.materials],
      scans: [...document.materials.scans, ...correction.scans],
    },
  };
}

/** 容缺补交: the deferred outcome becomes received, in the forms brought, with the scans taken. */
function withDeferredReceived(document: CaseDocument, payload: unknown): CaseDocument {
  const { materialId, forms, scans } = payload as DeferredMaterialReceivedPayload;
  return {
    ...document,
    materials: {
      materials: document.materials.materials.map((m) =>
        m.materialId === materialId ? { materialId, outcome: 'received', forms } : m,
      ),
      scans: [...document.materials.scans, ...scans],
    },
  };
}

export function saveDocument(db: DatabaseSync, keys: DeviceKeys, caseId: string, document: CaseDocument): void {
  const { contentHash, detailEnc } = documentColumns(keys, caseId, document);
  db.prepare('UPDATE cases SET content_hash = ?, detail_enc = ? WHERE case_id = ?').run(contentHash, detailEnc, caseId);
}

/**
 * Files an event brings to a case. Made here: linked, and queued for the
 * remote before the event. Pulled: linked when already here, else queued to
 * be fetched from the remote.
 */
export function attachBlobs(
  db: DatabaseSync,
  caseId: string,
  remoteId: string,
  refs: readonly BlobRef[],
  direction: 'push' | 'fetch',
  at: string,
): void {
  const link = db.prepare('INSERT OR IGNORE INTO case_blobs (case_id, sha256, material_id) VALUES (?, ?, ?)');
  const held = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  for (const ref of refs) {
    if (direction === 'push') {
      link.run(caseId, ref.sha256, ref.materialId);
      db.prepare('INSERT OR IGNORE INTO outbox_blobs (remote_id, sha256, enqueued_at) VALUES (?, ?, ?)').run(
        remoteId,
        ref.sha256,
        at,
      );
    } else if (held.get(ref.sha256)) {
      link.run(caseId, ref.sha256, ref.materialId);
    } else {
      db.prepare(
        `INSERT OR IGNORE INTO blob_fetches (remote_id, sha256, case_id, material_id, media_type, enqueued_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(remoteId, ref.sha256, caseId, ref.materialId, ref.mediaType, at);
    }
  }
}

export const CONCLUSIONS: ReadonlySet<string> = new Set([
  'case.concluded_approved',
  'case.concluded_approved_deferred',
  'case.concluded_refused',
]);

/**
 * What a case row keeps of an event beyond status and sub-state: the rating,
 * so lists can flag a bad one; when it was first concluded, for statistics.
 */
export function noteOnRow(db: DatabaseSync, caseId: string, type: string, payload: unknown, occurredAt: string): void {
  if (CONCLUSIONS.has(type)) {
    db.prepare('UPDATE cases SET concluded_at = coalesce(concluded_at, ?) WHERE case_id = ?').run(occurredAt, caseId);
  }
  if (type === 'case.evaluated') {
    db.prepare('UPDATE cases SET evaluation = ? WHERE case_id = ?').run((payload as { rating: number }).rating, caseId);
  }
}
