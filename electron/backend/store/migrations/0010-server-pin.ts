import type { Migration } from './types.ts';

// A remote's server key, pinned at enrollment from the invitation: the
// fingerprint (SHA-256 of the key's SubjectPublicKeyInfo) every TLS
// connection is checked against, and the key itself (SPKI DER, base64) every
// answer's signature is checked with. A remote enrolled before has neither and
// syncs no more until it is added again with an invitation. The reason code of
// the last failure lets the Sync workspace say in words what went wrong.
export const migration0010: Migration = {
  version: 10,
  name: 'server-pin',
  up(db) {
    db.exec(`
      ALTER TABLE remotes ADD COLUMN server_key_fingerprint TEXT;
      ALTER TABLE remotes ADD COLUMN server_public_key TEXT;
      ALTER TABLE remotes ADD COLUMN last_error_reason TEXT;
    `);
  },
};
