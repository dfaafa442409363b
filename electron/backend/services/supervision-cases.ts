// A case row as the supervisor's views read it (the ledger and the warnings
// list the same columns), and the day arithmetic they share.
import type { ClockState, Mark } from '../../../shared/case/clock.ts';
import { clockOutcome, showsDeadlines } from '../../../shared/case/outcome.ts';
import type { CaseStatusCode, SubState } from '../../../shared/case/status.ts';
import { nearestDeadline } from './case-clock.ts';

export interface SupervisedCase {
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
  queue_ticket: string | null;
  ticket_taken_at: string | null;
  intake_started_at: string | null;
  identity_source: 'chip' | 'typed' | null;
}

/** The columns of SupervisedCase, from `cases c LEFT JOIN users u ON u.user_id = c.clerk_user_id`. */
export const SUPERVISED_CASE_COLUMNS = `c.case_id, c.case_no, c.matter_id, c.status, c.sub_state, c.origin,
  c.received_at, c.received_day, c.clerk_user_id, u.display_name AS clerk, c.handling_region, c.intake_region,
  c.applicant_masked_name, c.applicant_masked_id, c.promised_deadline, c.statutory_deadline, c.acceptance_deadline,
  c.deadline_provisional, c.deadline_unit, c.clock_state, c.clock_mark, c.evaluation, c.sync_state,
  c.queue_ticket, c.ticket_taken_at, c.intake_started_at, c.identity_source`;

/** The other place of a case: where it is handled when taken in here, where it was taken in when it arrived. */
export const partnerOf = (c: { origin: string; handling_region: string; intake_region: string }): string =>
  c.origin === 'intake' ? c.handling_region : c.intake_region;

/** Whole calendar days from one local day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date a supervised case must meet: none once it ended without a conclusion (不予受理, withdrawn …). */
export function supervisedDeadline(c: SupervisedCase): string | null {
  const outcome = clockOutcome({
    status: c.status,
    concludedDay: null,
    promised: c.promised_deadline,
    statutory: c.statutory_deadline,
  });
  return showsDeadlines(outcome) ? (nearestDeadline(c) ?? null) : null;
}
