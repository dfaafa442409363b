// Reading cases: the list (filters, and search through the blind index or the
// case numbers — never by decrypting and scanning), one case's detail with its timeline and
// its sensitive form fields masked, and revealing one personal or sensitive
// field, which is audited.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { z } from 'zod';
import type { Role } from '../../../shared/auth/permissions.ts';
import { caseClock, type ClockState, type Mark } from '../../../shared/case/clock.ts';
import { correctionMark } from '../../../shared/case/correction-mark.ts';
import type { CalendarYear } from '../../../shared/catalog/calendar.ts';
import { extensionsLeft, fieldMasks, maskFormData } from '../../../shared/catalog/index.ts';
import { TRANSITIONS, type Transition } from '../../../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { maskIdentity, maskName, maskPhone } from '../../../shared/identity/mask.ts';
import type { CaseDetail, CaseRow, REVEALABLE_FIELDS, caseListInput } from '../../../shared/rpc/contract.ts';
import { RpcError, rejected } from '../../../shared/rpc/framing.ts';
import { SCOPE_ROLES } from '../../../shared/sync/protocol.ts';
import { statusPageUrl } from '../../../shared/sync/status-page.ts';
import { decryptText } from '../crypto/fields.ts';
import { ALL_CASES, searchSources } from './case-search.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { audit } from './audit.ts';
import { localDay } from '../../../shared/local-time.ts';
import { caseCommitments } from './commitments.ts';
import { deliveryValue, maskedDelivery, maskedDetails } from './case-masking.ts';
import type { CaseDocument } from './case-events.ts';
import type { CaseClocks } from './case-clock.ts';
import type { CatalogService } from './catalog.ts';
import { extensionDates } from './extension-dates.ts';
import { queueAndPrivacyOf } from './intake-queue-privacy.ts';
import { cachedStatement } from './statement-cache.ts';

type ListInput = z.output<typeof caseListInput>;

interface CaseRowRecord {
  case_id: string;
  case_no: string;
  matter_id: string;
  status: CaseStatusCode;
  sub_state: CaseRow['subState'];
  sync_state: CaseRow['syncState'];
  applicant_masked_name: string;
  applicant_masked_id: string;
  applicant_id_kind: CaseRow['applicantIdKind'];
  priority: number;
  received_at: string;
  clerk: string | null;
  handling_region: string;
  intake_region: string;
  origin: CaseRow['origin'];
  promised_deadline: string | null;
  statutory_deadline: string | null;
  deadline_provisional: number;
  acceptance_deadline: string | null;
  deadline_unit: 'working_days' | 'calendar_days';
  clock_state: ClockState;
  clock_mark: Mark;
  evaluation: number | null;
  unread_notes: number;
  no_route: number;
}

/** Lists count their matches up to this many; beyond, the UI says "more than". */
export const TOTAL_CAP = 1000;

// Unread: notes by others after the last one this user (?1) has seen.
const ROW_COLUMNS = `c.case_id, c.case_no, c.matter_id, c.status, c.sub_state, c.sync_state, c.applicant_masked_name,
  c.applicant_masked_id, c.applicant_id_kind, c.priority, c.received_at, u.display_name AS clerk, c.handling_region,
  c.intake_region, c.origin, c.promised_deadline, c.statutory_deadline, c.deadline_provisional, c.acceptance_deadline,
  c.deadline_unit, c.clock_state, c.clock_mark, c.evaluation,
  EXISTS (SELECT 1 FROM remotes r WHERE r.remote_id = c.remote_id AND r.url IS NULL) AS no_route,
  (SELECT count(*) FROM case_events n WHERE n.case_id = c.case_id AND n.type = 'case.note_added'
     AND n.actor_user_id != ?1 AND n.case_seq > coalesce(
       (SELECT read_seq FROM case_note_reads r WHERE r.user_id = ?1 AND r.case_id = c.case_id), 0)) AS unread_notes`;

/**
 * A case still at receipt (status 1) has had no correction notice, decision or
 * withdrawal, so its five-day mark follows from its intake day alone.
 */
function waitingMark(r: CaseRowRecord, today: string, calendars: readonly CalendarYear[]): CaseRow['correctionMark'] {
  return r.status === 1 ? receiptMark(localDay(new Date(r.received_at)), today, calendars) : null;
}

function receiptMark(day: string, today: string, calendars: readonly CalendarYear[]): CaseRow['correctionMark'] {
  const state = correctionMark({ events: [{ type: 'case.received', day }], today, calendars })?.state;
  return state === 'due' || state === 'passed' ? state : null;
}

