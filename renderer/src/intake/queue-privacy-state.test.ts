import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../../shared/case/privacy-notice.ts';
import {
  queuePrivacySubmission,
  ticketTakenAt,
  withPrivacyToggled,
  withStarted,
  type QueuePrivacyState,
} from './queue-privacy-state.ts';

const blank: QueuePrivacyState = {};

describe("the wizard's queue ticket and privacy acknowledgement", () => {
  const today = new Date(2026, 11, 7, 14, 30);

  it('reads the time printed on the ticket as today, local time; empty is none, anything else is wrong', () => {
    expect(ticketTakenAt('9:05', today)).toBe(new Date(2026, 11, 7, 9, 5).toISOString());
    expect(ticketTakenAt(' 00:00 ', today)).toBe(new Date(2026, 11, 7, 0, 0).toISOString());
    expect(ticketTakenAt('', today)).toBeNull();
    expect(ticketTakenAt(undefined, today)).toBeNull();
    for (const bad of ['24:00', '9.05', '905', '12:60', 'noon']) expect(ticketTakenAt(bad, today)).toBeUndefined();
  });

  it('starts once, and toggles the acknowledgement', () => {
    const started = withStarted(blank);
    expect(started.startedAt).toEqual(expect.any(String));
    expect(withStarted({ startedAt: '2026-12-07T01:00:00.000Z' }).startedAt).toBe('2026-12-07T01:00:00.000Z');
    const acknowledged = withPrivacyToggled(blank);
    expect(acknowledged.privacyAcknowledgedAt).toEqual(expect.any(String));
    expect(withPrivacyToggled(acknowledged).privacyAcknowledgedAt).toBeNull();
  });

  it('submits the ticket with its time, the start and the notice of this version; nothing not given', () => {
    expect(queuePrivacySubmission({})).toEqual({});
    expect(
      queuePrivacySubmission({
        queueTicket: ' A023 ',
        ticketTime: '',
        startedAt: '2026-12-07T01:00:00.000Z',
        privacyAcknowledgedAt: '2026-12-07T01:05:00.000Z',
      }),
    ).toEqual({
      queueTicket: { number: 'A023' },
      startedAt: '2026-12-07T01:00:00.000Z',
      privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: '2026-12-07T01:05:00.000Z' },
    });
  });
});
