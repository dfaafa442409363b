// Everything recorded on a case after intake — the handling place's decisions,
// the correction loop, result delivery, notes, evaluation — goes through one
// method: the payload against its schema, the user's role and the case's
// status against the shared state machine, the case's side (an intake window
// records intake-side events, an acceptance desk the handling place's), then
// the rules a schema cannot say. The event, the status, the files and the
// outbox entry are written in one transaction.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import { extensionsLeft, matterRefusalRemedies, type Matter } from '../../../shared/catalog/index.ts';
import {
  blobRefsOf,
  EVENT_PAYLOADS,
  type CaseEvent,
  type CorrectionRequestedPayload,
  type CorrectionSuppliedPayload,
  type DeadlineExtendedPayload,
  type DeferredMaterialReceivedPayload,
  type EventType,
  type NotAcceptedPayload,
  type ResultCollectedPayload,
  type WithdrawnPayload,
} from '../../../shared/case/events.ts';
import { dueDateProblem } from '../../../shared/case/intake.ts';
import { checkRating } from '../../../shared/case/rating.ts';
import { checkRemedies } from '../../../shared/case/remedies.ts';
import { applyTransition, TRANSITIONS, type Transition } from '../../../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { checkWaybill } from '../../../shared/case/waybill.ts';
import { validateIdentityDocument } from '../../../shared/identity/validate.ts';
import { localDay } from '../../../shared/local-time.ts';
import { rejected, RpcError } from '../../../shared/rpc/framing.ts';
import { SCOPE_ROLES } from '../../../shared/sync/protocol.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import type { BlobStore } from './blobs.ts';
import {
  attachBlobs,
  nextCaseSeq,
  noteOnRow,
  projectDocument,
  readDocument,
  saveDocument,
  writeEvent,
} from './case-events.ts';
import type { CaseClocks } from './case-clock.ts';
import type { CatalogService } from './catalog.ts';
import { readDevice } from './device.ts';
import { checkWithdrawal, withdrawalRefusal } from './withdrawal.ts';

/** Made at intake, in one piece with the case (intake.submit). */
const INTAKE_ONLY = new Set<string>(['case.received', 'case.materials_checked']);

/**
 * A mailing's EMS waybill number in its one form, or a refusal naming the form expected. Checked here, on the
 * device that records it, not by the payload schema: an event recorded offline before the check existed may still
 * reach the server and the partner, and refusing it there would hold its whole case in quarantine.
 */
function checkedWaybill(type: string, payload: unknown): unknown {
  if (type !== 'case.originals_dispatched' && type !== 'case.result_mailed') return payload;
  const mailing = payload as { carrier: string; waybillNo: string };
  const waybill = checkWaybill(mailing.carrier, mailing.waybillNo);
  if (!waybill.ok) throw rejected('waybill_invalid', 'The EMS waybill number has the wrong form.');
  return { ...mailing, waybillNo: waybill.value };
}

export interface RecordInput {
  caseId: string;
  type: string;
  payload: unknown;
}

interface CaseState {
  status: CaseStatusCode;
  remote_id: string;
  origin: 'intake' | 'inbox';
  matter_id: string;
}

export class CaseActions {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;
  private readonly blobs: BlobStore;
  private readonly clocks: CaseClocks;
  private readonly now: () => Date;

