// Masking by default (PIPL art. 28/51): the full value is shown only through a
// permission-checked, audited action, never by these functions.
import type { SensitiveKind } from '../catalog/schema.ts';
import { phonePlan } from './phone.ts';
import type { IdentityKind } from './validate.ts';

function keep(chars: readonly string[], head: number, tail: number): string {
  return (
    chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('')
  );
}

/** For anything but the 18-character layout: reveal at most half, the tail never more than 4. */
function keepShort(chars: readonly string[]): string {
  const tail = Math.min(4, Math.floor(chars.length / 4));
  const head = Math.min(3, Math.floor(chars.length / 2) - tail);
  return keep(chars, head, tail);
}

/** 18 characters (ID numbers, USCC) keep the first 6 and the last 4 (`110102********232X`). */
export function maskIdNumber(v: string): string {
  const chars = [...v];
  return chars.length === 18 ? keep(chars, 6, 4) : keepShort(chars);
}

/** A subscriber number shows at most its last 4 digits and never more than half, as 138****8000 does. */
function maskSubscriber(digits: string): string {
  const tail = Math.min(4, Math.floor(digits.length / 2));
  return keep([...digits], 0, tail);
}

/**
 * The codes (carrier prefix, area code, country code) stay readable, the
 * subscriber number is masked and an extension wholly starred; see phone.ts
 * for the canonical forms.
 */
export function maskPhone(v: string): string {
  switch (phonePlan(v)) {
    case 'mainland_mobile':
      return v.slice(0, 3) + maskSubscriber(v.slice(3));
    case 'mainland_landline': {
      const [area, local, extension] = v.split('-') as [string, string, string?];
      return `${area}-${maskSubscriber(local)}${extension ? `-${'*'.repeat(extension.length)}` : ''}`;
    }
    case 'hong_kong':
    case 'macao':
    case 'taiwan':
    case 'international': {
      const [code, national] = v.split(' ') as [string, string];
      return `${code} ${maskSubscriber(national)}`;
    }
    case null:
      return keepShort([...v]);
  }
}

/** Keeps the first character, unless that is all there is. */
function initialOnly(text: string): string {
  const chars = [...text];
  return keep(chars, chars.length > 1 ? 1 : 0, 0);
}

/** Han names keep only their first character; Latin names keep each word's initial. */
export function maskName(v: string): string {
  const name = v.trim();
  if (/\p{Script=Han}/u.test(name)) return initialOnly(name);
  return name
    .split(/\s+/)
    .map((word) => word.split('-').map(initialOnly).join('-'))
    .join(' ');
}

export function maskIdentity(kind: IdentityKind, value: string): string {
  return kind === 'mobile' ? maskPhone(value) : maskIdNumber(value);
}

/**
 * A card or account number keeps its issuer's first 6 and its last 4 where
 * at least 6 stay hidden (16 to 19 digits, as JR/T 0171 displays a card),
 * and no more than a short value would show otherwise; spaces typed between
 * groups do not count.
 */
export function maskBankAccount(v: string): string {
  const chars = [...v.replace(/\s+/g, '')];
  return chars.length >= 16 ? keep(chars, 6, 4) : keepShort(chars);
}

/** The one mask of a catalog field marked sensitive, whatever kind it is; a number is masked as its digits. */
export function maskSensitive(kind: SensitiveKind, value: string | number): string {
  const text = String(value).trim();
  switch (kind) {
    case 'bank_account':
      return maskBankAccount(text);
    case 'document_number':
      return maskIdNumber(text);
    case 'phone':
      return maskPhone(text);
  }
}
