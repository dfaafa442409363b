// Masking by default (PIPL art. 28/51, DOMAIN "Personal information"): the
// full value is shown only through a permission-checked, audited action, never
// by these functions.
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

/** 18 characters (ID numbers, USCC) keep the first 6 and the last 4 (DOMAIN: `110102********232X`). */
export function maskIdNumber(v: string): string {
  const chars = [...v];
  return chars.length === 18 ? keep(chars, 6, 4) : keepShort(chars);
}

export function maskPhone(v: string): string {
  const chars = [...v];
  return chars.length === 11 ? keep(chars, 3, 4) : keepShort(chars);
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
