// The supervisor's reading of this device: the daily ledger (台账) of every
// case touched and every consultation, the warnings that need someone, and
// statistics over a date range. Screens, exports and the end-of-day close all
// read through here, so they show the same numbers.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import type { ClockState, Mark } from '../../../shared/case/clock.ts';
import type { CaseStatusCode, SubState } from '../../../shared/case/status.ts';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { addWorkingDays, calendarDaysBetween, workingDaysBetween } from '../../../shared/catalog/calendar.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import {
  DEFAULT_WARNING_THRESHOLDS,
  MAX_STATS_DAYS,
  WARNING_KINDS,
  warningThresholdsSchema,
  type Consultation,
  type Ledger,
  type LedgerFilter,
  type LedgerRow,
  type Stats,
  type Warning,
  type WarningKind,
  type Warnings,
  type WarningThresholds,
} from '../../../shared/supervision/schemas.ts';
import { decryptText, encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { audit } from './audit.ts';
import { nearestDeadline, type CaseClocks } from './case-clock.ts';
import { localDay, readDocument } from './case-events.ts';
import type { CatalogService } from './catalog.ts';

/** Statuses after which nothing more is decided: no deadline warnings. */
const CLOSED_STATUSES: readonly CaseStatusCode[] = [2, 4, 5, 11, 12, 13, 14, 15];

interface CaseRecord {
  case_id: string;
  case_no: string;
  matter_id: string;
  status: CaseStatusCode;
  sub_state: SubState;
  origin: 'intake' | 'inbox';
  received_at: string;
  received_day: string;
  clerk_user_id: string | null;
  clerk: string | null;
  handling_region: string;
  intake_region: string;
  applicant_masked_name: string;
  applicant_masked_id: string;
  promised_deadline: string | null;
  statutory_deadline: string | null;
  acceptance_deadline: string | null;
  deadline_provisional: number;
  deadline_unit: 'working_days' | 'calendar_days';
  clock_state: ClockState;
  clock_mark: Mark;
  evaluation: number | null;
  sync_state: string;
}

const CASE_COLUMNS = `c.case_id, c.case_no, c.matter_id, c.status, c.sub_state, c.origin, c.received_at, c.received_day,
  c.clerk_user_id, u.display_name AS clerk, c.handling_region, c.intake_region, c.applicant_masked_name,
  c.applicant_masked_id, c.promised_deadline, c.statutory_deadline, c.acceptance_deadline, c.deadline_provisional,
  c.deadline_unit, c.clock_state, c.clock_mark, c.evaluation, c.sync_state`;

const partnerOf = (c: { origin: string; handling_region: string; intake_region: string }): string =>
  c.origin === 'intake' ? c.handling_region : c.intake_region;

/** Whole calendar days from one local day to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const THRESHOLDS_SETTING = 'supervision.thresholds';

export class Supervision {
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

  logConsultation(userId: string, input: { matterId: string | null; note: string; minutes: number }): Consultation {
    if (input.matterId !== null && !this.catalog.matter(input.matterId)) {
      throw rejected('matter_unknown', 'The matter is not in the catalog.', { matterId: input.matterId });
    }
    const at = new Date();
    const consultationId = uuidv7(at.getTime());
    this.db
      .prepare(
        `INSERT INTO consultations (consultation_id, day, at, user_id, matter_id, note_enc, minutes)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        consultationId,
        localDay(at),
        at.toISOString(),
        userId,
        input.matterId,
        encryptText(this.keys.fields, input.note, `consultations.note:${consultationId}`),
        input.minutes,
      );
    return this.consultations('consultation_id = ?', [consultationId])[0]!;
  }

  private consultations(where: string, params: (string | number)[]): Consultation[] {
    const rows = this.db
      .prepare(
        `SELECT k.consultation_id, k.at, k.user_id, u.display_name, k.matter_id, k.note_enc, k.minutes
         FROM consultations k JOIN users u USING (user_id) WHERE ${where} ORDER BY k.at`,
      )
      .all(...params) as {
      consultation_id: string;
      at: string;
      user_id: string;
      display_name: string;
      matter_id: string | null;
      note_enc: string;
      minutes: number;
    }[];
    return rows.map((r) => ({
      consultationId: r.consultation_id,
      at: r.at,
      userId: r.user_id,
      clerk: r.display_name,
      matterId: r.matter_id,
      note: decryptText(this.keys.fields, r.note_enc, `consultations.note:${r.consultation_id}`),
      minutes: r.minutes,
    }));
  }

  /**
   * Every case with an event recorded here on the day — taken in, sent, signed
   * for, decided, corrected, collected, noted — with that day's events, and
   * the day's consultations. Unmasked shows the applicant's full name and ID:
   * the caller has checked the permission; it is audited here.
   */
  ledger(filter: LedgerFilter, unmasked: { userId: string; user: string } | null): Ledger {
    const activities = this.db
      .prepare(
        `SELECT e.case_id, e.type, e.occurred_at, e.actor_user_id, e.actor_role, u.display_name
         FROM event_chain l JOIN case_events e ON e.event_id = l.event_id
         LEFT JOIN users u ON u.user_id = e.actor_user_id
         WHERE l.day = ? ORDER BY l.seq`,
      )
      .all(filter.day) as {
      case_id: string;
      type: string;
      occurred_at: string;
      actor_user_id: string;
      actor_role: Role;
      display_name: string | null;
    }[];
    const byCase = new Map<string, typeof activities>();
    for (const a of activities) byCase.set(a.case_id, [...(byCase.get(a.case_id) ?? []), a]);

    const cases = this.db
      .prepare(
        `SELECT ${CASE_COLUMNS} FROM cases c LEFT JOIN users u ON u.user_id = c.clerk_user_id
         WHERE c.case_id IN (SELECT value FROM json_each(?))
         ORDER BY c.received_at, c.case_id`,
      )
      .all(JSON.stringify([...byCase.keys()])) as unknown as CaseRecord[];

    const clerks = new Map<string, string>();
    const regions = new Set<string>();
    const rows: LedgerRow[] = [];
    for (const c of cases) {
      regions.add(partnerOf(c));
      const done = byCase.get(c.case_id) ?? [];
      if (c.clerk_user_id && c.clerk) clerks.set(c.clerk_user_id, c.clerk);
      for (const a of done) if (a.display_name) clerks.set(a.actor_user_id, a.display_name);
      if (
        filter.clerkUserId &&
        c.clerk_user_id !== filter.clerkUserId &&
        !done.some((a) => a.actor_user_id === filter.clerkUserId)
      ) {
        continue;
      }
      if (filter.matterId && c.matter_id !== filter.matterId) continue;
      if (filter.status !== undefined && c.status !== filter.status) continue;
      if (filter.regionCode && partnerOf(c) !== filter.regionCode) continue;
      const person = unmasked ? readDocument(this.db, this.keys, c.case_id).received.applicant : null;
      rows.push({
        caseId: c.case_id,
        caseNo: c.case_no,
        matterId: c.matter_id,
        status: c.status,
        subState: c.sub_state,
        origin: c.origin,
        receivedAt: c.received_at,
        clerkUserId: c.clerk_user_id,
        clerk: c.clerk,
        partnerRegion: partnerOf(c),
        applicantName: person?.name ?? c.applicant_masked_name,
        applicantId: person?.idNumber ?? c.applicant_masked_id,
        mark: this.clocks.markOf(c),
        deadline: nearestDeadline(c) ?? null,
        deadlineProvisional: c.deadline_provisional === 1,
        evaluation: c.evaluation,
        activities: done.map((a) => ({
          type: a.type,
          at: a.occurred_at,
          actor: a.display_name,
          role: a.actor_role,
        })),
      });
    }
    const consultations = this.consultations('k.day = ?', [filter.day]);
    for (const k of consultations) clerks.set(k.userId, k.clerk);
    const at = new Date().toISOString();
    if (unmasked) {
      audit(this.db, {
        userId: unmasked.userId,
        action: 'ledger.unmasked',
        target: filter.day,
        detail: { cases: rows.length },
      });
    }
    return {
      day: filter.day,
      rows,
      consultations: consultations.filter(
        (k) =>
          (!filter.clerkUserId || k.userId === filter.clerkUserId) &&
          (!filter.matterId || k.matterId === filter.matterId) &&
          filter.status === undefined &&
          !filter.regionCode,
      ),
      clerks: [...clerks].map(([userId, displayName]) => ({ userId, displayName })),
      regions: [...regions].sort(),
      closed: Boolean(this.db.prepare('SELECT 1 FROM day_closes WHERE day = ?').get(filter.day)),
      watermark: unmasked ? { user: unmasked.user, at } : null,
    };
  }

  thresholds(): WarningThresholds {
    const text = getSetting(this.db, THRESHOLDS_SETTING);
    const stored = warningThresholdsSchema.safeParse(text ? JSON.parse(text) : null);
    return stored.success ? stored.data : DEFAULT_WARNING_THRESHOLDS;
  }

  setThresholds(userId: string, thresholds: WarningThresholds): WarningThresholds {
    setSetting(this.db, THRESHOLDS_SETTING, JSON.stringify(thresholds));
    audit(this.db, { userId, action: 'supervision.thresholds', detail: { ...thresholds } });
    return thresholds;
  }

  /** What needs someone today, oldest first within each kind. */
  warnings(today = localDay(new Date())): Warnings {
    const calendars = this.catalog.calendars();
    const thresholds = this.thresholds();
    const items: Warning[] = [];
    const warn = (
      kind: WarningKind,
      c: { case_id: string; case_no: string; matter_id: string },
      rest: {
        since: string;
        days: number;
        reason?: string | null;
        key?: string;
        deadline?: Warning['deadline'];
      },
    ): void => {
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

    const open = this.db
      .prepare(
        `SELECT ${CASE_COLUMNS} FROM cases c LEFT JOIN users u ON u.user_id = c.clerk_user_id
         WHERE c.status NOT IN (${CLOSED_STATUSES.join(', ')}) ORDER BY c.received_at`,
      )
      .all() as unknown as CaseRecord[];
    for (const c of open) {
      const mark = this.clocks.markOf(c);
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

    for (const c of open) {
      // Never sent (sub-state queued), and not refused (quarantined is a warning of its own): a case
      // already at the partner whose later note or decision waits in the outbox was dispatched.
      if (c.origin !== 'intake' || c.sync_state !== 'queued' || c.sub_state !== 'queued') continue;
      // Due at the partner by the end of the next working day after intake.
      const due = addWorkingDays(c.received_day, 1, calendars).date;
      if (today > due) warn('not_dispatched', c, { since: c.received_at, days: daysBetween(c.received_day, today) });
    }

    const mailed = this.db
      .prepare(
        `SELECT c.case_id, c.case_no, c.matter_id, e.occurred_at,
           (SELECT group_concat(s.event_id || ' ' || s.payload_enc, char(10)) FROM case_events s
            WHERE s.case_id = c.case_id AND s.type = 'case.signed_for' AND s.case_seq > e.case_seq) AS signed
         FROM case_events e JOIN cases c ON c.case_id = e.case_id
         WHERE e.type = 'case.originals_dispatched' AND c.status NOT IN (2, 14, 15)
         ORDER BY e.occurred_at`,
      )
      .all() as { case_id: string; case_no: string; matter_id: string; occurred_at: string; signed: string | null }[];
    for (const m of mailed) {
      const signedFor = (m.signed ?? '')
        .split('\n')
        .filter(Boolean)
        .some((line) => {
          const [eventId, payloadEnc] = line.split(' ') as [string, string];
          const payload = JSON.parse(decryptText(this.keys.fields, payloadEnc, `case_events.payload:${eventId}`)) as {
            part: string;
          };
          return payload.part === 'originals';
        });
      const days = daysBetween(localDay(new Date(m.occurred_at)), today);
      if (!signedFor && days > thresholds.originalsDays) {
        warn('originals_not_signed', m, { since: m.occurred_at, days, key: `originals_not_signed:${m.case_id}` });
      }
    }

    const waiting = this.db
      .prepare(
        `SELECT c.case_id, c.case_no, c.matter_id,
           (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'case.result_arrived')
             AS arrived_at
         FROM cases c WHERE c.sub_state = 'awaiting_pickup' ORDER BY c.received_at`,
      )
      .all() as { case_id: string; case_no: string; matter_id: string; arrived_at: string | null }[];
    for (const w of waiting) {
      if (!w.arrived_at) continue;
      const days = daysBetween(localDay(new Date(w.arrived_at)), today);
      if (days > thresholds.collectionDays) warn('result_not_collected', w, { since: w.arrived_at, days });
    }

    const quarantined = this.db
      .prepare(
        `SELECT q.event_id, q.reason, q.quarantined_at, c.case_id, c.case_no, c.matter_id
         FROM quarantine q JOIN cases c USING (case_id) ORDER BY q.quarantined_at`,
      )
      .all() as {
      event_id: string;
      reason: string;
      quarantined_at: string;
      case_id: string;
      case_no: string;
      matter_id: string;
    }[];
    for (const q of quarantined) {
      warn('quarantined', q, {
        since: q.quarantined_at,
        days: daysBetween(localDay(new Date(q.quarantined_at)), today),
        reason: q.reason,
        key: `quarantined:${q.event_id}`,
      });
    }

    // A bad rating stays until a day close has said how it was followed up.
    const bad = this.db
      .prepare(
        `SELECT c.case_id, c.case_no, c.matter_id,
           (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'case.evaluated')
             AS rated_at
         FROM cases c WHERE c.evaluation <= 2 AND c.evaluation_followed_up IS NULL ORDER BY c.received_at`,
      )
      .all() as { case_id: string; case_no: string; matter_id: string; rated_at: string }[];
    for (const b of bad) {
      warn('bad_evaluation', b, { since: b.rated_at, days: daysBetween(localDay(new Date(b.rated_at)), today) });
    }

    const counts = Object.fromEntries(WARNING_KINDS.map((kind) => [kind, 0])) as Record<WarningKind, number>;
    for (const item of items) counts[item.kind] += 1;
    return { today, thresholds, counts, items };
  }

  /** Cases received in [from, to] (local days), at this window or arrived for this desk. */
  stats(from: string, to: string): Stats {
    if (from > to || daysBetween(from, to) > MAX_STATS_DAYS) {
      throw rejected('range_invalid', 'The date range is not valid.', { maxDays: MAX_STATS_DAYS });
    }
    const range = [from, to];
    const grouped = (expression: string, label = 'NULL', join = ''): Stats['byMatter'] =>
      (
        this.db
          .prepare(
            `SELECT ${expression} AS key, ${label} AS label, count(*) AS count FROM cases c ${join}
             WHERE c.received_day BETWEEN ? AND ? GROUP BY 1 ORDER BY count DESC, key`,
          )
          .all(...range) as { key: string | number | null; label: string | null; count: number }[]
      ).map((r) => ({ key: String(r.key ?? ''), label: r.label, count: r.count }));

    const totals = this.db
      .prepare(
        `SELECT count(*) AS total,
           count(c.concluded_at) AS concluded,
           sum((julianday(c.concluded_at) - julianday(c.received_at)) * 24 <= 1) AS on_the_spot,
           sum(date(c.concluded_at, 'localtime') = c.received_day) AS same_day,
           sum(c.concluded_at IS NOT NULL AND c.promised_deadline IS NOT NULL) AS with_deadline,
           sum(date(c.concluded_at, 'localtime') <= c.promised_deadline) AS on_time,
           sum(c.concluded_at IS NOT NULL AND c.promised_deadline IS NOT NULL AND c.deadline_provisional) AS provisional,
           avg((julianday(c.concluded_at) - julianday(c.received_at)) * 24) AS hours,
           count(c.evaluation) AS rated,
           sum(c.evaluation <= 2) AS bad
         FROM cases c WHERE c.received_day BETWEEN ? AND ?`,
      )
      .get(...range) as {
      total: number;
      concluded: number;
      on_the_spot: number | null;
      same_day: number | null;
      with_deadline: number | null;
      on_time: number | null;
      provisional: number | null;
      hours: number | null;
      rated: number;
      bad: number | null;
    };
    const rate = (count: number | null, of: number) => ({
      count: count ?? 0,
      of,
      rate: of > 0 ? (count ?? 0) / of : null,
    });
    const ratings = [0, 0, 0, 0, 0];
    for (const r of this.db
      .prepare(
        `SELECT c.evaluation AS rating, count(*) AS n FROM cases c
         WHERE c.received_day BETWEEN ? AND ? AND c.evaluation IS NOT NULL GROUP BY 1`,
      )
      .all(...range) as { rating: number; n: number }[]) {
      ratings[r.rating - 1] = r.n;
    }
    const consultations = this.db
      .prepare(
        'SELECT count(*) AS count, coalesce(sum(minutes), 0) AS minutes FROM consultations WHERE day BETWEEN ? AND ?',
      )
      .get(...range) as { count: number; minutes: number };
    return {
      from,
      to,
      total: totals.total,
      byMatter: grouped('c.matter_id'),
      byStatus: grouped('c.status'),
      byClerk: grouped('c.clerk_user_id', 'u.display_name', 'LEFT JOIN users u ON u.user_id = c.clerk_user_id'),
      byRegion: grouped(`CASE c.origin WHEN 'intake' THEN c.handling_region ELSE c.intake_region END`),
      concluded: totals.concluded,
      onTheSpot: rate(totals.on_the_spot, totals.concluded),
      sameDay: rate(totals.same_day, totals.concluded),
      onTime: rate(totals.on_time, totals.with_deadline ?? 0),
      onTimeProvisional: totals.provisional ?? 0,
      averageHandlingHours: totals.hours,
      evaluations: { ratings, total: totals.rated, bad: rate(totals.bad, totals.rated) },
      consultations,
    };
  }

  /** Marks bad ratings as followed up by a day close that commented on them. */
  followedUp(caseIds: readonly string[], day: string): void {
    const update = this.db.prepare('UPDATE cases SET evaluation_followed_up = ? WHERE case_id = ?');
    for (const caseId of caseIds) update.run(day, caseId);
  }
}
