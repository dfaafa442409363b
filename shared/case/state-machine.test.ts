import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/permissions.ts';
import { EVENT_PAYLOADS } from './events.ts';
import { applyTransition, TRANSITIONS, type Transition } from './state-machine.ts';
import { CASE_STATUSES, type CaseStatusCode } from './status.ts';

const STATUSES: (CaseStatusCode | null)[] = [null, ...Object.keys(CASE_STATUSES).map(Number)] as never;
const TABLE = TRANSITIONS as readonly Transition[];

/** Plays events from no case, each by the first role the table allows; returns the status after. */
function play(events: string[]): CaseStatusCode | null {
  let status: CaseStatusCode | null = null;
  for (const event of events) {
    const role = TABLE.find((t) => t.event === event)!.roles[0]!;
    const step = applyTransition(status, event, [role]);
    if (!step.ok) throw new Error(`${event} from ${status}: ${step.reason}`);
    status = step.status;
  }
  return status;
}

describe('the case state machine', () => {
  it('has a payload schema for every event and an event for every schema', () => {
    expect(Object.keys(EVENT_PAYLOADS).sort()).toEqual(TABLE.map((t) => t.event).sort());
  });

  it('answers every event, from every status, for every role, as its row says', () => {
    for (const transition of TABLE) {
      for (const status of STATUSES) {
        for (const role of ROLES) {
          const result = applyTransition(status, transition.event, [role]);
          if (!transition.from.includes(status)) {
            expect(result, `${transition.event} from ${status}`).toEqual({
              ok: false,
              reason: 'not_allowed_from_status',
            });
          } else if (!transition.roles.includes(role)) {
            expect(result, `${transition.event} by ${role}`).toEqual({ ok: false, reason: 'role_not_allowed' });
          } else {
            expect(result).toMatchObject({ ok: true, status: transition.to === 'same' ? status : transition.to });
          }
        }
      }
    }
    expect(applyTransition(1, 'case.approved_by_magic', ['handling_officer'])).toEqual({
      ok: false,
      reason: 'unknown_event',
    });
  });

  it('keeps the intake window from deciding and the handling place from taking in', () => {
    const decisions = TABLE.filter((t) => t.roles.includes('handling_officer') && !t.roles.includes('intake_clerk'));
    expect(decisions.length).toBeGreaterThan(8);
    const intakeSide: Role[] = ['intake_clerk', 'result_desk'];
    for (const decision of decisions) {
      for (const from of decision.from) expect(applyTransition(from, decision.event, intakeSide).ok).toBe(false);
    }
    expect(applyTransition(null, 'case.received', ['handling_officer'])).toMatchObject({ reason: 'role_not_allowed' });
  });

  it('walks the correction loop, a special procedure, a conclusion and a pickup', () => {
    const path = [
      'case.received',
      'case.materials_checked',
      'case.signed_for',
      'case.correction_requested',
      'case.correction_supplied',
      'case.accepted',
      'case.special_procedure_started',
      'case.note_added',
      'case.special_procedure_ended',
      'case.concluded_approved',
      'case.result_mailed',
      'case.result_arrived',
      'case.result_collected',
      'case.evaluated',
    ];
    expect(play(path)).toBe(11);
    expect(play(path.slice(0, 4))).toBe(6);
    expect(play(path.slice(0, 5))).toBe(7);
    expect(play(path.slice(0, 7))).toBe(9);
  });

  it('asks for corrections once, before acceptance, and decides only what is open', () => {
    expect(applyTransition(3, 'case.correction_requested', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(7, 'case.correction_requested', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(6, 'case.accepted', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(9, 'case.concluded_approved', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(5, 'case.accepted', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(11, 'case.concluded_refused', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(3, 'case.evaluated', ['intake_clerk'])).toMatchObject({ ok: false });
    // The intake encounter is rated on the applicant's screen right after the submission.
    expect(applyTransition(1, 'case.evaluated', ['intake_clerk'])).toEqual({ ok: true, status: 1 });
  });

  it('moves the transfer sub-state where the row says', () => {
    expect(applyTransition(1, 'case.signed_for', ['handling_officer'])).toEqual({
      ok: true,
      status: 1,
      subState: 'materials_signed_for',
    });
    expect(applyTransition(11, 'case.result_arrived', ['result_desk'])).toMatchObject({ subState: 'awaiting_pickup' });
    expect(applyTransition(11, 'case.result_collected', ['result_desk'])).toMatchObject({ subState: 'collected' });
    expect(applyTransition(1, 'case.accepted', ['handling_officer'])).not.toHaveProperty('subState');
  });

  it('takes a withdrawal at either place while the case is open, never once it has ended', () => {
    for (const from of [1, 3, 6, 7, 8, 9, 10] as const) {
      expect(applyTransition(from, 'case.withdrawn', ['intake_clerk'])).toEqual({ ok: true, status: 2 });
      expect(applyTransition(from, 'case.withdrawn', ['handling_officer'])).toEqual({ ok: true, status: 2 });
    }
    for (const from of [2, 5, 11, 12, 13] as const) {
      expect(applyTransition(from, 'case.withdrawn', ['intake_clerk'])).toEqual({
        ok: false,
        reason: 'not_allowed_from_status',
      });
    }
    expect(applyTransition(1, 'case.withdrawn', ['result_desk'])).toEqual({ ok: false, reason: 'role_not_allowed' });
    expect(applyTransition(1, 'case.withdrawn', ['supervisor'])).toEqual({ ok: false, reason: 'role_not_allowed' });
    // Nothing is decided on a withdrawn case; a note still passes between the two places.
    expect(applyTransition(2, 'case.accepted', ['handling_officer'])).toMatchObject({ ok: false });
    expect(applyTransition(2, 'case.note_added', ['intake_clerk'])).toEqual({ ok: true, status: 2 });
  });
});