  constructor(
    db: DatabaseSync,
    keys: DeviceKeys,
    catalog: CatalogService,
    blobs: BlobStore,
    clocks: CaseClocks,
    now = () => new Date(),
  ) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
    this.blobs = blobs;
    this.clocks = clocks;
    this.now = now;
  }

  record(
    input: RecordInput,
    user: { userId: string; roles: readonly Role[] },
  ): { eventId: string; status: CaseStatusCode } {
    const transition = (TRANSITIONS as readonly Transition[]).find((t) => t.event === input.type);
    if (!transition || INTAKE_ONLY.has(input.type)) throw rejected('unknown_event', 'No such action on a case.');
    const parsed = EVENT_PAYLOADS[input.type as EventType].safeParse(input.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw rejected('invalid_payload', 'The action is not complete.', { field: issue.path.map(String).join('.') });
    }
    const payload = checkedWaybill(input.type, parsed.data);
    const device = readDevice(this.db);
    if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');

    const at = this.now();
    const occurredAt = at.toISOString();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const state = this.db
        .prepare('SELECT status, remote_id, origin, matter_id FROM cases WHERE case_id = ?')
        .get(input.caseId) as CaseState | undefined;
      if (!state) throw new RpcError({ code: 'NOT_FOUND', message: 'No such case.' });
      // The role it is recorded under: one the user holds, the table allows, and this side of the case speaks for.
      const side = SCOPE_ROLES[state.origin === 'inbox' ? 'acceptance' : 'intake'];
      const role = transition.roles.find((r) => user.roles.includes(r) && side.includes(r));
      if (!role) {
        const reason = transition.roles.some((r) => user.roles.includes(r)) ? 'other_side' : 'role_not_allowed';
        throw rejected(reason, 'This action is not for this user on this case.');
      }
      const step = applyTransition(state.status, input.type, [role]);
      if (!step.ok) {
        const ended = input.type === 'case.withdrawn' ? withdrawalRefusal(state.status) : null;
        throw ended ?? rejected(step.reason, 'The case cannot take this action now.');
      }
      this.checkRules(input.caseId, input.type, payload, state, at);
      const refs = blobRefsOf(input.type, payload);
      for (const ref of refs) {
        if (!this.blobs.describe(ref.sha256))
          throw rejected('scan_missing', 'An attached file is missing; add it again.');
      }

      const event: CaseEvent = {
        eventId: uuidv7(at.getTime()),
        caseId: input.caseId,
        type: input.type as EventType,
        payload,
        actor: { userId: user.userId, role },
        deviceId: device.deviceId,
        occurredAt,
      };
      writeEvent(this.db, this.keys, event, nextCaseSeq(this.db, input.caseId), { outbox: state.remote_id });
      attachBlobs(this.db, input.caseId, state.remote_id, refs, 'push', occurredAt);
      const document = projectDocument(readDocument(this.db, this.keys, input.caseId), input.type, payload);
      if (document) saveDocument(this.db, this.keys, input.caseId, document);
      noteOnRow(this.db, input.caseId, input.type, payload, occurredAt);
      this.db
        .prepare(
          `UPDATE cases SET status = ?, sub_state = coalesce(?, sub_state), sync_state = 'queued', updated_at = ?
           WHERE case_id = ?`,
        )
        .run(step.status, step.subState ?? null, occurredAt, input.caseId);
      this.clocks.refresh(input.caseId, localDay(at));
      this.db.exec('COMMIT');
      return { eventId: event.eventId, status: step.status };
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** 延期: only where the matter's law allows it, by at most its count, at most its times. */
  private checkExtension(caseId: string, payload: DeadlineExtendedPayload, matter: Matter | undefined): void {
    const allowed = matter?.limits.extension;
    if (!allowed) throw rejected('extension_not_allowed', 'This matter’s time limit cannot be extended.');
    const unit = matter.limits.unit ?? 'working_days';
    if (payload.count > allowed.count) {
      // context picks the reason's wording for the unit (i18next contexts).
      throw rejected('extension_too_long', 'The extension is longer than the law allows.', {
        max: allowed.count,
        context: unit,
      });
    }
    const { used } = this.db
      .prepare("SELECT count(*) AS used FROM case_events WHERE case_id = ? AND type = 'case.deadline_extended'")
      .get(caseId) as { used: number };
    if (extensionsLeft(matter.limits, used) === 0) {
      throw rejected('extension_used', 'The time limit has been extended as often as the law allows.', {
        times: allowed.times,
      });
    }
  }

  /** 容缺补交: only a material the case still owes, in a form the matter accepts for it. */
  private checkDeferredReceipt(caseId: string, payload: DeferredMaterialReceivedPayload, matter: Matter | undefined) {
    const outcome = readDocument(this.db, this.keys, caseId).materials.materials.find(
      (m) => m.materialId === payload.materialId,
    );
    if (outcome?.outcome !== 'deferred') {
      throw rejected('material_not_owed', 'This material is not owed on this case.', {
        materialId: payload.materialId,
      });
    }
    const accepted = matter?.materials.find((m) => m.id === payload.materialId)?.acceptedForms;
    if (accepted && !payload.forms.every((f) => accepted.includes(f))) {
      throw rejected('material_form_not_accepted', 'The material is not in a form the matter accepts.', {
        materialId: payload.materialId,
      });
    }
  }

  /** What the schemas cannot say: checklist items, dates, identities, once-only events. */
  private checkRules(caseId: string, type: string, payload: unknown, state: CaseState, at: Date): void {
    const matter = this.catalog.matter(state.matter_id)?.matter;
    const onChecklist = (materialId: string | null): boolean =>
      materialId === null || !matter || matter.materials.some((m: Matter['materials'][number]) => m.id === materialId);
    if (type === 'case.correction_requested') {
      const request = payload as CorrectionRequestedPayload;
      const unknown = request.items.find((item) => !onChecklist(item.materialId));
      if (unknown) throw rejected('material_unknown', 'The item is not on the case’s checklist.');
      if (request.deadline <= localDay(at)) throw rejected('deadline_not_future', 'The deadline must be a later day.');
    }
    if (type === 'case.correction_supplied' || type === 'case.originals_dispatched') {
      const ids = readDocument(this.db, this.keys, caseId).materials.materials.map((m) => m.materialId);
      const named =
        type === 'case.originals_dispatched'
          ? (payload as { materialIds: string[] }).materialIds
          : (payload as { materials: { materialId: string }[] }).materials.map((m) => m.materialId);
      if (named.some((id) => !onChecklist(id) && !ids.includes(id))) {
        throw rejected('material_unknown', 'The material is not on the case’s checklist.');
      }
    }
    // A case of a matter this device's catalogs lack is not checked: its remedies are the deciding place's to know.
    if (matter && (type === 'case.not_accepted' || type === 'case.concluded_refused')) {
      const check = checkRemedies((payload as NotAcceptedPayload).remedies, matterRefusalRemedies(matter));
      if (!check.ok)
        throw rejected(check.problem, 'The remedies are not those the law gives for this matter.', {
          kind: check.kind,
        });
    }
    if (type === 'case.result_collected') {
      const { collector } = payload as ResultCollectedPayload;
      if (!validateIdentityDocument(collector.idKind, collector.idNumber, { today: at }).ok) {
        throw rejected('collector_id_invalid', 'The collector’s ID number is not valid.');
      }
    }
    // 容缺 in a correction: the same promise as at intake, a due day not before today.
    if (type === 'case.correction_supplied') {
      for (const m of (payload as CorrectionSuppliedPayload).materials) {
        if (m.outcome !== 'deferred') continue;
        const params = { materialId: m.materialId };
        if (matter?.materials.find((x) => x.id === m.materialId)?.deferrable === false) {
          throw rejected('material_not_deferrable', 'This material cannot be deferred.', params);
        }
        const problem = dueDateProblem(m.dueDate, at);
        if (problem) throw rejected(problem, 'A deferred material needs its due day.', params);
      }
    }
    if (type === 'case.deferred_material_received') {
      this.checkDeferredReceipt(caseId, payload as DeferredMaterialReceivedPayload, matter);
    }
    if (type === 'case.deadline_extended') this.checkExtension(caseId, payload as DeadlineExtendedPayload, matter);
    if (type === 'case.withdrawn') {
      const { agent } = readDocument(this.db, this.keys, caseId).received;
      checkWithdrawal(payload as WithdrawnPayload, state.origin, agent !== null);
    }
    if (type === 'case.evaluated') {
      const done = this.db
        .prepare("SELECT 1 FROM case_events WHERE case_id = ? AND type = 'case.evaluated'")
        .get(caseId);
      if (done) throw rejected('already_evaluated', 'This case has been evaluated already.');
      // The same rule wherever the rating is taken: the applicant's screen, or the clerk's form.
      const { rating, comment } = payload as { rating: number; comment?: string };
      const checked = checkRating({ rating, reason: comment });
      if (!checked.ok) throw rejected(checked.problem, 'A rating of 不满意 or 非常不满意 needs its reason.');
    }
  }
}
