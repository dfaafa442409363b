// Bulk generation for the store benchmark. Rows are written exactly as
// IntakeService.submit writes them — the same tables and columns, detail_enc
// and payload_enc sealed with the real encryptText and the same AAD strings,
// content hashes over canonicalJson, blind-index tokens from the real
// blindToken/namePrefixTokens, one outbox row per event — only faster: one
// prepared statement per table, 20,000 cases per transaction, and
// synchronous=OFF with an in-memory journal while generating. The caller
// reopens the file with openDatabase, i.e. WAL and synchronous=FULL, to measure.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { Role } from '../shared/auth/permissions.ts';
import { formatCaseNumber } from '../shared/case/case-number.ts';
import { canonicalJson, type MaterialsCheckedPayload } from '../shared/case/events.ts';
import { checkSubmission, type IntakeSubmission, type MaterialOutcome } from '../shared/case/intake.ts';
import type { CaseStatusCode, SubState, SyncState } from '../shared/case/status.ts';
import { uuidv7 } from '../shared/case/uuid.ts';
import {
  addWorkingDays,
  isWorkingDay,
  SEED_CATALOG,
  type CalendarYear,
  type FormField,
  type Matter,
} from '../shared/catalog/index.ts';
import { maskIdentity, maskName } from '../shared/identity/mask.ts';
import { validateIdentityDocument, type IdentityKind } from '../shared/identity/validate.ts';
import { blindToken, encryptText, namePrefixTokens } from '../electron/backend/crypto/fields.ts';
import type { DeviceKeys } from '../electron/backend/crypto/keys.ts';
import { sha256Text, type CaseDocument } from '../electron/backend/services/case-events.ts';
import { receivedPayload } from '../electron/backend/services/intake.ts';
import {
  address,
  chineseName,
  COUNTIES,
  id18,
  int,
  mobile,
  mulberry32,
  pad,
  pick,
  weighted,
  type Random,
} from './people.ts';

export const CASES_PER_TRANSACTION = 20_000;
export const EVENTS_PER_CASE = 5;

/** The hall the generated cases were taken in: one device per window, this device is one of them. */
export interface Hall {
  regionCode: string;
  hallName: string;
  remoteId: string;
  /** Window number → its device and the clerk who works it. */
  windows: Map<string, { deviceId: string; deviceName: string; clerkUserId: string }>;
  officerUserId: string;
  resultDeskUserId: string;
}

type Actor = { userId: string; role: Role };

export interface DayPlan {
  day: string; // YYYY-MM-DD, local
  year: number;
  month: number; // 0-based
  date: number;
  /** Cases per window, in window order. */
  counts: number[];
}

/** Same as intake.ts: the clerk's calendar day, hence local time. */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * About three years of opening days ending yesterday: 20–150 cases per window
 * on working days (State Council calendar where loaded), 20–60 on Saturdays,
 * closed on Sundays and holidays. The window count is chosen so that `cases`
 * fill roughly three years; the earliest day is trimmed to hit `cases` exactly.
 */
export function planDays(
  cases: number,
  calendars: readonly CalendarYear[],
  today: Date,
  rand: Random,
): { windows: number; days: DayPlan[] } {
  const windows = Math.max(1, Math.round(cases / 69_500));
  const holidays = new Set(calendars.flatMap((c) => c.holidays));
  const days: DayPlan[] = [];
  let total = 0;
  for (let back = 1; total < cases; back++) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
    const day = localDay(d);
    const saturday = d.getDay() === 6 && !holidays.has(day);
    const open = isWorkingDay(day, calendars);
    if (!open && !saturday) continue;
    const counts = Array.from({ length: windows }, () => (open ? int(rand, 20, 150) : int(rand, 20, 60)));
    let dayTotal = counts.reduce((a, b) => a + b, 0);
    for (let w = windows - 1; total + dayTotal > cases && w >= 0; w--) {
      const cut = Math.min(counts[w]!, total + dayTotal - cases);
      counts[w]! -= cut;
      dayTotal -= cut;
    }
    days.push({ day, year: d.getFullYear(), month: d.getMonth(), date: d.getDate(), counts });
    total += dayTotal;
  }
  return { windows, days: days.reverse() };
}

