// What a query typed into the case list names, as the rows that answer it: a
// whole case number (one case), the start of a case number (a range of the
// case_no index, newest number first), or blind-index tokens — an exact ID
// number or phone, or the start of a name — walked in case-id order. Digits
// can be both the start of a case number and an ID number or phone: the list
// then shows the token's matches first, then the numbers it begins.
import type { SQLInputValue } from 'node:sqlite';
import { caseNumberPrefix, parseCaseNumber } from '../../../shared/case/case-number.ts';
import { IDENTITY_KINDS, validateIdentityDocument } from '../../../shared/identity/validate.ts';
import { blindToken, NAME_PREFIX_CHARS, normaliseName, type SearchKind } from '../crypto/fields.ts';

/**
 * One part of a list: its tables, conditions and order (null: at most one row); `countFrom` counts it without
 * reading case rows where it can.
 */
export interface ListSource {
  from: string;
  where: string[];
  params: SQLInputValue[];
  order: string | null;
  countFrom: string;
}

// cases_by_day serves this order, filtered by day or not.
const BY_DAY = 'c.received_day DESC, c.received_at DESC, c.case_id DESC';

/** The whole list, filters only. */
export const ALL_CASES: ListSource = { from: 'cases c', where: [], params: [], order: BY_DAY, countFrom: 'cases c' };

/** The first string after every string that begins with `prefix` (case numbers are ASCII). */
function after(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function tokenSource(tokens: [SearchKind, string][]): ListSource {
  return {
    from: 'case_search s JOIN cases c ON c.case_id = s.case_id',
    where: [`(${tokens.map(() => '(s.kind = ? AND s.token = ?)').join(' OR ')})`],
    params: tokens.flat(),
    // UUIDv7: newest first too, and the walk stops at the page, so a common surname costs no more than a rare one.
    order: 's.case_id DESC',
    countFrom: 'case_search s',
  };
}

/** The sources whose rows, one after the other, answer a typed query. */
export function searchSources(blindIndexKey: Buffer, query: string): ListSource[] {
  const caseNo = parseCaseNumber(query);
  // case_no is unique: one row at most, nothing to sort.
  if (caseNo.ok) return [{ ...ALL_CASES, where: ['c.case_no = ?'], params: [caseNo.value], order: null }];
  // The normalised values to look up, by search kind: an 18-character ID number is also a valid passport and
  // USCC form with the same value, and one HMAC per distinct value is enough.
  const values = new Map<string, [SearchKind, string]>();
  // Each document kind normalises differently; any that accepts the text gives a token.
  for (const kind of IDENTITY_KINDS) {
    const result = validateIdentityDocument(kind, query);
    const searchKind: SearchKind = kind === 'mobile' ? 'phone' : 'id';
    if (result.ok && result.value) values.set(`${searchKind}\u0000${result.value}`, [searchKind, result.value]);
  }
  const prefix = caseNumberPrefix(query);
  if (prefix === null) {
    // Names are indexed up to NAME_PREFIX_CHARS characters; a longer query matches on that prefix.
    const namePrefix = Array.from(normaliseName(query)).slice(0, NAME_PREFIX_CHARS).join('');
    values.set(`name\u0000${namePrefix}`, ['name', namePrefix]);
  }
  const tokens = [...values.values()].map(([kind, value]): [SearchKind, string] => [
    kind,
    blindToken(blindIndexKey, kind, value),
  ]);
  const sources = tokens.length > 0 ? [tokenSource(tokens)] : [];
  if (prefix !== null) {
    sources.push({
      from: 'cases c',
      where: ['c.case_no >= ?', 'c.case_no < ?'],
      params: [prefix, after(prefix)],
      // The case_no index in reverse: a one-digit start costs no more than a whole day's.
      order: 'c.case_no DESC',
      countFrom: 'cases c',
    });
  }
  return sources;
}
