// One-time enrollment codes: made by an administrator with the CLI, typed on
// the device, redeemed once. Only their SHA-256 is stored.
import { randomInt } from 'node:crypto';
import type { Scope } from '../shared/sync/protocol.ts';
import { sha256Hex } from '../shared-node/hash.ts';
import type { ServerStore } from './storage/contract.ts';

export const CODE_VALID_MS = 7 * 24 * 3600_000;
// No 0/O, 1/I/L: a code is read aloud and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Case, spaces and dashes do not matter when a code is typed. */
export function codeHash(code: string): string {
  return sha256Hex(code.toUpperCase().replace(/[^A-Z0-9]/g, ''));
}

export async function issueEnrollmentCode(
  store: ServerStore,
  scope: Scope,
  now = new Date(),
): Promise<{ code: string; expiresAt: string }> {
  const groups = Array.from({ length: 5 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  const code = groups.join('-');
  const expiresAt = new Date(now.getTime() + CODE_VALID_MS).toISOString();
  await store.addEnrollmentCode({ codeHash: codeHash(code), scope, createdAt: now.toISOString(), expiresAt });
  return { code, expiresAt };
}