function toRow(r: CaseRowRecord, mark: Mark, correction: CaseRow['correctionMark']): CaseRow {
  return {
    caseId: r.case_id,
    caseNo: r.case_no,
    matterId: r.matter_id,
    status: r.status,
    subState: r.sub_state,
    syncState: r.sync_state,
    applicantName: r.applicant_masked_name,
    applicantId: r.applicant_masked_id,
    applicantIdKind: r.applicant_id_kind,
    priority: r.priority === 1,
    receivedAt: r.received_at,
    clerk: r.clerk,
    handlingRegion: r.handling_region,
    intakeRegion: r.intake_region,
    origin: r.origin,
    promisedDeadline: r.promised_deadline,
    statutoryDeadline: r.statutory_deadline,
    deadlineProvisional: r.deadline_provisional === 1,
    clockState: r.clock_state,
    mark,
    evaluation: r.evaluation,
    unreadNotes: r.unread_notes,
    noRoute: r.no_route === 1,
    correctionMark: correction,
  };
}

export class CaseQueries {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;
  private readonly clocks: CaseClocks;

  constructor(db: DatabaseSync, keys: DeviceKeys, catalog: CatalogService, clocks: CaseClocks) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
    this.clocks = clocks;
  }

  /**
   * A page of the list, newest first, with the number of matches up to
   * TOTAL_CAP. A search's sources (case-search.ts) are listed one after the
   * other, each counted up to the cap.
   */
  list(input: ListInput, userId: string): { rows: CaseRow[]; total: number; totalCapped: boolean } {
    const filters = (
      [
        ['c.received_day >= ?', input.from],
        ['c.received_day <= ?', input.to],
        ['c.status = ?', input.status],
        ['c.matter_id = ?', input.matterId],
        ['c.sync_state = ?', input.syncState],
        // Nearly every case of a device has the same origin: "+" keeps the planner on the search's own index and
        // the list's order (cases_by_day) instead of sorting every case of that origin.
        ['+c.origin = ?', input.origin],
      ] as [string, SQLInputValue | undefined][]
    ).filter((filter): filter is [string, SQLInputValue] => filter[1] !== undefined);
    const sources = input.query ? searchSources(this.keys.blindIndex, input.query) : [ALL_CASES];
    let counted = 0;
    const records: CaseRowRecord[] = [];
    for (const source of sources) {
      const where = [...source.where, ...filters.map(([sql]) => sql)];
      const params = [...source.params, ...filters.map(([, value]) => value)];
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const offset = Math.max(0, input.offset - counted);
      const limit = input.limit - records.length;
      const page =
        limit > 0
          ? (cachedStatement(
              this.db,
              `SELECT ${ROW_COLUMNS} FROM ${source.from} LEFT JOIN users u ON u.user_id = c.clerk_user_id ${filter}
               ${source.order === null ? '' : `ORDER BY ${source.order}`} LIMIT ? OFFSET ?`,
            ).all(userId, ...params, limit, offset) as unknown as CaseRowRecord[])
          : [];
      records.push(...page);
      // A page that ends before its limit has the source's last row: the source holds offset + its rows. Only a
      // full page, or an empty one past the start, needs the count — an ID number or a case number never does.
      const n =
        page.length < limit && (page.length > 0 || offset === 0)
          ? offset + page.length
          : // With no other filter a source counts on its index alone, without reading a case row per match.
            (
              cachedStatement(
                this.db,
                `SELECT count(*) AS n FROM (SELECT 1 FROM ${filters.length > 0 ? source.from : source.countFrom} ${filter}
                 LIMIT ${TOTAL_CAP + 1})`,
              ).get(...params) as { n: number }
            ).n;
      counted += n;
    }
    // One case can match two tokens of the same query (its name and its passport number), or two sources.
    const today = localDay(new Date());
    const calendars = this.catalog.calendars();
    const markOf = this.clocks.marker(today);
    // A case at receipt has its five-day mark from its intake day alone: worked out once per day.
    const receipts = new Map<string, CaseRow['correctionMark']>();
    const waitingOf = (r: CaseRowRecord) => {
      if (r.status !== 1) return null;
      const day = localDay(new Date(r.received_at));
      if (!receipts.has(day)) receipts.set(day, receiptMark(day, today, calendars));
      return receipts.get(day) ?? null;
    };
    const rows = [...new Map(records.map((r) => [r.case_id, toRow(r, markOf(r), waitingOf(r))])).values()];
    return { rows, total: Math.min(counted, TOTAL_CAP), totalCapped: counted > TOTAL_CAP };
  }

  private record(
    caseId: string,
    userId = '',
  ): CaseRowRecord & {
    detail_enc: string;
    content_hash: string;
    catalog_version: string;
  } {
    const row = this.db
      .prepare(
        `SELECT ${ROW_COLUMNS}, c.detail_enc, c.content_hash, c.catalog_version
         FROM cases c LEFT JOIN users u ON u.user_id = c.clerk_user_id WHERE c.case_id = ?2`,
      )
      .get(userId, caseId) as ReturnType<CaseQueries['record']> | undefined;
    if (!row) throw new RpcError({ code: 'NOT_FOUND', message: 'No such case.' });
    return row;
  }

  document(caseId: string): CaseDocument {
    const row = this.record(caseId);
    return JSON.parse(decryptText(this.keys.fields, row.detail_enc, `cases.detail:${caseId}`)) as CaseDocument;
  }

  /** One case as this user sees it; opening it marks its notes read. */
  get(caseId: string, user: { userId: string; roles: readonly Role[] }): CaseDetail {
    const row = this.record(caseId, user.userId);
    const { received, materials, statusCode } = this.document(caseId);
    const mask = (p: CaseDocument['received']['applicant']) => ({
      name: maskName(p.name),
      idKind: p.idKind,
      idNumber: maskIdentity(p.idKind, p.idNumber),
      phone: p.phone ? maskPhone(p.phone) : null,
      address: p.address ? '••••' : null,
      nationality: p.nationality ?? null,
    });
    const timeline = this.db
      .prepare(
        `SELECT e.event_id, e.case_seq, e.type, e.occurred_at, e.payload_enc, u.display_name, e.actor_role,
           e.received_at
         FROM case_events e LEFT JOIN users u ON u.user_id = e.actor_user_id WHERE e.case_id = ? ORDER BY e.case_seq`,
      )
      .all(caseId) as {
      event_id: string;
      case_seq: number;
      type: string;
      occurred_at: string;
      payload_enc: string;
      display_name: string | null;
      actor_role: CaseDetail['timeline'][number]['role'];
      received_at: string | null;
    }[];
    const events = timeline.map((e) => ({
      ...e,
      payload: JSON.parse(decryptText(this.keys.fields, e.payload_enc, `case_events.payload:${e.event_id}`)) as unknown,
    }));
    const lastNote = events.findLast((e) => e.type === 'case.note_added');
    if (lastNote) {
      this.db
        .prepare(
          `INSERT INTO case_note_reads (user_id, case_id, read_seq) VALUES (?, ?, ?)
           ON CONFLICT (user_id, case_id) DO UPDATE SET read_seq = max(read_seq, excluded.read_seq)`,
        )
        .run(user.userId, caseId, lastNote.case_seq);
    }
    const matter = this.catalog.matter(row.matter_id)?.matter;
    const form = maskFormData(received.formData, fieldMasks(row.matter_id, matter ?? null));
    const clockEvents = events.map((e) => ({
      type: e.type,
      day: localDay(new Date(e.occurred_at)),
      payload: e.payload,
    }));
    const today = localDay(new Date());
    const calendars = this.catalog.calendars();
    const clock = matter
      ? caseClock({
          limits: matter.limits,
          clockExcludesMail: matter.clockExcludesMail,
          events: clockEvents,
          today,
          calendars,
        })
      : null;
    const side = SCOPE_ROLES[row.origin === 'inbox' ? 'acceptance' : 'intake'];
    const status = row.status;
    // 延期 is offered only where the matter's law allows one and it is not used up.
    const extensible =
      matter !== undefined &&
      extensionsLeft(matter.limits, events.filter((e) => e.type === 'case.deadline_extended').length) > 0;
    // 容缺补交 is offered only while a deferred material is still owed.
    const owed = materials.materials.some((m) => m.outcome === 'deferred');
    // What this user may do next on this case, here: the table's rows from its status, for roles held and spoken for here.
    const nextActions = (TRANSITIONS as readonly Transition[])
      .filter(
        (t) =>
          t.from.includes(status) &&
          t.event !== 'case.materials_checked' &&
          (t.event !== 'case.deadline_extended' || extensible) &&
          (t.event !== 'case.deferred_material_received' || owed) &&
          t.roles.some((r) => user.roles.includes(r) && side.includes(r)),
      )
      .map((t) => t.event);
    return {
      row: toRow(row, this.clocks.markOf(row), waitingMark(row, today, calendars)),
      catalogVersion: row.catalog_version,
      intakeRegion: row.intake_region,
      intakePlace: received.intakePlace,
      applicant: mask(received.applicant),
      agent: received.agent ? { ...mask(received.agent), powerOfAttorney: received.agent.powerOfAttorney } : null,
      formData: form.formData,
      sensitiveFields: form.sensitiveFields,
      materials: materials.materials,
      scans: materials.scans.map((scan) => ({ ...scan, held: this.hasBlob(caseId, scan.sha256) })),
      language: received.language,
      contentHash: row.content_hash,
      statusPage: statusCode ? { code: statusCode, url: this.statusPageUrl(caseId, received, statusCode) } : null,
      clock,
      timeline: events.map((e) => ({
        eventId: e.event_id,
        type: e.type,
        occurredAt: e.occurred_at,
        actor: e.display_name,
        role: e.actor_role,
        syncedAt: e.received_at,
        details: maskedDetails(e.type, e.payload),
      })),
      nextActions,
      commitments: caseCommitments(this.db, caseId, today),
      correctionMark: correctionMark({ events: clockEvents, today, calendars }),
      extensionDates:
        matter && nextActions.includes('case.deadline_extended')
          ? extensionDates(matter, clockEvents, today, calendars)
          : [],
      ...queueAndPrivacyOf(this.db, caseId),
      delivery: maskedDelivery(received.delivery),
      ...(received.applicantIdentity ? { applicantIdentity: received.applicantIdentity } : {}),
    };
  }

  reveal(userId: string, caseId: string, field: (typeof REVEALABLE_FIELDS)[number]): string {
    const { received } = this.document(caseId);
    const [who, key] = field.split('.') as [
      'applicant' | 'agent' | 'delivery',
      'name' | 'idNumber' | 'phone' | 'address' | 'street',
    ];
    const person = who === 'applicant' ? received.applicant : who === 'agent' ? received.agent : null;
    const value = who === 'delivery' ? deliveryValue(received.delivery, key) : person?.[key as 'name'];
    if (!value) throw new RpcError({ code: 'NOT_FOUND', message: 'The case has no such value.' });
    audit(this.db, { userId, action: 'personal.reveal', target: caseId, detail: { field } });
    return value;
  }

  /**
   * The full value of a form field the catalog marks sensitive. The handling
   * officer (who pays to the account) and the supervisor may see it on any
   * case here; a clerk only on a case they took in, to check it against the
   * card shown. Audited with the field's id, never its value.
   */
  revealField(user: { userId: string; roles: readonly Role[] }, caseId: string, fieldId: string): string {
    const { received } = this.document(caseId);
    const { matter_id: matterId, clerk_user_id: clerk } = this.db
      .prepare('SELECT matter_id, clerk_user_id FROM cases WHERE case_id = ?')
      .get(caseId) as { matter_id: string; clerk_user_id: string | null };
    const value = received.formData[fieldId];
    if (value === undefined || value === '') {
      throw new RpcError({ code: 'NOT_FOUND', message: 'The case has no such value.' });
    }
    if (fieldMasks(matterId, this.catalog.matter(matterId)?.matter ?? null)(fieldId) === null) {
      throw rejected('field_not_sensitive', 'This field is shown in full already.');
    }
    const anyCase = user.roles.some((role) => role === 'handling_officer' || role === 'supervisor');
    if (!anyCase && clerk !== user.userId) {
      throw rejected('reveal_not_your_case', 'Only the clerk who took in this case may show this value.');
    }
    audit(this.db, { userId: user.userId, action: 'form.reveal', target: caseId, detail: { field: fieldId } });
    return String(value);
  }

  /** The handling region's status page for the case, in the applicant's language, once that region's server is known. */
  private statusPageUrl(caseId: string, received: CaseDocument['received'], code: string): string | null {
    const remote = this.db
      .prepare('SELECT r.url FROM cases c JOIN remotes r ON r.remote_id = c.remote_id WHERE c.case_id = ?')
      .get(caseId) as { url: string | null } | undefined;
    return remote?.url ? statusPageUrl(remote.url, received.caseNo, code, received.language) : null;
  }

  hasBlob(caseId: string, sha256: string): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM case_blobs WHERE case_id = ? AND sha256 = ?').get(caseId, sha256));
  }

  blobOnAnyCase(sha256: string): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM case_blobs WHERE sha256 = ? LIMIT 1').get(sha256));
  }

  /** The case an intake made, once it is submitted. */
  caseOfSubmission(submissionId: string): string | null {
    const row = this.db.prepare('SELECT case_id FROM cases WHERE submission_id = ?').get(submissionId) as
      { case_id: string } | undefined;
    return row?.case_id ?? null;
  }
}
