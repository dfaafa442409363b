// The daily ledger (台账): every case with an event recorded here on the day —
// taken in, sent, signed for, decided, corrected, collected, noted — with that
// day's events, and the day's consultations. The screen, its exports and the
// end-of-day close all read it, so they show the same rows.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import { queueTimesOf } from '../../../shared/supervision/queue-times.ts';
import type { Ledger, LedgerFilter, LedgerRow } from '../../../shared/supervision/schemas.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { audit } from './audit.ts';
import type { CaseClocks } from './case-clock.ts';
import { readDocument } from './case-events.ts';
import { readConsultations } from './consultations.ts';
import { partnerOf, supervisedDeadline, SUPERVISED_CASE_COLUMNS, type SupervisedCase } from './supervision-cases.ts';

interface Activity {
  case_id: string;
  type: string;
  occurred_at: string;
  actor_user_id: string;
  actor_role: Role;
  display_name: string | null;
}

/** The ledger's readers: the case rows masked, or the person asking to see them whole. */
export type Unmasked = { userId: string; user: string } | null;

/**
 * The day's ledger, narrowed by the filter. Unmasked shows the applicant's
 * full name and ID: the caller has checked the permission; it is audited here.
 */
export function dailyLedger(
  db: DatabaseSync,
  keys: DeviceKeys,
  clocks: CaseClocks,
  filter: LedgerFilter,
  unmasked: Unmasked,
): Ledger {
  // The events the hash chain filed under the day, in the order recorded.
  const activities = db
    .prepare(
      `SELECT e.case_id, e.type, e.occurred_at, e.actor_user_id, e.actor_role, u.display_name
       FROM event_chain l JOIN case_events e ON e.event_id = l.event_id
       LEFT JOIN users u ON u.user_id = e.actor_user_id
       WHERE l.day = ? ORDER BY l.seq`,
    )
    .all(filter.day) as unknown as Activity[];
  const byCase = new Map<string, Activity[]>();
  for (const a of activities) byCase.set(a.case_id, [...(byCase.get(a.case_id) ?? []), a]);

  const cases = db
    .prepare(
      `SELECT ${SUPERVISED_CASE_COLUMNS} FROM cases c LEFT JOIN users u ON u.user_id = c.clerk_user_id
       WHERE c.case_id IN (SELECT value FROM json_each(?))
       ORDER BY c.received_at, c.case_id`,
    )
    .all(JSON.stringify([...byCase.keys()])) as unknown as SupervisedCase[];

  const clerks = new Map<string, string>();
  const regions = new Set<string>();
  const rows: LedgerRow[] = [];
  const markOf = clocks.marker();
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
    const person = unmasked ? readDocument(db, keys, c.case_id).received.applicant : null;
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
      mark: markOf(c),
      deadline: supervisedDeadline(c),
      deadlineProvisional: c.deadline_provisional === 1,
      evaluation: c.evaluation,
      activities: done.map((a) => ({
        type: a.type,
        at: a.occurred_at,
        actor: a.display_name,
        role: a.actor_role,
      })),
      ...queueTimesOf({
        queueTicket: c.queue_ticket,
        ticketTakenAt: c.ticket_taken_at,
        intakeStartedAt: c.intake_started_at,
        submittedAt: c.received_at,
      }),
      identitySource: c.identity_source,
    });
  }
  const consultations = readConsultations(db, keys, 'k.day = ?', [filter.day]);
  for (const k of consultations) clerks.set(k.userId, k.clerk);
  const at = new Date().toISOString();
  if (unmasked) {
    audit(db, {
      userId: unmasked.userId,
      action: 'ledger.unmasked',
      target: filter.day,
      detail: { cases: rows.length },
    });
  }
  return {
    day: filter.day,
    rows,
    // Consultations have no status or partner region: a filter on either leaves none.
    consultations: consultations.filter(
      (k) =>
        (!filter.clerkUserId || k.userId === filter.clerkUserId) &&
        (!filter.matterId || k.matterId === filter.matterId) &&
        filter.status === undefined &&
        !filter.regionCode,
    ),
    clerks: [...clerks].map(([userId, displayName]) => ({ userId, displayName })),
    regions: [...regions].sort(),
    closed: Boolean(db.prepare('SELECT 1 FROM day_closes WHERE day = ?').get(filter.day)),
    watermark: unmasked ? { user: unmasked.user, at } : null,
  };
}
