// What the server checks of a pushed event. `inspectEvent` runs
// before the store is touched: envelope, payload, content hash and the
// pushing device's signature over it. `judge`
// runs inside the store's append transaction: the device's scope, the SAME
// state-machine table the device uses, and the blobs.
import {
  caseReceivedPayload,
  EVENT_PAYLOADS,
  type CaseReceivedPayload,
  type EventType,
} from '../shared/case/events.ts';
import { applyTransition } from '../shared/case/state-machine.ts';
import { contentHash } from '../shared-node/event-hash.ts';
import { eventSignatureValid } from '../shared-node/event-signature.ts';
import { SCOPE_ROLES, wireEventSchema, type PushResult, type WireEvent } from '../shared/sync/protocol.ts';
import type { KeyObject } from 'node:crypto';
import type { AppendContext, DeviceRecord, Verdict } from './storage/contract.ts';
import { statusPageUpdate } from './status-index.ts';

/**
 * canonicalJson(a) === canonicalJson(b), without building either string: the
 * check that a payload is already in its schema's form runs on every pushed
 * event, and the two strings of a case.received payload were a large share of
 * a push's cost.
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const objectA = a !== null && typeof a === 'object';
  const objectB = b !== null && typeof b === 'object';
  if (!objectA || !objectB) {
    return !objectA && !objectB && (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameCanonicalJson(item, b[i]));
  }
  // Keys whose value is undefined are left out, as canonicalJson leaves them out.
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  let keysA = 0;
  for (const key of Object.keys(recordA)) {
    const value = recordA[key];
    if (value === undefined) continue;
    keysA += 1;
    if (!Object.hasOwn(recordB, key) || !sameCanonicalJson(value, recordB[key])) return false;
  }
  let keysB = 0;
  for (const key of Object.keys(recordB)) if (recordB[key] !== undefined) keysB += 1;
  return keysA === keysB;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Every blob hash a payload names (a `sha256` field anywhere), so none can be referenced unheld. */
export function referencedBlobs(payload: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(payload)) for (const item of payload) referencedBlobs(item, found);
  else if (payload !== null && typeof payload === 'object') {
    for (const key of Object.keys(payload)) {
      const value = (payload as Record<string, unknown>)[key];
      if (key === 'sha256' && typeof value === 'string' && SHA256.test(value)) found.add(value);
      else referencedBlobs(value, found);
    }
  }
  return found;
}

