// The short code printed on a receipt beside the case number: together they
// open the case's status page on the handling region's exchange server. Made
// on the device at intake; only its hash, salted with the case number, travels
// in case.received, so neither the server nor a copy of an event holds the code.
import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or typed from paper is not mistaken. */
export const STATUS_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const STATUS_CODE_LENGTH = 8;

/** 8 of 31 symbols, about 40 bits: with wrong guesses rate-limited per client, not guessable. */
export function makeStatusCode(): string {
  let code = '';
  for (let i = 0; i < STATUS_CODE_LENGTH; i += 1) code += STATUS_CODE_ALPHABET[randomInt(STATUS_CODE_ALPHABET.length)];
  return code;
}

/** As typed from paper: case and spaces or hyphens do not matter; null when it cannot be a code. */
export function normaliseStatusCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  const symbols = new Set(STATUS_CODE_ALPHABET);
  return code.length === STATUS_CODE_LENGTH && [...code].every((c) => symbols.has(c)) ? code : null;
}

/** The hash case.received carries: SHA-256 over the case number and the code, lowercase hex. */
export function statusCodeHash(caseNo: string, code: string): string {
  return createHash('sha256').update(`tongban-status-v1\n${caseNo}\n${code}`).digest('hex');
}
