import type { Migration } from './types.ts';

// Events signed end to end. Each event carries the Ed25519 signature of the
// device that made it, over its content hash: made here for this device's own
// events (those recorded before this step are signed when they are pushed:
// the key is not at hand in a migration), kept as received for pulled ones,
// with the id of their origin device on the remote. Each remote's server key
// (from enrollment) vouches for the party devices' keys it lists, kept here;
// a pulled event that fails its check waits in a quarantine of its own,
// never applied, holding back the later events of its case.
export const migration0011: Migration = {
  version: 11,
  name: 'event-signatures',
  up(db) {
    db.exec(`
      ALTER TABLE case_events ADD COLUMN signature TEXT; -- Ed25519, base64
      ALTER TABLE case_events ADD COLUMN origin_device_id TEXT; -- pulled: the origin's id on its remote

      ALTER TABLE remotes ADD COLUMN server_key TEXT; -- Ed25519, SPKI DER base64

      CREATE TABLE party_device_keys (
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        device_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        scope TEXT NOT NULL, -- JSON, as the server listed it
        revoked INTEGER NOT NULL CHECK (revoked IN (0, 1)),
        listed_at TEXT NOT NULL,
        PRIMARY KEY (remote_id, device_id)
      ) STRICT;

      CREATE TABLE pulled_quarantine (
        event_id TEXT PRIMARY KEY,
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        case_id TEXT NOT NULL,
        type TEXT NOT NULL,
        server_seq INTEGER NOT NULL,
        reason TEXT NOT NULL,
        event_enc TEXT NOT NULL, -- the event as it came, encrypted with the fields key
        quarantined_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pulled_quarantine_by_case ON pulled_quarantine (case_id);
    `);
  },
};
