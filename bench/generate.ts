// Bulk generation for the store benchmark. Rows are written exactly as
// IntakeService.submit writes them — the same tables and columns, detail_enc
// and payload_enc sealed with the real encryptText and the same AAD strings,
// content hashes over canonicalJson, blind-index tokens from the real
// blindToken/namePrefixTokens, an outbox row per event made on the device, and
// — as writeEvent does since the supervision migration — an event_chain link
// per event, in the order written, under the local day it was recorded — only
// faster: one prepared statement per table, 20,000 cases per transaction, and
// synchronous=OFF with an in-memory journal while generating. The later events
// are the real event types, checked against the state machine, and the clock
// columns are what CaseClocks.refresh stores after them. The caller reopens the
// file with openDatabase, i.e. WAL and synchronous=FULL, to measure.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { Role } from '../shared/auth/permissions.ts';
import { formatCaseNumber } from '../shared/case/case-number.ts';
import { caseClock } from '../shared/case/clock.ts';
import {
  canonicalJson,
  EVENT_PAYLOADS,
  type CaseReceivedPayload,
  type EventType,
  type MaterialsCheckedPayload,
} from '../shared/case/events.ts';
import { checkSubmission, waiverAllowed, type IntakeSubmission, type MaterialOutcome } from '../shared/case/intake.ts';
import { applyTransition } from '../shared/case/state-machine.ts';
import type { CaseStatusCode, SubState } from '../shared/case/status.ts';
import { isWorkingDay, SEED_CATALOG, type CalendarYear, type FormField, type Matter } from '../shared/catalog/index.ts';
import { maskIdentity, maskName } from '../shared/identity/mask.ts';
import { validateIdentityDocument, type IdentityKind } from '../shared/identity/validate.ts';
import { blindToken, encryptText, namePrefixTokens } from '../electron/backend/crypto/fields.ts';
import type { DeviceKeys } from '../electron/backend/crypto/keys.ts';
import { CONCLUSIONS, sha256Text, type CaseDocument } from '../electron/backend/services/case-events.ts';
import { CHAIN_ORIGIN, chainLink } from '../electron/backend/services/event-chain.ts';
import { intakeDeadlines, receivedPayload } from '../electron/backend/services/intake.ts';
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
/** The most events a generated case has; server_seq leaves this many numbers per case. */
export const MAX_EVENTS_PER_CASE = 6;
const DAY_MS = 86_400_000;

