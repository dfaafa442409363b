// What the public status page keeps of each accepted event, worked out from
// the event in the clear before its payload is sealed: the case number, the
// hash of the receipt's short code and where the result is collected when the
// case arrives; since when the status stands whenever an event moves it; the
// paper's stage where an event moves that.
import { z } from 'zod';
import type { CaseReceivedPayload } from '../shared/case/events.ts';
import type { CaseStatusCode, SubState } from '../shared/case/status.ts';
import { COLLECT_PLACES, type CollectPlace } from '../shared/sync/status-page.ts';
import type { WireEvent } from '../shared/sync/protocol.ts';
import type { StatusPageUpdate } from './storage/contract.ts';

const deliveryChoice = z.object({ delivery: z.object({ method: z.enum(COLLECT_PLACES) }).optional() });

/** The applicant's choice at intake where the payload records one; else the window that took the case in. */
export function collectPlaceOf(payload: unknown): CollectPlace {
  const parsed = deliveryChoice.safeParse(payload);
  return (parsed.success ? parsed.data.delivery?.method : undefined) ?? 'intake_window';
}

export function statusPageUpdate(
  event: WireEvent,
  before: CaseStatusCode | null,
  after: { status: CaseStatusCode; subState?: SubState },
  received: CaseReceivedPayload | null,
): StatusPageUpdate | undefined {
  const update: StatusPageUpdate = {
    ...(received
      ? {
          created: {
            caseNo: received.caseNo,
            codeHash: received.statusCodeHash ?? null,
            collect: collectPlaceOf(event.payload),
          },
        }
      : {}),
    ...(before !== after.status ? { statusAt: event.occurredAt } : {}),
    ...(after.subState ? { stage: after.subState } : {}),
  };
  return Object.keys(update).length > 0 ? update : undefined;
}
