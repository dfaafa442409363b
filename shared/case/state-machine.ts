// The case state machine: one table, used by the device (what the UI offers),
// the backend (what it records) and the exchange server (what it accepts).
// Which role may fire which event is part of the table. The handling place's
// decisions are here as the acceptance workspace records them.
import type { Role } from '../auth/permissions.ts';
import type { CaseStatusCode, SubState } from './status.ts';

export interface Transition {
  readonly event: string;
  /** Statuses the event may follow; null: the case does not exist yet. */
  readonly from: readonly (CaseStatusCode | null)[];
  /** The status after it; 'same' leaves the status as it was. */
  readonly to: CaseStatusCode | 'same';
  readonly roles: readonly Role[];
  /** The transfer sub-state after it, where the event moves the case along its way. */
  readonly subState?: SubState;
}

const OPEN: readonly CaseStatusCode[] = [1, 3, 6, 7, 8, 9, 10];
const CONCLUDED: readonly CaseStatusCode[] = [11, 12, 13];
/** Where a handling officer may conclude or open a special procedure: accepted and not paused. */
const UNDER_REVIEW: readonly CaseStatusCode[] = [3, 8, 10];
const INTAKE_SIDE: readonly Role[] = ['intake_clerk', 'result_desk'];

export const TRANSITIONS = [
  { event: 'case.received', from: [null], to: 1, roles: ['intake_clerk'] },
  // 形式审查: the outcome of the formal check of materials, recorded with the intake.
  { event: 'case.materials_checked', from: [1], to: 'same', roles: ['intake_clerk'] },
  // 原件寄出: originals sent by mail where the matter needs them.
  { event: 'case.originals_dispatched', from: OPEN, to: 'same', roles: ['intake_clerk'] },
  // 签收: the handling place confirms the electronic materials, or the paper originals.
  {
    event: 'case.signed_for',
    from: OPEN,
    to: 'same',
    roles: ['handling_officer'],
    subState: 'materials_signed_for',
  },
  // 受理: the handling place takes the case on; the clock starts here.
  { event: 'case.accepted', from: [1, 7], to: 3, roles: ['handling_officer'] },
  // 不予受理: refused, in writing, with the reasons and the remedies open to the applicant.
  { event: 'case.not_accepted', from: [1, 7], to: 5, roles: ['handling_officer'] },
  // 补正: every item to correct in one notice (一次性告知), with a deadline.
  { event: 'case.correction_requested', from: [1], to: 6, roles: ['handling_officer'] },
  { event: 'case.correction_supplied', from: [6], to: 7, roles: ['intake_clerk'] },
  // 特别程序 (hearing, inspection, expert review): the clock pauses.
  { event: 'case.special_procedure_started', from: UNDER_REVIEW, to: 9, roles: ['handling_officer'] },
  { event: 'case.special_procedure_ended', from: [9], to: 10, roles: ['handling_officer'] },
  // 延期: the handling officer extends the statutory limit where the matter allows it, with the legal basis.
  { event: 'case.deadline_extended', from: [...UNDER_REVIEW, 9], to: 'same', roles: ['handling_officer'] },
  // 撤件: the applicant (or their agent) withdraws the application, at either place, while it is open.
  { event: 'case.withdrawn', from: OPEN, to: 2, roles: ['intake_clerk', 'handling_officer'] },
  // 办结: approved, approved with documents to follow (容缺), refused.
  { event: 'case.concluded_approved', from: UNDER_REVIEW, to: 11, roles: ['handling_officer'] },
  { event: 'case.concluded_approved_deferred', from: UNDER_REVIEW, to: 12, roles: ['handling_officer'] },
  { event: 'case.concluded_refused', from: UNDER_REVIEW, to: 13, roles: ['handling_officer'] },
  // 出件: the result by mail (to the applicant or to the intake window), or electronically.
  {
    event: 'case.result_mailed',
    from: CONCLUDED,
    to: 'same',
    roles: ['handling_officer'],
    subState: 'result_in_transit',
  },
  {
    event: 'case.result_delivered_electronically',
    from: CONCLUDED,
    to: 'same',
    roles: ['handling_officer'],
    subState: 'collected',
  },
  // 统一窗口出件: the result reaches the intake window and is collected there.
  {
    event: 'case.result_arrived',
    from: CONCLUDED,
    to: 'same',
    roles: INTAKE_SIDE,
    subState: 'awaiting_pickup',
  },
  { event: 'case.result_collected', from: CONCLUDED, to: 'same', roles: INTAKE_SIDE, subState: 'collected' },
  // 业务协同: notes between the two places, on any case.
  {
    event: 'case.note_added',
    from: [...OPEN, 2, 4, 5, ...CONCLUDED, 14, 15],
    to: 'same',
    roles: ['intake_clerk', 'result_desk', 'handling_officer', 'supervisor'],
  },
  // 好差评: the applicant's rating of a service encounter (一次一评): the intake just submitted, rated on the
  // applicant's own screen, or the outcome once there is one. A case keeps one rating.
  { event: 'case.evaluated', from: [1, 5, ...CONCLUDED], to: 'same', roles: INTAKE_SIDE },
  // 容缺补交: a deferred material brought in at the intake window, while the case is open or after it was concluded.
  { event: 'case.deferred_material_received', from: [...OPEN, ...CONCLUDED], to: 'same', roles: ['intake_clerk'] },
] as const satisfies readonly Transition[];

export type CaseEventType = (typeof TRANSITIONS)[number]['event'];

export type TransitionResult =
  | { ok: true; status: CaseStatusCode; subState?: SubState }
  | { ok: false; reason: 'unknown_event' | 'not_allowed_from_status' | 'role_not_allowed' };

export function applyTransition(
  current: CaseStatusCode | null,
  event: string,
  roles: readonly Role[],
): TransitionResult {
  const transition = (TRANSITIONS as readonly Transition[]).find((t) => t.event === event);
  if (!transition) return { ok: false, reason: 'unknown_event' };
  if (!transition.from.includes(current)) return { ok: false, reason: 'not_allowed_from_status' };
  if (!transition.roles.some((role) => roles.includes(role))) return { ok: false, reason: 'role_not_allowed' };
  const status = transition.to === 'same' ? current : transition.to;
  if (status === null) return { ok: false, reason: 'not_allowed_from_status' };
  return transition.subState ? { ok: true, status, subState: transition.subState } : { ok: true, status };
}