/** The hall the generated cases were taken in: one device per window, this device is one of them. */
export interface Hall {
  regionCode: string;
  hallName: string;
  remoteId: string;
  /** Window number → its device and the clerk who works it. */
  windows: Map<string, { deviceId: string; deviceName: string; clerkUserId: string }>;
  /** The handling place's officer and device: their events reach this device by sync. */
  officerUserId: string;
  handlingDeviceId: string;
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

/**
 * A UUIDv7 (the layout of shared/case/uuid.ts) whose time is exactly `ms`. The
 * app's uuidv7 never goes back in time within a process, which is right for
 * ids made as things happen, but the generator makes a case's later events
 * (days ahead) before the next case's intake: with it, every id after such an
 * event would carry that later time. Here each id carries its own event's time,
 * as on a device; the 12 bits after the time are random instead of a counter.
 */
export function uuidv7At(ms: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let rest = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ids uuidv7At gives the instants of a local day: [from, to), for a range on an id column. */
export function uuidv7DayRange(day: string): [string, string] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const prefix = (ms: number) => {
    const hex = ms.toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8)}`;
  };
  return [prefix(new Date(y, m - 1, d).getTime()), prefix(new Date(y, m - 1, d + 1).getTime())];
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
 *
 * With `spanDays` (one window's device: `windows` 1, `spanDays` 365), the
 * opening days of exactly that many calendar days before today get the same
 * draws, scaled so that they hold `cases` in all.
 */
export function planDays(
  cases: number,
  calendars: readonly CalendarYear[],
  today: Date,
  rand: Random,
  options: { windows?: number; spanDays?: number } = {},
): { windows: number; days: DayPlan[] } {
  const windows = options.windows ?? Math.max(1, Math.round(cases / 69_500));
  const holidays = new Set(calendars.flatMap((c) => c.holidays));
  const days: DayPlan[] = [];
  let total = 0;
  const span = options.spanDays ?? Infinity;
  for (let back = 1; back <= span && (options.spanDays !== undefined || total < cases); back++) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
    const day = localDay(d);
    const saturday = d.getDay() === 6 && !holidays.has(day);
    const open = isWorkingDay(day, calendars);
    if (!open && !saturday) continue;
    const counts = Array.from({ length: windows }, () => (open ? int(rand, 20, 150) : int(rand, 20, 60)));
    let dayTotal = counts.reduce((a, b) => a + b, 0);
    for (let w = windows - 1; options.spanDays === undefined && total + dayTotal > cases && w >= 0; w--) {
      const cut = Math.min(counts[w]!, total + dayTotal - cases);
      counts[w]! -= cut;
      dayTotal -= cut;
    }
    days.push({ day, year: d.getFullYear(), month: d.getMonth(), date: d.getDate(), counts });
    total += dayTotal;
  }
  if (options.spanDays !== undefined) scaleCounts(days, cases);
  return { windows, days: days.reverse() };
}

/** Scales every count by the same factor so that they sum to `cases` (largest remainders round up). */
function scaleCounts(days: DayPlan[], cases: number): void {
  const cells = days.flatMap((d) => d.counts.map((n, w) => ({ d, w, exact: n })));
  const sum = cells.reduce((a, c) => a + c.exact, 0);
  let left = cases;
  for (const c of cells) {
    c.exact = (c.exact * cases) / sum;
    c.d.counts[c.w] = Math.floor(c.exact);
    left -= c.d.counts[c.w]!;
  }
  cells.sort((a, b) => (b.exact % 1) - (a.exact % 1));
  for (let i = 0; i < left; i++) cells[i % cells.length]!.d.counts[cells[i % cells.length]!.w]! += 1;
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
  nationality?: string | undefined;
}

/** Passport holders' nationalities, chosen from the number so the random draws stay as they were. */
const NATIONALITIES = ['KOR', 'USA', 'JPN', 'GBR', 'DEU'];

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
  if (idKind === 'passport') result.nationality = NATIONALITIES[Number(checked.value.slice(-1)) % NATIONALITIES.length];
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

function materialOutcomes(
  rand: Random,
  matter: Matter,
  withAgent: boolean,
  formData: IntakeSubmission['formData'],
): MaterialOutcome[] {
  const outcomes: MaterialOutcome[] = [];
  for (const m of matter.materials) {
    const agentMaterial = m.id === 'power_of_attorney' || m.id === 'agent_id';
    if (m.requirement === 'conditional' && (agentMaterial ? !withAgent : rand() < 0.7)) continue;
    if (m.requirement === 'optional' && rand() < 0.5) continue;
    if (waiverAllowed(m, formData) && rand() < 0.2) {
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
    materials: materialOutcomes(rand, matter, withAgent, formData),
    scans: [],
    formData,
    language: drawLanguage(rand),
    // Every generated case goes to the one partner region, also where the clerk chooses it.
    handlingRegion: matter.handlingRegion,
  };
}

type Step = [type: EventType, payload: unknown, at: Date, actor: Actor];

const drawRating = weighted<number>([
  [5, 700],
  [4, 200],
  [3, 60],
  [2, 25],
  [1, 15],
]);
const REMEDIES = [
  { kind: 'administrative_reconsideration', body: '九江市人民政府', withinDays: 60 },
  { kind: 'administrative_litigation', body: '彭泽县人民法院', withinDays: 180 },
] as const;
const CONSULTED_MATTERS = SEED_CATALOG.matters;
const CONSULTATION_NOTES = [
  '咨询养老保险关系转移接续需要哪些材料',
  '咨询异地就医备案的办理流程',
  '询问已受理事项的办理进度',
  '咨询失业保险金申领条件',
  '咨询档案转递的办理地点和时限',
  '咨询职称证书补办需要的材料',
];

/**
 * What happens to a case after intake, by its age (days from intake to the end
 * of the data): the real event types in an order the state machine accepts.
 * Under a day: queued here, a clerk's note. Then the handling place signs for
 * the electronic materials; from 3 days it has accepted it (or asked for a
 * correction); from 20 days it has decided: approved 85 %, approved with
 * documents to follow 3 %, refused 5 %, not accepted 7 %, and 30 % of the
 * concluded cases were rated (好差评, mostly 4–5) at the window.
 */
function laterEvents(
  rand: Random,
  at: Date,
  ageDays: number,
  endMs: number,
  matter: Matter,
  submission: IntakeSubmission,
  actors: { clerk: Actor; officer: Actor; resultDesk: Actor },
): Step[] {
  const { clerk, officer, resultDesk } = actors;
  const after = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);
  const date = localDay(at).replaceAll('-', '');
  if (ageDays < 1) {
    const noteAt = new Date(Math.min(after(at, int(rand, 250, 400)).getTime(), endMs - 60_000));
    return [['case.note_added', { text: '已电话告知申请人办理进度' }, noteAt, clerk]];
  }
  const signedAt = after(at, int(rand, 30, 1200));
  const steps: Step[] = [['case.signed_for', { part: 'electronic' }, signedAt, officer]];
  if (ageDays < 3) return steps;
  const decidedAt = after(signedAt, int(rand, 1, 2) * 1440);
  const accepted: Step = [
    'case.accepted',
    { acceptanceNo: `HM${date}${pad(int(rand, 0, 99_999), 5)}` },
    decidedAt,
    officer,
  ];
  if (ageDays < 20) {
    if (rand() < 0.85) return [...steps, accepted];
    const deadline = localDay(after(decidedAt, 10 * 1440));
    const item = { materialId: matter.materials[0]!.id, problem: 'missing', note: '请补充清晰完整的材料' };
    return [...steps, ['case.correction_requested', { items: [item], deadline }, decidedAt, officer]];
  }
  const x = rand();
  if (x >= 0.93) {
    const refusal = { reasons: ['申请事项不属于跨省通办办理范围'], remedies: [...REMEDIES] };
    return [...steps, ['case.not_accepted', refusal, decidedAt, officer]];
  }
  const concludedAt = after(decidedAt, rand() < 0.1 ? int(rand, 30, 180) : int(rand, 1, 15) * 1440);
  const deferred =
    submission.materials.find((m) => m.outcome === 'deferred')?.materialId ?? matter.materials.at(-1)!.id;
  const conclusion: Step =
    x < 0.85
      ? ['case.concluded_approved', { resultDocuments: [] }, concludedAt, officer]
      : x < 0.88
        ? [
            'case.concluded_approved_deferred',
            { resultDocuments: [], deferredMaterialIds: [deferred] },
            concludedAt,
            officer,
          ]
        : [
            'case.concluded_refused',
            { resultDocuments: [], reasons: ['申请人不符合办理条件'], remedies: [...REMEDIES] },
            concludedAt,
            officer,
          ];
  steps.push(accepted, conclusion);
  const ratedAt = after(concludedAt, int(rand, 0, 2) * 1440 + int(rand, 10, 120));
  if (rand() < 0.3 && ratedAt.getTime() < endMs) {
    steps.push(['case.evaluated', { rating: drawRating(rand) }, ratedAt, resultDesk]);
  }
  return steps;
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
  /** The first ten columns are a ChainedEvent's, in CHAINED_COLUMNS order. */
  events: SQLInputValue[][];
  /** For each event, the local day it was recorded: its event_chain day. */
  eventDays: string[];
  outbox: SQLInputValue[][];
  search: SQLInputValue[][];
  consultations: SQLInputValue[][];
  /** Milliseconds spent making and validating submissions, and on crypto and JSON. */
  validateMs: number;
  cryptoMs: number;
}

type RowTable = 'counters' | 'cases' | 'events' | 'outbox' | 'search' | 'consultations';

/**
 * Builds the rows of a day's cases: pure computation, no database, so it runs
 * in worker threads as well as inline. The random draws are seeded per day.
 * The event_chain links are not made here: each depends on the one before, so
 * the writer makes them as it inserts.
 */
export function createDayBuilder(ctx: BuildContext): (plan: DayPlan, firstOrdinal: number) => DayRows {
  const { keys, hall } = ctx;
  // The receipt's dates per matter and intake day, as IntakeService.submit makes them.
  const deadlineCache = new Map<string, CaseReceivedPayload['deadlines']>();
  const deadlinesOf = (matter: Matter, day: string) => {
    const key = `${matter.id}|${day}`;
    let found = deadlineCache.get(key);
    if (found === undefined) deadlineCache.set(key, (found = intakeDeadlines(matter, day, ctx.calendars)));
    return found;
  };

  function buildCase(
    out: DayRows,
    rand: Random,
    at: Date,
    window: string,
    sequence: number,
    ordinal: number,
    checkPayloads: boolean,
  ): void {
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
    const { applicant, agent } = submission;
    const received = receivedPayload({
      caseNo,
      matter,
      catalogVersion: SEED_CATALOG.version,
      place: { regionCode: hall.regionCode, deviceName: win.deviceName, hall: hall.hallName, window },
      submission,
      deadlines: deadlinesOf(matter, day),
    });
    const materials: MaterialsCheckedPayload = { materials: submission.materials, scans: [] };
    const document: CaseDocument = { received, materials };
    // As in IntakeService.submit: the case id and both intake events carry the intake instant.
    const caseId = uuidv7At(at.getTime());
    const occurredAt = at.toISOString();
    const clerk: Actor = { userId: win.clerkUserId, role: 'intake_clerk' };
    const officer: Actor = { userId: hall.officerUserId, role: 'handling_officer' };
    const resultDesk: Actor = { userId: hall.resultDeskUserId, role: 'result_desk' };
    const ageDays = (ctx.endMs - at.getTime()) / DAY_MS;
    // The two intake events, then what happened since (pulled from the handling place, or done here).
    const steps: Step[] = [
      ['case.received', received, at, clerk],
      ['case.materials_checked', materials, at, clerk],
      ...laterEvents(rand, at, ageDays, ctx.endMs, matter, submission, { clerk, officer, resultDesk }),
    ];
    // Status and sub-state as the state machine makes them; sync has delivered all but the newest.
    const synced = ageDays >= 1;
    let status: CaseStatusCode | null = null;
    let subState: SubState = synced ? 'delivered' : 'queued';
    for (const [type, payload, , actor] of steps) {
      const step = applyTransition(status, type, [actor.role]);
      if (!step.ok) throw new Error(`generated an event the state machine refuses: ${type} from ${status}`);
      if (checkPayloads) EVENT_PAYLOADS[type].parse(payload);
      status = step.status;
      if (step.subState) subState = step.subState;
    }
    const lastAt = steps.at(-1)![2];
    // The clock columns as CaseClocks.refresh stores them after the last event.
    const clock = caseClock({
      limits: matter.limits,
      clockExcludesMail: matter.clockExcludesMail,
      events: steps.map(([type, payload, when]) => ({ type, day: localDay(when), payload })),
      today: localDay(lastAt),
      calendars: ctx.calendars,
    });
    // noteOnRow: the first conclusion's time and the rating.
    const concludedAt = steps.find(([type]) => CONCLUSIONS.has(type))?.[2].toISOString() ?? null;
    const rating = steps.find(([type]) => type === 'case.evaluated')?.[1] as { rating: number } | undefined;
    const acceptedAt = steps.find(([type]) => type === 'case.accepted')?.[2];

    steps.forEach(([type, payload, when, actor], i) => {
      const eventAt = when.toISOString();
      const eventId = uuidv7At(when.getTime());
      const own = actor !== officer;
      const deviceId = own ? win.deviceId : hall.handlingDeviceId;
      // The object eventHash() hashes in case-events.ts.
      const event = { eventId, caseId, type, payload, actor, deviceId, occurredAt: eventAt };
      out.events.push([
        eventId,
        caseId,
        i + 1,
        type,
        encryptText(keys.fields, JSON.stringify(payload), `case_events.payload:${eventId}`),
        actor.userId,
        actor.role,
        deviceId,
        eventAt,
        sha256Text(canonicalJson(event)),
        synced ? ordinal * MAX_EVENTS_PER_CASE + i + 1 : null,
        synced ? new Date(when.getTime() + 2000).toISOString() : null,
      ]);
      // Generated events stand for events recorded here the moment they happened.
      out.eventDays.push(localDay(when));
      // writeEvent queues what this device makes (pulled events are not sent back). Nothing is
      // acknowledged here: the outbox keeps every such event, the worst case for the outbox.
      if (own) out.outbox.push([hall.remoteId, eventId, caseId, eventAt]);
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
      status,
      subState,
      synced ? 'synced' : 'queued',
      maskName(applicant.name),
      maskIdentity(applicant.idKind, applicant.idNumber),
      applicant.idKind,
      submission.priority ? 1 : 0,
      win.clerkUserId,
      occurredAt,
      day,
      clock.promised?.date ?? null,
      clock.statutory?.date ?? null,
      clock.provisional ? 1 : 0,
      clock.unit,
      clock.acceptanceDecision?.date ?? null,
      clock.state,
      clock.mark,
      acceptedAt ? localDay(acceptedAt) : null,
      rating?.rating ?? null,
      concludedAt,
      sha256Text(canonicalJson(document)),
      encryptText(keys.fields, JSON.stringify(document), `cases.detail:${caseId}`),
      lastAt.toISOString(),
    ]);
    out.validateMs += t1 - t0;
    out.cryptoMs += performance.now() - t1;
  }

  /** A few consultations (咨询) per window and day, logged by the window's clerk as Supervision does. */
  function consultations(out: DayRows, rand: Random, open: number, window: string): void {
    const clerkUserId = hall.windows.get(window)!.clerkUserId;
    const times = Array.from({ length: int(rand, 0, 6) }, () => open + Math.floor(rand() * 9 * 3600_000));
    for (const ms of times.sort((a, b) => a - b)) {
      const id = uuidv7At(ms);
      const at = new Date(ms);
      out.consultations.push([
        id,
        localDay(at),
        at.toISOString(),
        clerkUserId,
        rand() < 0.8 ? pick(rand, CONSULTED_MATTERS).id : null,
        encryptText(keys.fields, pick(rand, CONSULTATION_NOTES), `consultations.note:${id}`),
        int(rand, 2, 25),
      ]);
    }
  }

  return (plan, firstOrdinal) => {
    const out: DayRows = {
      counters: [],
      cases: [],
      events: [],
      eventDays: [],
      outbox: [],
      search: [],
      consultations: [],
      validateMs: 0,
      cryptoMs: 0,
    };
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
    // Every payload of the day's first cases is checked against its schema too (the state machine checks all).
    cases.forEach((c, i) => buildCase(out, rand, new Date(c.ms), c.window, c.sequence, firstOrdinal + i, i < 3));
    const consulted = mulberry32(ctx.seed ^ 0x5a5a ^ (plan.year * 10_000 + plan.month * 100 + plan.date));
    for (const window of hall.windows.keys()) consultations(out, consulted, open, window);
    return out;
  };
}

/**
 * One prepared statement per table; the same column lists as IntakeService.submit,
 * writeEvent (and appendToChain), noteOnRow, CaseClocks.refresh and Supervision.logConsultation.
 * Each event's chain link is made here, in the order written, from the link before it
 * (`previous`: the chain's head when the writer starts).
 */
export function createDayWriter(
  db: DatabaseSync,
  previous = CHAIN_ORIGIN,
): ((rows: DayRows) => void) & { head: () => string } {
  const table = (sql: string, rows: RowTable): [StatementSync, RowTable] => [db.prepare(sql), rows];
  // Before the events: what they refer to. After them: what refers to them, and the rest.
  const before = [
    table('INSERT INTO case_no_counters (day, window_no, last_seq) VALUES (?, ?, ?)', 'counters'),
    table(
      `INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
         remote_id, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
         priority, clerk_user_id, received_at, received_day, promised_deadline, statutory_deadline,
         deadline_provisional, deadline_unit, acceptance_deadline, clock_state, clock_mark, accepted_day, evaluation,
         concluded_at, content_hash, detail_enc, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      'cases',
    ),
  ];
  const after = [
    table('INSERT INTO outbox_events (remote_id, event_id, case_id, enqueued_at) VALUES (?, ?, ?, ?)', 'outbox'),
    table('INSERT OR IGNORE INTO case_search (kind, token, case_id) VALUES (?, ?, ?)', 'search'),
    table(
      `INSERT INTO consultations (consultation_id, day, at, user_id, matter_id, note_enc, minutes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      'consultations',
    ),
  ];
  const insertEvent = db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash, server_seq, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = db.prepare('INSERT INTO event_chain (event_id, day, hash) VALUES (?, ?, ?)');
  const write = (rows: DayRows) => {
    for (const [statement, name] of before) for (const row of rows[name]) statement.run(...row);
    rows.events.forEach((row, i) => {
      insertEvent.run(...row);
      const [event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id, occurred_at] =
        row as [string, string, number, string, string, string, string, string, string];
      // appendToChain's link, from the one before.
      previous = chainLink(previous, {
        event_id,
        case_id,
        case_seq,
        type,
        payload_enc,
        actor_user_id,
        actor_role,
        device_id,
        occurred_at,
        content_hash: row[9] as string,
      });
      insertLink.run(event_id, rows.eventDays[i]!, previous);
    });
    for (const [statement, name] of after) for (const row of rows[name]) statement.run(...row);
  };
  return Object.assign(write, { head: () => previous });
}
