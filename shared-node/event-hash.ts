// The content hash of a case event: the one function the device computes when
// it records an event and the exchange server checks when it is pushed. It is
// taken over exactly the event's own fields in canonical JSON, so neither the
// fields that travel beside them (contentHash, blobs, serverSeq, receivedAt)
// nor key order nor the way a store keeps the payload can change it.
import { canonicalJson, type CaseEvent } from '../shared/case/events.ts';
import { sha256Hex } from './hash.ts';

/** The fields an event's content hash covers. */
export type HashedEvent = Pick<
  CaseEvent,
  'eventId' | 'caseId' | 'type' | 'payload' | 'actor' | 'deviceId' | 'occurredAt'
>;

export function contentHash(event: HashedEvent): string {
  const { eventId, caseId, type, payload, actor, deviceId, occurredAt } = event;
  return sha256Hex(canonicalJson({ eventId, caseId, type, payload, actor, deviceId, occurredAt }));
}
