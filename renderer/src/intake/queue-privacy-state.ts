// The wizard's queue ticket and privacy acknowledgement (QueuePrivacyBar.tsx),
// and what of them goes into the submission: the ticket and the time printed
// on it, when the intake started, and the notice acknowledged.
import type { IntakeSubmission } from '../../../shared/case/intake.ts';
import { PRIVACY_NOTICE_VERSION } from '../../../shared/case/privacy-notice.ts';

export interface QueuePrivacyState {
  /** 排队号 as typed or scanned; absent in drafts saved before it was asked. */
  queueTicket?: string;
  /** The time printed on the ticket, hh:mm, today. */
  ticketTime?: string;
  /** When the clerk started this applicant: the ticket entered or the matter chosen, whichever came first. */
  startedAt?: string | null;
  /** When the applicant acknowledged the privacy notice (Alt+P); null: not yet. */
  privacyAcknowledgedAt?: string | null;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The ticket time as an instant today, or null when it is empty; undefined when it is not hh:mm. */
export function ticketTakenAt(time: string | undefined, today = new Date()): string | null | undefined {
  const value = (time ?? '').trim();
  if (value === '') return null;
  const match = TIME.exec(value);
  if (!match) return undefined;
  const at = new Date(today);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  return at.toISOString();
}

/** The start, once: the first of the ticket entered and the matter chosen. */
export function withStarted<S extends QueuePrivacyState>(state: S): S {
  return state.startedAt ? state : { ...state, startedAt: new Date().toISOString() };
}

/** The acknowledgement recorded now, or taken back. */
export function withPrivacyToggled<S extends QueuePrivacyState>(state: S): S {
  return { ...state, privacyAcknowledgedAt: state.privacyAcknowledgedAt ? null : new Date().toISOString() };
}

export function queuePrivacySubmission(
  state: QueuePrivacyState,
): Pick<IntakeSubmission, 'queueTicket' | 'startedAt' | 'privacyNotice'> {
  const ticket = (state.queueTicket ?? '').trim();
  const takenAt = ticketTakenAt(state.ticketTime);
  return {
    ...(ticket ? { queueTicket: { number: ticket, ...(takenAt ? { takenAt } : {}) } } : {}),
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
    ...(state.privacyAcknowledgedAt
      ? { privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: state.privacyAcknowledgedAt } }
      : {}),
  };
}
