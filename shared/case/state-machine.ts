// The case state machine: one table, used by the device (what the UI offers),
// the backend (what it records) and the exchange server (what it accepts).
// Which role may fire which event is part of the table. The handling place's
// decisions are here as the acceptance workspace records them.
import type { Role } from '../auth/permissions.ts';
import type { CaseStatusCode } from './status.ts';

export interface Transition {
  readonly event: string;
  /** Statuses the event may follow; null: the case does not exist yet. */
  readonly from: readonly (CaseStatusCode | null)[];
  /** The status after it; 'same' leaves the status as it was. */
  readonly to: CaseStatusCode | 'same';
  readonly roles: readonly Role[];
}

export const TRANSITIONS = [
  { event: 'case.received', from: [null], to: 1, roles: ['intake_clerk'] },
  // 形式审查: the outcome of the formal check of materials, recorded with the intake.
  { event: 'case.materials_checked', from: [1], to: 'same', roles: ['intake_clerk'] },
  // 受理: the handling place takes the case on; its working-day clock starts here.
  { event: 'case.accepted', from: [1], to: 3, roles: ['handling_officer'] },
] as const satisfies readonly Transition[];

export type CaseEventType = (typeof TRANSITIONS)[number]['event'];

export type TransitionResult =
  | { ok: true; status: CaseStatusCode }
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
  return { ok: true, status };
}
