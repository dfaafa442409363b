// Creating a case at the intake window. Everything is written in one
// transaction — the case row, its first events, the blind-index rows, the
// scan links and the outbox entries for the handling region's remote — so a
// crash at any point leaves the case wholly there or not at all.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import type { CalendarYear, Matter } from '../../../shared/catalog/index.ts';
import { caseClock } from '../../../shared/case/clock.ts';
import { formatCaseNumber } from '../../../shared/case/case-number.ts';
import {
  canonicalJson,
  type CaseEvent,
  type CaseReceivedPayload,
  type EventType,
  type MaterialsCheckedPayload,
} from '../../../shared/case/events.ts';
import { normaliseDelivery } from '../../../shared/case/delivery.ts';
import { checkSubmission, handlingRegionOf, type IntakeSubmission } from '../../../shared/case/intake.ts';
import { normaliseTalentCardNumber } from '../../../shared/case/talent-card.ts';
import { applyTransition } from '../../../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { maskIdentity, maskName } from '../../../shared/identity/mask.ts';
import { validateIdentityDocument } from '../../../shared/identity/validate.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { insertCaseRow } from '../store/case-rows.ts';
import type { BlobStore } from './blobs.ts';
import { localDay } from '../../../shared/local-time.ts';
import { sha256Hex } from '../../../shared-node/hash.ts';
import { makeStatusCode, statusCodeHash } from '../../../shared-node/status-code.ts';
import { attachBlobs, indexPeople, writeEvent, type CaseDocument } from './case-events.ts';
import type { CatalogService } from './catalog.ts';
import { readDevice } from './device.ts';
import { queueAndPrivacyColumns } from './intake-queue-privacy.ts';

