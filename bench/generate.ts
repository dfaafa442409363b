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
// file with openDatabase, i.e. WAL and synchronous=FULL, to measure. What is
// generated comes from generate/: the open days (days.ts), the people
// (people.ts), the submissions (submissions.ts) and what happened since
// (history.ts).
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { formatCaseNumber } from '../shared/case/case-number.ts';
import { caseClock } from '../shared/case/clock.ts';
import {
  canonicalJson,
  EVENT_PAYLOADS,
  type CaseReceivedPayload,
  type MaterialsCheckedPayload,
} from '../shared/case/events.ts';
import { checkSubmission } from '../shared/case/intake.ts';
import { applyTransition } from '../shared/case/state-machine.ts';
import type { CaseStatusCode, SubState } from '../shared/case/status.ts';
import { SEED_CATALOG, type CalendarYear, type Matter } from '../shared/catalog/index.ts';
import { maskIdentity, maskName } from '../shared/identity/mask.ts';
import { blindToken, encryptText, namePrefixTokens } from '../electron/backend/crypto/fields.ts';
import type { DeviceKeys } from '../electron/backend/crypto/keys.ts';
import { CONCLUSIONS, type CaseDocument } from '../electron/backend/services/case-events.ts';
import { chainKeysOf, LINK_RULES } from '../electron/backend/services/chain-keys.ts';
import { CHAIN_ORIGIN, keyedChainLink } from '../electron/backend/services/event-chain.ts';
import { intakeDeadlines, receivedPayload } from '../electron/backend/services/intake.ts';
import { caseRowWriter, type NewCaseRow } from '../electron/backend/store/case-rows.ts';
import { contentHash } from '../shared-node/event-hash.ts';
import { sha256Hex } from '../shared-node/hash.ts';
import { localDay } from '../shared/local-time.ts';
import { uuidv7At, type DayPlan } from './generate/days.ts';
import { laterEvents, type Actor, type Step } from './generate/history.ts';
import { int, mulberry32, pick, type Random } from './generate/people.ts';
import { drawMatter, makeSubmission } from './generate/submissions.ts';

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

const CONSULTED_MATTERS = SEED_CATALOG.matters;
const CONSULTATION_NOTES = [
  '咨询养老保险关系转移接续需要哪些材料',
  '咨询异地就医备案的办理流程',
  '询问已受理事项的办理进度',
  '咨询失业保险金申领条件',
  '咨询档案转递的办理地点和时限',
  '咨询职称证书补办需要的材料',
];

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
  cases: NewCaseRow[];
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

type RowTable = 'counters' | 'events' | 'outbox' | 'search' | 'consultations';

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
        contentHash(event),
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
    out.cases.push({
      caseId,
      caseNo,
      submissionId: submission.submissionId,
      matterId: matter.id,
      catalogVersion: SEED_CATALOG.version,
      intakeRegion: hall.regionCode,
      handlingRegion: matter.handlingRegion,
      remoteId: hall.remoteId,
      origin: 'intake',
      // The first step is case.received, so the state machine has given a status.
      status: status!,
      subState,
      syncState: synced ? 'synced' : 'queued',
      applicantMaskedName: maskName(applicant.name),
      applicantMaskedId: maskIdentity(applicant.idKind, applicant.idNumber),
      applicantIdKind: applicant.idKind,
      priority: submission.priority,
      clerkUserId: win.clerkUserId,
      receivedAt: occurredAt,
      receivedDay: day,
      promisedDeadline: clock.promised?.date ?? null,
      statutoryDeadline: clock.statutory?.date ?? null,
      deadlineProvisional: clock.provisional,
      deadlineUnit: clock.unit,
      acceptanceDeadline: clock.acceptanceDecision?.date ?? null,
      clockState: clock.state,
      clockMark: clock.mark,
      acceptedDay: acceptedAt ? localDay(acceptedAt) : null,
      evaluation: rating?.rating ?? null,
      concludedAt,
      contentHash: sha256Hex(canonicalJson(document)),
      detailEnc: encryptText(keys.fields, JSON.stringify(document), `cases.detail:${caseId}`),
      updatedAt: lastAt.toISOString(),
    });
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
 * One prepared statement per table; the case row through the backend's own writer (caseRowWriter), the
 * rest with the same column lists as writeEvent (and appendToChain), noteOnRow, CaseClocks.refresh and Supervision.logConsultation.
 * Each event's chain link is made here, in the order written, from the link before it
 * (`previous`: the chain's head when the writer starts).
 */
export function createDayWriter(
  db: DatabaseSync,
  previous = CHAIN_ORIGIN,
): ((rows: DayRows) => void) & { head: () => string } {
  const table = (sql: string, rows: RowTable): [StatementSync, RowTable] => [db.prepare(sql), rows];
  // Before the events: what they refer to. After them: what refers to them, and the rest.
  const before = [table('INSERT INTO case_no_counters (day, window_no, last_seq) VALUES (?, ?, ?)', 'counters')];
  const writeCase = caseRowWriter(db);
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
  const insertLink = db.prepare(
    `INSERT INTO event_chain (event_id, day, hash, rule) VALUES (?, ?, ?, ${LINK_RULES.keyed})`,
  );
  const chainKey = chainKeysOf(db).eventChain;
  const write = (rows: DayRows) => {
    for (const [statement, name] of before) for (const row of rows[name]) statement.run(...row);
    rows.cases.forEach(writeCase);
    rows.events.forEach((row, i) => {
      insertEvent.run(...row);
      const [event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id, occurred_at] =
        row as [string, string, number, string, string, string, string, string, string];
      // appendToChain's link, from the one before.
      previous = keyedChainLink(chainKey, previous, {
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