const MATTERS = SEED_CATALOG.matters.filter((m) => m.createsCase);
const MATTER_WEIGHTS: Record<string, number> = {
  'KST-SI-004': 22,
  'KST-SI-005': 8,
  'KST-SI-002': 14,
  'KST-SI-003': 6,
  'KST-SI-006': 10,
  'KST-EMP-001': 6,
  'KST-EMP-002': 5,
  'KST-EMP-003': 5,
  'KST-TAL-001': 3,
  'KST-TAL-002': 4,
  'KST-TAL-003': 3,
  'KST-LAB-001': 4,
  'KST-LAB-002': 2,
  'KST-HKM-001': 3,
};
const drawMatter = weighted(MATTERS.map((m) => [m, MATTER_WEIGHTS[m.id] ?? 1] as const));
const drawLanguage = weighted<IntakeSubmission['language']>([
  ['zh-CN', 92],
  ['zh-TW', 5],
  ['en', 3],
]);
const drawIdKind = weighted<IdentityKind>([
  ['resident_id', 965],
  ['hkmo_residence_permit', 20],
  ['tw_residence_permit', 5],
  ['passport', 10],
]);

const COMPANIES = [
  '九江市鑫达建材有限公司',
  '黄梅县顺通物流有限公司',
  '深圳市华创电子科技有限公司',
  '宿松县宏远纺织厂',
];

function idNumber(rand: Random, kind: IdentityKind): string {
  switch (kind) {
    case 'hkmo_residence_permit':
      return id18(rand, pick(rand, ['810000', '820000']));
    case 'tw_residence_permit':
      return id18(rand, '830000');
    case 'passport':
      return `E${pad(int(rand, 0, 99_999_999), 8)}`;
    default:
      return id18(rand, pick(rand, COUNTIES)[0]);
  }
}

interface Person {
  name: string;
  idKind: IdentityKind;
  idNumber: string;
  phone?: string | undefined;
  address?: string | undefined;
}

/** A person as IntakeService.submit stores it: validated and normalised. */
function person(rand: Random, at: Date): Person {
  const idKind = drawIdKind(rand);
  const raw = idNumber(rand, idKind);
  const checked = validateIdentityDocument(idKind, raw, { today: at });
  if (!checked.ok || !checked.value) throw new Error(`generated an invalid ${idKind}: ${raw} (${checked.error})`);
  const phone = rand() < 0.92 ? mobile(rand) : undefined;
  const result: Person = {
    name: chineseName(rand),
    idKind,
    idNumber: checked.value,
    phone: phone ? validateIdentityDocument('mobile', phone).value : undefined,
  };
  if (rand() < 0.3) result.address = address(rand, pick(rand, COUNTIES)[1]);
  return result;
}

function formValue(rand: Random, field: FormField, day: string): string | number {
  switch (field.type) {
    case 'select':
      return pick(rand, field.options!).value;
    case 'number':
      return int(rand, 1, 3);
    case 'date': {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - int(rand, 10, 400));
      return d.toISOString().slice(0, 10);
    }
    case 'textarea':
      return '用人单位拖欠工资三个月，请求支付拖欠的劳动报酬及经济补偿金。';
  }
  if (field.id.endsWith('_region') || field.id === 'issuing_province') return pick(rand, COUNTIES)[1];
  if (field.id === 'respondent_name' || field.id === 'last_employer') return pick(rand, COMPANIES);
  if (field.id === 'respondent_address') return address(rand, pick(rand, COUNTIES)[1]);
  if (field.id === 'title_name') return pick(rand, ['工程师', '会计师', '主治医师', '一级教师']);
  return pad(int(rand, 0, 999_999_999), 9) + pad(int(rand, 0, 999), 3);
}

