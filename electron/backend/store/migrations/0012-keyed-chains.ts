import type { Migration } from './types.ts';

// The audit log and the case-event chain become keyed: each link an HMAC
// under a key derived from the master key, which a migration cannot reach.
// So this step only records, per link, the rule it was made under (1: plain
// SHA-256, as until now; 2: HMAC-SHA-256 under the chain's key), and how far
// each chain's legacy links reach; the backend re-makes them under the key at
// its next start, once it has checked them (services/chain-rekey.ts), and
// seals that record. A close now also signs the audit log's head at the
// close, so entries cut from the end of the log show. Closed days are pushed
// to the exchange servers as anchors; anchor_pushes remembers which server
// has which day.
export const migration0012: Migration = {
  version: 12,
  name: 'keyed-chains',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN rule INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE event_chain ADD COLUMN rule INTEGER NOT NULL DEFAULT 1;

      CREATE TABLE chain_rules (
        rule INTEGER PRIMARY KEY,
        algorithm TEXT NOT NULL,
        key TEXT NOT NULL
      ) STRICT;
      INSERT INTO chain_rules (rule, algorithm, key) VALUES
        (1, 'sha256', 'none'),
        (2, 'hmac-sha256', 'hkdf-sha256(master key, tongban/audit-chain/v1 | tongban/event-chain/v1)');

      CREATE TABLE chain_rekey (
        chain TEXT PRIMARY KEY CHECK (chain IN ('audit', 'events')),
        through_seq INTEGER NOT NULL, -- the last legacy link
        rekeyed_at TEXT, -- null until the backend has dealt with the legacy links
        legacy_broken_at INTEGER, -- the first legacy link that did not follow; those links were kept as found
        mac TEXT -- HMAC under the audit-chain key over the above, once dealt with
      ) STRICT;
      INSERT INTO chain_rekey (chain, through_seq) SELECT 'audit', coalesce(max(seq), 0) FROM audit_log;
      INSERT INTO chain_rekey (chain, through_seq) SELECT 'events', coalesce(max(seq), 0) FROM event_chain;

      ALTER TABLE day_closes ADD COLUMN audit_seq INTEGER; -- the audit log's last entry before the close
      ALTER TABLE day_closes ADD COLUMN audit_hash TEXT; -- and its link

      CREATE TABLE anchor_pushes (
        remote_id TEXT NOT NULL REFERENCES remotes (remote_id),
        day TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'duplicate', 'refused')),
        reason TEXT,
        pushed_at TEXT NOT NULL,
        PRIMARY KEY (remote_id, day)
      ) STRICT;
    `);
  },
};
