// A form stays open while sync brings the case's news from the other place.
// What arrived since it opened is named before it sends: the first submit
// after a change only confirms that the officer or clerk has seen it, the next
// one sends (the backend still refuses what the state machine no longer allows).
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';

type Entry = Pick<CaseDetail['timeline'][number], 'eventId' | 'type'>;

/** The events of `timeline` that were not there when the form opened on `seen`. */
export function eventsSince(seen: ReadonlySet<string>, timeline: readonly Entry[]): Entry[] {
  return timeline.filter((entry) => !seen.has(entry.eventId));
}

/** Whether a submit must stop to confirm: something changed that was not confirmed yet. */
export function mustConfirm(changes: readonly Entry[], confirmed: ReadonlySet<string>): boolean {
  return changes.some((entry) => !confirmed.has(entry.eventId));
}

/** The changes' event types once each, in the order they first arrived. */
export function changedTypes(changes: readonly Entry[]): string[] {
  return [...new Set(changes.map((entry) => entry.type))];
}