function materialOutcomes(rand: Random, matter: Matter, withAgent: boolean): MaterialOutcome[] {
  const outcomes: MaterialOutcome[] = [];
  for (const m of matter.materials) {
    const agentMaterial = m.id === 'power_of_attorney' || m.id === 'agent_id';
    if (m.requirement === 'conditional' && (agentMaterial ? !withAgent : rand() < 0.7)) continue;
    if (m.requirement === 'optional' && rand() < 0.5) continue;
    if (m.waivableByOnlineVerification && rand() < 0.2) {
      outcomes.push({ materialId: m.id, outcome: 'waived', verificationRef: `ZC${pad(int(rand, 0, 99_999_999), 8)}` });
    } else if (m.deferrable && rand() < 0.1) {
      outcomes.push({ materialId: m.id, outcome: 'deferred' });
    } else {
      const both = m.acceptedForms.includes('original_checked') && m.acceptedForms.includes('copy_kept');
      outcomes.push({
        materialId: m.id,
        outcome: 'received',
        forms: both ? ['original_checked', 'copy_kept'] : [pick(rand, m.acceptedForms)],
        pages: int(rand, 1, 6),
      });
    }
  }
  return outcomes;
}

/** A valid submission for a matter, as the intake wizard would send it. */
export function makeSubmission(rand: Random, matter: Matter, at: Date): IntakeSubmission {
  const day = localDay(at);
  const withAgent = matter.agentAllowed && rand() < 0.06;
  const formData: Record<string, string | number> = {};
  for (const field of matter.formFields) {
    if (field.required || rand() < 0.6) formData[field.id] = formValue(rand, field, day);
  }
  return {
    submissionId: randomUUID(),
    matterId: matter.id,
    applicant: person(rand, at),
    agent: withAgent ? { ...person(rand, at), powerOfAttorney: 'original_kept' } : null,
    priority: rand() < 0.01,
    materials: materialOutcomes(rand, matter, withAgent),
    scans: [],
    formData,
    language: drawLanguage(rand),
  };
}

/** Where a case stands some days after intake; drives status, sub-state, sync state and the later events. */
function lifecycle(
  rand: Random,
  ageDays: number,
): { status: CaseStatusCode; subState: SubState; sync: SyncState; last: string } {
  if (ageDays < 1) return { status: 1, subState: 'queued', sync: 'queued', last: 'case.note_added' };
  if (ageDays < 3) return { status: 1, subState: 'delivered', sync: 'synced', last: 'case.note_added' };
  if (ageDays < 20) {
    return rand() < 0.5
      ? { status: 3, subState: 'materials_signed_for', sync: 'synced', last: 'case.accepted' }
      : { status: 8, subState: 'materials_signed_for', sync: 'synced', last: 'case.processing_started' };
  }
  const x = rand();
  if (x < 0.85) return { status: 11, subState: 'collected', sync: 'synced', last: 'case.concluded' };
  if (x < 0.88) return { status: 12, subState: 'collected', sync: 'synced', last: 'case.concluded' };
  if (x < 0.93) return { status: 13, subState: 'collected', sync: 'synced', last: 'case.concluded' };
  if (x < 0.97) return { status: 2, subState: 'delivered', sync: 'synced', last: 'case.withdrawn' };
  return { status: 5, subState: 'delivered', sync: 'synced', last: 'case.not_accepted' };
}

export interface BuildContext {
  keys: DeviceKeys;
  hall: Hall;
  calendars: readonly CalendarYear[];
  /** Midnight after the last day: case ages are counted from here. */
  endMs: number;
  seed: number;
}

/** One day's rows, in insertion order, ready for the prepared statements. */
export interface DayRows {
  counters: SQLInputValue[][];
  cases: SQLInputValue[][];
  events: SQLInputValue[][];
  outbox: SQLInputValue[][];
  search: SQLInputValue[][];
  /** Milliseconds spent making and validating submissions, and on crypto and JSON. */
  validateMs: number;
  cryptoMs: number;
}

/**
 * Builds the rows of a day's cases: pure computation, no database, so it runs
 * in worker threads as well as inline. The random draws are seeded per day.
 */
