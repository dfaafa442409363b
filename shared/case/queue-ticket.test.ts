import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice.ts';
import { normaliseQueueTicket, queueAndPrivacyProblems } from './queue-ticket.ts';

const NOW = new Date('2026-12-07T02:00:00.000Z');
const acknowledged = { privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: '2026-12-07T01:59:00Z' } };
const reasons = (submission: Parameters<typeof queueAndPrivacyProblems>[0]) =>
  queueAndPrivacyProblems(submission, NOW).map((p) => p.reason);

describe('queue tickets', () => {
  it('normalises what a reader or a clerk types: case, spaces and dashes', () => {
    expect(normaliseQueueTicket(' a-023 ')).toBe('A023');
    expect(normaliseQueueTicket('bk 0107')).toBe('BK0107');
  });

  it.each(['A023', 'a023', 'BK0107', 'VIP1', 'Z99999'])('takes %s', (number) => {
    expect(reasons({ ...acknowledged, queueTicket: { number } })).toEqual([]);
  });

  it.each(['023', '23A', 'ABCD1', 'A123456', 'A0#3', '', 'A', 'Ａ023'])('refuses %s', (number) => {
    expect(reasons({ ...acknowledged, queueTicket: { number } })).toEqual(['queue_ticket_invalid']);
  });

  it('refuses a ticket taken after the intake started, or later than now; a minute of clock skew is no error', () => {
    const ticket = (takenAt: string) => ({ number: 'A1', takenAt });
    expect(
      reasons({ ...acknowledged, queueTicket: ticket('2026-12-07T01:50:00Z'), startedAt: '2026-12-07T01:40:00Z' }),
    ).toEqual(['queue_ticket_taken_after_start']);
    expect(reasons({ ...acknowledged, queueTicket: ticket('2026-12-07T02:05:00Z') })).toEqual([
      'queue_ticket_taken_in_future',
    ]);
    // Instants compared, not their text: a time with another offset is read as the instant it is.
    expect(
      reasons({ ...acknowledged, queueTicket: ticket('2026-12-07T01:50:00Z'), startedAt: '2026-12-07T09:45:00+08:00' }),
    ).toEqual(['queue_ticket_taken_after_start']);
    expect(
      reasons({ ...acknowledged, queueTicket: ticket('2026-12-07T09:30:00+08:00'), startedAt: '2026-12-07T01:40:00Z' }),
    ).toEqual([]);
    expect(reasons({ ...acknowledged, startedAt: '2026-12-07T02:10:00Z' })).toEqual(['intake_started_in_future']);
  });
});

describe('the privacy notice acknowledgement', () => {
  it('is required, and of the current version', () => {
    expect(reasons({})).toEqual(['privacy_notice_not_acknowledged']);
    expect(reasons({ privacyNotice: { version: '2025.1', acknowledgedAt: '2026-12-07T01:59:00Z' } })).toEqual([
      'privacy_notice_outdated',
    ]);
    expect(reasons(acknowledged)).toEqual([]);
  });
});
