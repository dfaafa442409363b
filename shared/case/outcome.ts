// How a case's clock ended, or that it still runs: the one rule the case
// screen, the lists, the ledger and the statistics all read. Only a real
// conclusion (办结) is on time or late. A case that ends any other way — not
// accepted (不予受理), withdrawn (撤件 / 撤回), not competent (不受理), revoked
// (撤销) — ends as what it is: it made no promise it could keep or break, so
// no promised date is shown for it and it never counts as concluded.
import type { CaseStatusCode } from './status.ts';

/** Ends that are not a conclusion, named as the status that made them. */
export const ENDS_WITHOUT_CONCLUSION = {
  2: 'withdrawn',
  4: 'not_competent',
  5: 'not_accepted',
  14: 'recalled',
  15: 'revoked',
} as const satisfies Partial<Record<CaseStatusCode, string>>;
export type EndWithoutConclusion = (typeof ENDS_WITHOUT_CONCLUSION)[keyof typeof ENDS_WITHOUT_CONCLUSION];

/** 办结: approved, approved with documents to follow (容缺), refused after review. */
export const CONCLUDED_STATUSES: readonly CaseStatusCode[] = [11, 12, 13];

/**
 * open: the clock has not ended. on_time / late: concluded on or before the
 * deadline, or after it; concluded: concluded with no deadline to be judged
 * against (or the day unknown). Otherwise the end that was not a conclusion.
 */
export type ClockOutcome = 'open' | 'on_time' | 'late' | 'concluded' | EndWithoutConclusion;

export interface OutcomeInput {
  status: CaseStatusCode;
  /** The local day (YYYY-MM-DD) the case was first concluded; null when it was not, or is not known. */
  concludedDay: string | null;
  /** The deadlines as the clock left them when it stopped. */
  promised: string | null;
  statutory: string | null;
}

export function clockOutcome({ status, concludedDay, promised, statutory }: OutcomeInput): ClockOutcome {
  const end = (ENDS_WITHOUT_CONCLUSION as Partial<Record<CaseStatusCode, EndWithoutConclusion>>)[status];
  if (end) return end;
  if (!CONCLUDED_STATUSES.includes(status)) return 'open';
  // The promise made to the applicant (承诺时限) is what a window is judged by; the law's limit where none was made.
  const deadline = promised ?? statutory;
  if (deadline === null || concludedDay === null) return 'concluded';
  return concludedDay <= deadline ? 'on_time' : 'late';
}

export const isConclusion = (outcome: ClockOutcome): boolean =>
  outcome === 'on_time' || outcome === 'late' || outcome === 'concluded';

export const endsWithoutConclusion = (outcome: ClockOutcome): outcome is EndWithoutConclusion =>
  outcome !== 'open' && !isConclusion(outcome);

/** Whether the case's promised and statutory dates still mean something to show. */
export const showsDeadlines = (outcome: ClockOutcome): boolean => !endsWithoutConclusion(outcome);