/** Where the data was wrong, never what it was: a detail may reach logs and screens. */
function issuesDetail(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`)
    .join('; ')
    .slice(0, 500);
}

export type Inspection =
  { ok: true; event: WireEvent; blobs: string[]; signature: string } | { ok: false; result: PushResult };

/** `deviceKey`: the pushing device's registered key; the event must be signed with it, and so made on that device. */
export function inspectEvent(raw: unknown, deviceKey: KeyObject | null): Inspection {
  const record = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const eventId = typeof record.eventId === 'string' ? record.eventId.slice(0, 100) : '';
  const refuse = (
    reason: 'invalid_payload' | 'unknown_event' | 'bad_hash' | 'bad_signature',
    detail: string,
  ): Inspection => ({
    ok: false,
    result: { eventId, status: 'refused', reason, detail },
  });

  if (typeof record.type === 'string' && !Object.hasOwn(EVENT_PAYLOADS, record.type)) {
    return refuse('unknown_event', 'This server does not know the event type.');
  }
  const envelope = wireEventSchema.safeParse(raw);
  if (!envelope.success) return refuse('invalid_payload', issuesDetail(envelope.error.issues));
  const event = envelope.data;
  const payload = EVENT_PAYLOADS[event.type as EventType].safeParse(event.payload);
  if (!payload.success) {
    return refuse(
      'invalid_payload',
      issuesDetail(payload.error.issues.map((i) => ({ ...i, path: ['payload', ...i.path] }))),
    );
  }
  // What is stored must be exactly what the schema describes: no extra keys, nothing the schema would change.
  if (!sameCanonicalJson(payload.data, event.payload)) {
    return refuse('invalid_payload', 'payload: not in the form its schema gives (extra or untrimmed fields)');
  }
  if (contentHash(event) !== event.contentHash) return refuse('bad_hash', 'The content hash does not match the event.');
  const { signature } = record;
  if (typeof signature !== 'string') return refuse('bad_signature', 'The event is not signed.');
  if (!deviceKey || !eventSignatureValid(deviceKey, event.contentHash, signature)) {
    return refuse('bad_signature', "The signature is not this device's over the content hash.");
  }
  const blobs = referencedBlobs(event.payload);
  for (const sha256 of event.blobs) blobs.add(sha256);
  return { ok: true, event, blobs: [...blobs], signature };
}

type Apply = typeof applyTransition;

/**
 * The event's verdict against the case as it stands. `apply` is the shared
 * table's applyTransition; tests pass a table with competing decisions.
 */
export function judge(
  event: WireEvent,
  device: DeviceRecord,
  serverRegion: string,
  context: AppendContext,
  apply: Apply = applyTransition,
): Verdict {
  const { case: current, history } = context;
  const scope = device.scope;
  let newCase: { intakeRegion: string; handlingRegion: string; matterId: string } | undefined;
  let received: CaseReceivedPayload | null = null;

  if (current) {
    const party =
      scope.kind === 'intake'
        ? current.originDeviceId === device.deviceId
        : current.handlingRegion === serverRegion &&
          (scope.matterIds.length === 0 || scope.matterIds.includes(current.matterId));
    if (!party) return { ok: false, reason: 'out_of_scope', detail: 'This device is not party to the case.' };
  } else if (event.type === 'case.received') {
    received = caseReceivedPayload.parse(event.payload);
    if (scope.kind !== 'intake') {
      return { ok: false, reason: 'out_of_scope', detail: 'Only an intake window creates cases.' };
    }
    if (received.intakeRegion !== scope.regionCode || received.handlingRegion !== serverRegion) {
      return {
        ok: false,
        reason: 'out_of_scope',
        detail: `A case taken in at ${scope.regionCode} and handled at ${serverRegion} belongs here.`,
      };
    }
    newCase = {
      intakeRegion: received.intakeRegion,
      handlingRegion: received.handlingRegion,
      matterId: received.matterId,
    };
  }

  if (!SCOPE_ROLES[scope.kind].includes(event.actor.role)) {
    return {
      ok: false,
      reason: 'role_not_allowed',
      detail: `An ${scope.kind} device does not record events of the role ${event.actor.role}.`,
    };
  }
  const roles = [event.actor.role];
  const step = apply(current?.status ?? null, event.type, roles);
  if (!step.ok) {
    if (step.reason === 'not_allowed_from_status' && current) {
      // Allowed from a status the case has left? Then a decision that came first moved it on: name it.
      for (let i = history.length - 1; i > 0; i -= 1) {
        const before = history[i - 1]!.statusAfter;
        if (history[i]!.statusAfter !== before && apply(before, event.type, roles).ok) {
          const winner = history[i]!;
          return {
            ok: false,
            reason: 'superseded',
            detail: `${winner.type} came first.`,
            winner: { eventId: winner.eventId, type: winner.type },
          };
        }
      }
    }
    const detail = {
      role_not_allowed: `The role ${event.actor.role} may not record ${event.type}.`,
      not_allowed_from_status: `${event.type} is not allowed from status ${current?.status ?? '(no case)'}.`,
      unknown_event: `The state machine has no ${event.type}.`,
    }[step.reason];
    return { ok: false, reason: step.reason, detail };
  }
  if (context.missingBlobs.length > 0) {
    const listed = context.missingBlobs.slice(0, 6).join(', ');
    return { ok: false, reason: 'blob_missing', detail: `Not on the server: ${listed}`.slice(0, 500) };
  }
  const statusPage = statusPageUpdate(event, current?.status ?? null, step, received);
  return { ok: true, statusAfter: step.status, ...(newCase ? { newCase } : {}), ...(statusPage ? { statusPage } : {}) };
}
