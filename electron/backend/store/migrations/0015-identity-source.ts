import type { Migration } from './types.ts';

// Where the applicant's identity came from, for the ledger to show without
// opening each case: 'chip' (read from the ID card at the window) or 'typed'.
// Cases from before readers have none; the case document keeps the rest
// (card type, validity, the photo comparison).
export const migration0015: Migration = {
  version: 15,
  name: 'identity-source',
  up(db) {
    db.exec(`ALTER TABLE cases ADD COLUMN identity_source TEXT CHECK (identity_source IN ('chip', 'typed'));`);
  },
};