/** Test hook: where a submit kills its own process, to prove atomicity. */
function crashPoint(point: string): void {
  if (process.env.TONGBAN_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * The dates the receipt promises: the case clock as it reads on the intake
 * day, in the matter's unit (before acceptance, estimated from that day).
 */
export function intakeDeadlines(
  matter: Matter,
  day: string,
  calendars: readonly CalendarYear[],
): CaseReceivedPayload['deadlines'] {
  const estimate = caseClock({
    limits: matter.limits,
    clockExcludesMail: matter.clockExcludesMail,
    events: [{ type: 'case.received', day }],
    today: day,
    calendars,
  });
  return {
    promised: estimate.promised?.date ?? null,
    statutory: estimate.statutory?.date ?? null,
    provisional: estimate.provisional,
    unit: estimate.unit,
    acceptanceDecision: estimate.acceptanceDecision?.date ?? null,
  };
}

/** The case.received payload: what the intake window recorded, as the handling place will read it. */
export function receivedPayload(input: {
  caseNo: string;
  matter: Matter;
  catalogVersion: string;
  place: { regionCode: string; deviceName: string; hall: string; window: string };
  submission: IntakeSubmission;
  deadlines: CaseReceivedPayload['deadlines'];
  /** The hash of the receipt's short code (status-code.ts). */
  statusCodeHash?: string;
}): CaseReceivedPayload {
  const { submission } = input;
  return {
    caseNo: input.caseNo,
    matterId: input.matter.id,
    catalogVersion: input.catalogVersion,
    intakeRegion: input.place.regionCode,
    handlingRegion: handlingRegionOf(input.matter, submission),
    intakePlace: { deviceName: input.place.deviceName, hall: input.place.hall, window: input.place.window },
    applicant: submission.applicant,
    agent: submission.agent,
    priority: submission.priority || Boolean(submission.talentCard),
    ...(submission.talentCard
      ? {
          talentCard: {
            number: normaliseTalentCardNumber(submission.talentCard.number),
            issuingRegion: submission.talentCard.issuingRegion,
          },
        }
      : {}),
    formData: submission.formData,
    language: submission.language,
    deadlines: input.deadlines,
    ...(submission.delivery ? { delivery: normaliseDelivery(submission.delivery) } : {}),
    ...(input.statusCodeHash ? { statusCodeHash: input.statusCodeHash } : {}),
    ...(submission.identitySource ? { applicantIdentity: submission.identitySource } : {}),
  };
}

export class IntakeService {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;
  private readonly blobs: BlobStore;
  private readonly now: () => Date;

  constructor(db: DatabaseSync, keys: DeviceKeys, catalog: CatalogService, blobs: BlobStore, now = () => new Date()) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
    this.blobs = blobs;
    this.now = now;
  }

  submit(
    submission: IntakeSubmission,
    clerk: { userId: string; roles: readonly Role[] },
  ): { caseId: string; caseNo: string } {
    const device = readDevice(this.db);
    if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');
    const found = this.catalog.matter(submission.matterId);
    if (!found)
      throw rejected('matter_unknown', 'The matter is not in the catalog.', { matterId: submission.matterId });
    const { matter, catalog } = found;

    const previous = this.db
      .prepare('SELECT case_no FROM cases WHERE submission_id = ?')
      .get(submission.submissionId) as { case_no: string } | undefined;
    if (previous) {
      throw rejected('already_submitted', 'This intake was already submitted.', { caseNo: previous.case_no });
    }
    const at = this.now();
    const problems = checkSubmission(matter, submission, at);
    if (problems.length > 0) {
      const first = problems[0]!;
      throw rejected(first.reason, 'The intake cannot be submitted.', { field: first.field, ...first.params });
    }
    const queueAndPrivacy = queueAndPrivacyColumns(this.db, submission);
    const transition = applyTransition(null, 'case.received', clerk.roles);
    if (!transition.ok) throw rejected(transition.reason, 'This user cannot take in cases.');
    const scans = submission.scans.map((scan) => {
      const blob = this.blobs.describe(scan.sha256);
      if (!blob) throw rejected('scan_missing', 'An attached file is missing; add it again.');
      return { ...scan, mediaType: blob.mediaType };
    });

    // Normalised values, as validated (upper-case X, travel permits without renewal count).
    const normalise = <
      P extends { idKind: IntakeSubmission['applicant']['idKind']; idNumber: string; phone?: string | undefined },
    >(
      person: P,
    ): P => ({
      ...person,
      idNumber: validateIdentityDocument(person.idKind, person.idNumber, { today: at }).value ?? person.idNumber,
      phone: person.phone ? (validateIdentityDocument('mobile', person.phone).value ?? person.phone) : undefined,
    });
    const applicant = normalise(submission.applicant);
    const agent = submission.agent ? normalise(submission.agent) : null;

    const day = localDay(at);
    const deadlines = intakeDeadlines(matter, day, this.catalog.calendars());

    const caseId = uuidv7(at.getTime());
    const role: Role = clerk.roles.includes('intake_clerk') ? 'intake_clerk' : clerk.roles[0]!;
    const actor = { userId: clerk.userId, role };
    const occurredAt = at.toISOString();

    this.db.exec('BEGIN IMMEDIATE');
    try {
      crashPoint('after-begin');
      const date = day.replaceAll('-', '');
      const { last_seq: sequence } = this.db
        .prepare(
          `INSERT INTO case_no_counters (day, window_no, last_seq) VALUES (?, ?, 1)
           ON CONFLICT (day, window_no) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
        )
        .get(date, device.windowNo) as { last_seq: number };
      const caseNo = formatCaseNumber({ region: device.regionCode, date, window: device.windowNo, sequence });
      const statusCode = makeStatusCode();

      const received = receivedPayload({
        caseNo,
        matter,
        catalogVersion: catalog.version,
        place: { regionCode: device.regionCode, deviceName: device.name, hall: device.hall, window: device.windowNo },
        submission: { ...submission, applicant, agent },
        deadlines,
        statusCodeHash: statusCodeHash(caseNo, statusCode),
      });
      const materials: MaterialsCheckedPayload = { materials: submission.materials, scans };
      const document: CaseDocument = { received, materials, statusCode };
      const contentHash = sha256Hex(canonicalJson(document));
      const remoteId = this.remoteFor(received.handlingRegion, occurredAt);

      insertCaseRow(this.db, {
        caseId,
        caseNo,
        submissionId: submission.submissionId,
        matterId: matter.id,
        catalogVersion: catalog.version,
        intakeRegion: device.regionCode,
        handlingRegion: received.handlingRegion,
        remoteId,
        origin: 'intake',
        status: transition.status,
        subState: 'queued',
        syncState: 'queued',
        applicantMaskedName: maskName(applicant.name),
        applicantMaskedId: maskIdentity(applicant.idKind, applicant.idNumber),
        applicantIdKind: applicant.idKind,
        priority: received.priority,
        clerkUserId: clerk.userId,
        receivedAt: occurredAt,
        receivedDay: day,
        promisedDeadline: received.deadlines.promised,
        statutoryDeadline: received.deadlines.statutory,
        deadlineProvisional: received.deadlines.provisional,
        deadlineUnit: deadlines.unit ?? 'working_days',
        acceptanceDeadline: deadlines.acceptanceDecision ?? null,
        contentHash,
        detailEnc: encryptText(this.keys.fields, JSON.stringify(document), `cases.detail:${caseId}`),
        updatedAt: occurredAt,
        ...queueAndPrivacy,
        identitySource: received.applicantIdentity?.source ?? null,
      });
      crashPoint('after-case');

      let status: CaseStatusCode = transition.status;
      const events: [EventType, unknown][] = [
        ['case.received', received],
        ['case.materials_checked', materials],
      ];
      events.forEach(([type, payload], index) => {
        const step = index === 0 ? { ok: true as const, status } : applyTransition(status, type, clerk.roles);
        if (!step.ok) throw rejected(step.reason, 'The state machine refused an intake event.');
        status = step.status;
        const event: CaseEvent = {
          eventId: uuidv7(at.getTime()),
          caseId,
          type,
          payload,
          actor,
          deviceId: device.deviceId,
          occurredAt,
        };
        writeEvent(this.db, this.keys, event, index + 1, { outbox: remoteId });
        crashPoint(`after-event-${index + 1}`);
      });

      indexPeople(this.db, this.keys, caseId, applicant, agent);
      crashPoint('after-index');
      attachBlobs(this.db, caseId, remoteId, scans, 'push', occurredAt);
      this.db.prepare('DELETE FROM drafts WHERE draft_id = ?').run(submission.submissionId);
      crashPoint('before-commit');
      this.db.exec('COMMIT');
      crashPoint('after-commit');
      return { caseId, caseNo };
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * The remote that serves the handling region. A region with no server yet
   * gets a placeholder row (no URL): the case's events wait in its outbox, the
   * case shows "no route yet", and adding that region's server fills in this
   * same row, so the queued events leave with it.
   */
  private remoteFor(regionCode: string, at: string): string {
    const existing = this.db.prepare('SELECT remote_id FROM remotes WHERE region_code = ?').get(regionCode) as
      { remote_id: string } | undefined;
    if (existing) return existing.remote_id;
    const remoteId = uuidv7();
    this.db
      .prepare('INSERT INTO remotes (remote_id, region_code, created_at) VALUES (?, ?, ?)')
      .run(remoteId, regionCode, at);
    return remoteId;
  }
}
