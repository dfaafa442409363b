// The warnings that need someone (预警), oldest first within each kind:
// deadlines near or past, cases not sent in time, events the server refused,
// originals mailed and not signed for, results not collected, bad ratings
// not yet followed up, deferred (容缺) materials not brought in by the day
// promised, and applications left without a correction notice or a decision
// near or past the five-day mark, and bad ratings' rectification items not
// yet closed. Two of them wait a number of days the supervisor sets.
import type { DatabaseSync } from 'node:sqlite';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { addWorkingDays, calendarDaysBetween, workingDaysBetween } from '../../../shared/catalog/calendar.ts';
import {
  DEFAULT_WARNING_THRESHOLDS,
  WARNING_KINDS,
  warningThresholdsSchema,
  type Warning,
  type WarningKind,
  type Warnings,
  type WarningThresholds,
} from '../../../shared/supervision/schemas.ts';
import { decryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { audit } from './audit.ts';
import { nearestDeadline, type CaseClocks } from './case-clock.ts';
import { localDay } from '../../../shared/local-time.ts';
import type { CatalogService } from './catalog.ts';
import { openCommitments } from './commitments.ts';
import { undispatchedOriginals } from './supervision-paper.ts';
import { daysBetween, SUPERVISED_CASE_COLUMNS, type SupervisedCase } from './supervision-cases.ts';
import { correctionMarkOf } from './supervision-correction-marks.ts';
import { Rectifications } from './rectifications.ts';

/** Statuses after which nothing more is decided: no deadline warnings. */
const CLOSED_STATUSES: readonly CaseStatusCode[] = [2, 4, 5, 11, 12, 13, 14, 15];

const THRESHOLDS_SETTING = 'supervision.thresholds';

export function warningThresholds(db: DatabaseSync): WarningThresholds {
  const text = getSetting(db, THRESHOLDS_SETTING);
  const stored = warningThresholdsSchema.safeParse(text ? JSON.parse(text) : null);
  return stored.success ? stored.data : DEFAULT_WARNING_THRESHOLDS;
}

export function setWarningThresholds(
  db: DatabaseSync,
  userId: string,
  thresholds: WarningThresholds,
): WarningThresholds {
  setSetting(db, THRESHOLDS_SETTING, JSON.stringify(thresholds));
  audit(db, { userId, action: 'supervision.thresholds', detail: { ...thresholds } });
  return thresholds;
}

/** Marks bad ratings as followed up by a day close that commented on them: their warnings end. */
export function markFollowedUp(db: DatabaseSync, caseIds: readonly string[], day: string): void {
  const update = db.prepare('UPDATE cases SET evaluation_followed_up = ? WHERE case_id = ?');
  for (const caseId of caseIds) update.run(day, caseId);
}

type WarnedCase = { case_id: string; case_no: string; matter_id: string };
type WarningDetail = {
  since: string;
  days: number;
  reason?: string | null;
  key?: string;
  deadline?: Warning['deadline'];
};

/** What needs someone today, oldest first within each kind. */
export function currentWarnings(
  db: DatabaseSync,
  keys: DeviceKeys,
  catalog: CatalogService,
  clocks: CaseClocks,
  today: string,
): Warnings {
  const calendars = catalog.calendars();
  const thresholds = warningThresholds(db);
  const items: Warning[] = [];
  const warn = (kind: WarningKind, c: WarnedCase, rest: WarningDetail): void => {
    items.push({
      key: rest.key ?? `${kind}:${c.case_id}`,
      kind,
      caseId: c.case_id,
      caseNo: c.case_no,
      matterId: c.matter_id,
      since: rest.since,
      days: rest.days,
      reason: rest.reason ?? null,
      deadline: rest.deadline ?? null,
    });
  };

  const open = db
    .prepare(
      `SELECT ${SUPERVISED_CASE_COLUMNS} FROM cases c LEFT JOIN users u ON u.user_id = c.clerk_user_id
       WHERE c.status NOT IN (${CLOSED_STATUSES.join(', ')}) ORDER BY c.received_at`,
    )
    .all() as unknown as SupervisedCase[];
  const markOf = clocks.marker();
  for (const c of open) {
    const mark = markOf(c);
    if (mark === 'none') continue;
    const deadline = nearestDeadline(c)!;
    // Days past the deadline (red) or left before it (yellow), in the unit the matter counts.
    const days = Math.abs(
      c.deadline_unit === 'calendar_days'
        ? calendarDaysBetween(deadline, today)
        : workingDaysBetween(deadline, today, calendars).days,
    );
    warn(mark === 'red' ? 'deadline_red' : 'deadline_yellow', c, {
      since: deadline,
      days,
      deadline: { unit: c.deadline_unit, provisional: c.deadline_provisional === 1 },
    });
  }

  // Only a case still received, with nothing decided and no correction asked, can miss the mark now.
  for (const c of open.filter((o) => o.status === 1)) {
    const state = correctionMarkOf(db, c.case_id, calendars, today)?.state;
    if (state !== 'due' && state !== 'passed') continue;
    warn(state === 'due' ? 'correction_mark_due' : 'correction_mark_passed', c, {
      since: c.received_at,
      days: daysBetween(c.received_day, today),
    });
  }

  for (const c of open) {
    // Never sent (sub-state queued), and not refused (quarantined is a warning of its own): a case
    // already at the partner whose later note or decision waits in the outbox was dispatched.
    if (c.origin !== 'intake' || c.sync_state !== 'queued' || c.sub_state !== 'queued') continue;
    // Due at the partner by the end of the next working day after intake.
    const due = addWorkingDays(c.received_day, 1, calendars).date;
    if (today > due) warn('not_dispatched', c, { since: c.received_at, days: daysBetween(c.received_day, today) });
  }

  const mailed = db
    .prepare(
      `SELECT c.case_id, c.case_no, c.matter_id, e.occurred_at,
         (SELECT group_concat(s.event_id || ' ' || s.payload_enc, char(10)) FROM case_events s
          WHERE s.case_id = c.case_id AND s.type = 'case.signed_for' AND s.case_seq > e.case_seq) AS signed
       FROM case_events e JOIN cases c ON c.case_id = e.case_id
       WHERE e.type = 'case.originals_dispatched' AND c.status NOT IN (2, 14, 15)
       ORDER BY e.occurred_at`,
    )
    .all() as (WarnedCase & { occurred_at: string; signed: string | null })[];
  for (const m of mailed) {
    const signedFor = (m.signed ?? '')
      .split('\n')
      .filter(Boolean)
      .some((line) => {
        const [eventId, payloadEnc] = line.split(' ') as [string, string];
        const payload = JSON.parse(decryptText(keys.fields, payloadEnc, `case_events.payload:${eventId}`)) as {
          part: string;
        };
        return payload.part === 'originals';
      });
    const days = daysBetween(localDay(new Date(m.occurred_at)), today);
    if (!signedFor && days > thresholds.originalsDays) {
      warn('originals_not_signed', m, { since: m.occurred_at, days, key: `originals_not_signed:${m.case_id}` });
    }
  }

  for (const u of undispatchedOriginals(db, keys, catalog, today, thresholds.dispatchOriginalsDays)) {
    warn('originals_not_dispatched', u, { since: u.received_at, days: u.days });
  }

  const waiting = db
    .prepare(
      `SELECT c.case_id, c.case_no, c.matter_id,
         (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'case.result_arrived')
           AS arrived_at
       FROM cases c WHERE c.sub_state = 'awaiting_pickup' ORDER BY c.received_at`,
    )
    .all() as (WarnedCase & { arrived_at: string | null })[];
  for (const w of waiting) {
    if (!w.arrived_at) continue;
    const days = daysBetween(localDay(new Date(w.arrived_at)), today);
    if (days > thresholds.collectionDays) warn('result_not_collected', w, { since: w.arrived_at, days });
  }

  const quarantined = db
    .prepare(
      `SELECT q.event_id, q.reason, q.quarantined_at, c.case_id, c.case_no, c.matter_id
       FROM quarantine q JOIN cases c USING (case_id) ORDER BY q.quarantined_at`,
    )
    .all() as (WarnedCase & { event_id: string; reason: string; quarantined_at: string })[];
  for (const q of quarantined) {
    warn('quarantined', q, {
      since: q.quarantined_at,
      days: daysBetween(localDay(new Date(q.quarantined_at)), today),
      reason: q.reason,
      key: `quarantined:${q.event_id}`,
    });
  }

  // A bad rating stays until a day close has said how it was followed up; one with a rectification item
  // warns as that item, below, until it is closed.
  const bad = db
    .prepare(
      `SELECT c.case_id, c.case_no, c.matter_id,
         (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'case.evaluated')
           AS rated_at
       FROM cases c WHERE c.evaluation <= 2 AND c.evaluation_followed_up IS NULL
         AND NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.case_id = c.case_id)
       ORDER BY c.received_at`,
    )
    .all() as (WarnedCase & { rated_at: string })[];
  for (const b of bad) {
    warn('bad_evaluation', b, { since: b.rated_at, days: daysBetween(localDay(new Date(b.rated_at)), today) });
  }

  // 容缺: a deferred material not brought in by the day the applicant promised, one warning per material.
  for (const c of openCommitments(db, today)) {
    if (c.daysOverdue <= 0) continue;
    const item = { case_id: c.caseId, case_no: c.caseNo, matter_id: c.matterId };
    warn('commitment_lapsed', item, {
      since: c.dueDate,
      days: c.daysOverdue,
      reason: c.materialId,
      key: `commitment_lapsed:${c.caseId}:${c.materialId}`,
    });
  }

  // 差评整改: every item not closed, red once past its rectification deadline.
  for (const r of new Rectifications(db, keys, catalog).unclosed(today)) {
    const item = { case_id: r.caseId, case_no: r.caseNo, matter_id: r.matterId };
    const kind = r.overdue ? 'rectification_overdue' : 'rectification_open';
    const days = daysBetween(localDay(new Date(r.ratedAt)), today);
    warn(kind, item, { since: r.ratedAt, days, key: `${kind}:${r.caseId}:${r.eventId}` });
  }

  const counts = Object.fromEntries(WARNING_KINDS.map((kind) => [kind, 0])) as Record<WarningKind, number>;
  for (const item of items) counts[item.kind] += 1;
  return { today, thresholds, counts, items };
}