export function createDayBuilder(ctx: BuildContext): (plan: DayPlan, firstOrdinal: number) => DayRows {
  const { keys, hall } = ctx;
  const deadlineCache = new Map<string, { date: string; provisional: boolean } | null>();
  const deadline = (day: string, days: number | undefined) => {
    if (!days) return null;
    const key = `${day}|${days}`;
    let found = deadlineCache.get(key);
    if (found === undefined) deadlineCache.set(key, (found = addWorkingDays(day, days, ctx.calendars)));
    return found;
  };

  function buildCase(out: DayRows, rand: Random, at: Date, window: string, sequence: number, ordinal: number): void {
    const win = hall.windows.get(window)!;
    const matter = drawMatter(rand);
    const t0 = performance.now();
    const submission = makeSubmission(rand, matter, at);
    const problems = checkSubmission(matter, submission, at);
    if (problems.length > 0) throw new Error(`generated an invalid submission: ${JSON.stringify(problems)}`);
    const t1 = performance.now();
    const day = localDay(at);
    const date = day.replaceAll('-', '');
    const caseNo = formatCaseNumber({ region: hall.regionCode, date, window, sequence });
    const promised = deadline(day, matter.limits.promisedDays);
    const statutory = deadline(day, matter.limits.statutoryDays);
    const { applicant, agent } = submission;
    const received = receivedPayload({
      caseNo,
      matter,
      catalogVersion: SEED_CATALOG.version,
      place: { regionCode: hall.regionCode, deviceName: win.deviceName, hall: hall.hallName, window },
      submission,
      promised,
      statutory,
    });
    const materials: MaterialsCheckedPayload = { materials: submission.materials, scans: [] };
    const document: CaseDocument = { received, materials };
    // As in IntakeService.submit: the case id and both intake events carry the intake instant.
    const caseId = uuidv7(at.getTime());
    const occurredAt = at.toISOString();
    const clerk: Actor = { userId: win.clerkUserId, role: 'intake_clerk' };
    const officer: Actor = { userId: hall.officerUserId, role: 'handling_officer' };
    const ageDays = (ctx.endMs - at.getTime()) / 86_400_000;
    const life = lifecycle(rand, ageDays);
    const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
    const lastAt = minutes(
      life.last === 'case.note_added' ? int(rand, 250, 400) : int(rand, 1, Math.min(ageDays, 15)) * 1440,
    );
    const lastPayload =
      life.last === 'case.concluded'
        ? { outcome: life.status === 13 ? 'refused' : life.status === 12 ? 'approved_deferred' : 'approved' }
        : life.last === 'case.note_added'
          ? { note: '已电话告知申请人办理进度' }
          : { handlingRegion: matter.handlingRegion, reference: `HM${date}${pad(int(rand, 0, 99_999), 5)}` };
    // The two intake events, then three later ones: receipt printed, originals mailed, the latest news.
    const events: [string, unknown, Date, Actor][] = [
      ['case.received', received, at, clerk],
      ['case.materials_checked', materials, at, clerk],
      [
        'case.receipt_printed',
        { document: 'receipt', output: 'printer', language: submission.language },
        minutes(int(rand, 1, 3)),
        clerk,
      ],
      [
        'case.materials_mailed',
        { carrier: 'EMS', trackingNo: `11${pad(int(rand, 0, 99_999_999_999), 11)}` },
        minutes(int(rand, 60, 240)),
        clerk,
      ],
      [
        life.last,
        lastPayload,
        lastAt,
        life.last === 'case.note_added' || life.last === 'case.withdrawn' ? clerk : officer,
      ],
    ];
    const synced = life.sync === 'synced';
    events.forEach(([type, payload, when, actor], i) => {
      const eventAt = when.toISOString();
      const eventId = uuidv7(when.getTime());
      // The object eventHash() hashes in intake.ts.
      const event = { eventId, caseId, type, payload, actor, deviceId: win.deviceId, occurredAt: eventAt };
      out.events.push([
        eventId,
        caseId,
        i + 1,
        type,
        encryptText(keys.fields, JSON.stringify(payload), `case_events.payload:${eventId}`),
        actor.userId,
        actor.role,
        win.deviceId,
        eventAt,
        sha256Text(canonicalJson(event)),
        synced ? ordinal * EVENTS_PER_CASE + i + 1 : null,
        synced ? new Date(when.getTime() + 2000).toISOString() : null,
      ]);
      // IntakeService enqueues every event it writes; nothing acknowledges them before the sync issue.
      out.outbox.push([hall.remoteId, eventId, caseId, eventAt]);
    });
    // IntakeService.index: exact ID number and phone, every name prefix, of applicant and agent.
    const tokens = new Set<string>();
    for (const p of [applicant, agent]) {
      if (!p) continue;
      tokens.add(`id ${blindToken(keys.blindIndex, 'id', p.idNumber)}`);
      if (p.phone) tokens.add(`phone ${blindToken(keys.blindIndex, 'phone', p.phone)}`);
      for (const token of namePrefixTokens(keys.blindIndex, p.name)) tokens.add(`name ${token}`);
    }
    for (const t of tokens) {
      const space = t.indexOf(' ');
      out.search.push([t.slice(0, space), t.slice(space + 1), caseId]);
    }
    out.cases.push([
      caseId,
      caseNo,
      submission.submissionId,
      matter.id,
      SEED_CATALOG.version,
      hall.regionCode,
      matter.handlingRegion,
      hall.remoteId,
      life.status,
      life.subState,
      life.sync,
      maskName(applicant.name),
      maskIdentity(applicant.idKind, applicant.idNumber),
      applicant.idKind,
      submission.priority ? 1 : 0,
      win.clerkUserId,
      occurredAt,
      day,
      received.deadlines.promised,
      received.deadlines.statutory,
      received.deadlines.provisional ? 1 : 0,
      sha256Text(canonicalJson(document)),
      encryptText(keys.fields, JSON.stringify(document), `cases.detail:${caseId}`),
      lastAt.toISOString(),
    ]);
    out.validateMs += t1 - t0;
    out.cryptoMs += performance.now() - t1;
  }

  return (plan, firstOrdinal) => {
    const out: DayRows = { counters: [], cases: [], events: [], outbox: [], search: [], validateMs: 0, cryptoMs: 0 };
    const rand = mulberry32(ctx.seed ^ (plan.year * 10_000 + plan.month * 100 + plan.date));
    // Each window's cases take its sequence numbers in time order; the day is then written in time order.
    const cases: { ms: number; window: string; sequence: number }[] = [];
    const open = new Date(plan.year, plan.month, plan.date, 8, 30).getTime();
    [...hall.windows.keys()].forEach((window, w) => {
      const times = Array.from({ length: plan.counts[w] ?? 0 }, () => open + Math.floor(rand() * 9 * 3600_000));
      times.sort((a, b) => a - b);
      times.forEach((ms, i) => cases.push({ ms, window, sequence: i + 1 }));
      if (times.length > 0) out.counters.push([plan.day.replaceAll('-', ''), window, times.length]);
    });
    cases.sort((a, b) => a.ms - b.ms);
    cases.forEach((c, i) => buildCase(out, rand, new Date(c.ms), c.window, c.sequence, firstOrdinal + i));
    return out;
  };
}

/** One prepared statement per table; the same column lists as IntakeService.submit. */
export function createDayWriter(db: DatabaseSync): (rows: DayRows) => void {
  const statements: [StatementSync, keyof Omit<DayRows, 'validateMs' | 'cryptoMs'>][] = [
    [db.prepare('INSERT INTO case_no_counters (day, window_no, last_seq) VALUES (?, ?, ?)'), 'counters'],
    [
      db.prepare(
        `INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
           remote_id, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
           priority, clerk_user_id, received_at, received_day, promised_deadline, statutory_deadline,
           deadline_provisional, content_hash, detail_enc, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      'cases',
    ],
    [
      db.prepare(
        `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
           occurred_at, content_hash, server_seq, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      'events',
    ],
    [db.prepare('INSERT INTO outbox_events (remote_id, event_id, case_id, enqueued_at) VALUES (?, ?, ?, ?)'), 'outbox'],
    [db.prepare('INSERT OR IGNORE INTO case_search (kind, token, case_id) VALUES (?, ?, ?)'), 'search'],
  ];
  return (rows) => {
    for (const [statement, table] of statements) for (const row of rows[table]) statement.run(...row);
  };
}
