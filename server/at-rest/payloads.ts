// How an event's payload is kept in the payload column at rest: sealed
// (`{"tongban:sealed": <key id>, "box": <base64 envelope>}`), or, once the
// retention job purged it, a marker (`{"tongban:purged": <when>}`) that a pull
// answers in the payload's place. Both start with a fixed prefix, so SQL can
// tell them from a payload kept in clear by a server before this one.
import type { Keyring } from './data-key.ts';
import { open, rewrap, seal, SealedRecordError } from './envelope.ts';

export const SEALED_KEY = 'tongban:sealed';
export const PURGED_KEY = 'tongban:purged';
/** LIKE patterns over the payload text as the stores keep it (JSON.stringify, keys in this order). */
export const SEALED_PREFIX = `{"${SEALED_KEY}":`;
export const PURGED_PREFIX = `{"${PURGED_KEY}":`;

export interface SealedPayload {
  [SEALED_KEY]: string;
  box: string;
}

export type PurgedPayload = Record<typeof PURGED_KEY, string>;

const recordId = (eventId: string): string => `event:${eventId}`;

export function sealPayload(keyring: Keyring, eventId: string, payload: unknown): SealedPayload {
  const box = seal(keyring, recordId(eventId), Buffer.from(JSON.stringify(payload)));
  return { [SEALED_KEY]: keyring.current.id, box: box.toString('base64') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSealedPayload(value: unknown): value is SealedPayload {
  return isObject(value) && typeof value[SEALED_KEY] === 'string' && typeof value.box === 'string';
}

export function isPurgedPayload(value: unknown): value is PurgedPayload {
  return isObject(value) && typeof value[PURGED_KEY] === 'string' && Object.keys(value).length === 1;
}

export function purgedPayload(at: string): PurgedPayload {
  return { [PURGED_KEY]: at };
}

/**
 * The payload as it was pushed. A purged marker stays a marker; a payload
 * still in clear (kept before sealing began, until the start-up job seals it)
 * passes as it is. SealedRecordError when the sealed payload does not open.
 */
export function openPayload(keyring: Keyring, eventId: string, stored: unknown): unknown {
  if (!isSealedPayload(stored)) return stored;
  const plain = open(keyring, recordId(eventId), Buffer.from(stored.box, 'base64'));
  try {
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    throw new SealedRecordError('malformed');
  }
}

/** The same sealed payload with its data key wrapped by the keyring's current key. */
export function rewrapPayload(keyring: Keyring, eventId: string, stored: SealedPayload): SealedPayload {
  const box = rewrap(keyring, recordId(eventId), Buffer.from(stored.box, 'base64'));
  return { [SEALED_KEY]: keyring.current.id, box: box.toString('base64') };
}
