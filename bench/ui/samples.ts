// What the benchmark types: for random cases of the generated hall, their case
// number (from a receipt: half as printed, with hyphens, half without), their
// applicant's ID number (from the card) and the start of their name (the
// surname, or surname and given name), read back through the real decryption;
// each search key by key, and the box cleared (Ctrl+A, Backspace) after it.
import { CaseClocks } from '../../electron/backend/services/case-clock.ts';
import { CaseQueries } from '../../electron/backend/services/cases.ts';
import { mulberry32 } from '../generate/people.ts';
import type { OpenedDatabase } from '../store/data-dir.ts';

export const SEARCH_KINDS = ['caseno', 'id', 'name', 'clear'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One key: what it types (or 'Backspace' after selecting all), the box's text after it, the search it belongs to. */
export interface Keystroke {
  kind: SearchKind;
  key: string;
  text: string;
  search: number;
}

/** A search per kind and case, mixed: case number, ID number and name in turn, the box cleared after each. */
export function plan(opened: OpenedDatabase, searchesPerKind: number, seed: number): Keystroke[] {
  const { db, keys, catalog } = opened;
  const cases = new CaseQueries(db, keys, catalog, new CaseClocks(db, keys, catalog));
  const rand = mulberry32(seed + 7);
  const maxRowid = (db.prepare('SELECT max(rowid) AS n FROM cases').get() as { n: number }).n;
  const byRowid = db.prepare('SELECT case_id, case_no FROM cases WHERE rowid = ?');
  const keystrokes: Keystroke[] = [];
  let search = 0;
  const type = (kind: SearchKind, text: string): void => {
    const chars = Array.from(text);
    chars.forEach((key, i) => keystrokes.push({ kind, key, text: chars.slice(0, i + 1).join(''), search }));
    keystrokes.push({ kind: 'clear', key: 'Backspace', text: '', search });
    search++;
  };
  for (let i = 0; i < searchesPerKind; i++) {
    const row = byRowid.get(1 + Math.floor(rand() * maxRowid)) as { case_id: string; case_no: string };
    const { applicant } = cases.document(row.case_id).received;
    type('caseno', i % 2 === 0 ? row.case_no : row.case_no.replaceAll('-', ''));
    type('id', applicant.idNumber);
    type(
      'name',
      Array.from(applicant.name)
        .slice(0, 1 + (i % 2))
        .join(''),
    );
  }
  return keystrokes;
}
