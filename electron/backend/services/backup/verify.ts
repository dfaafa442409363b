// The checks a restored database passes before it is used: SQLite's own
// integrity check, the audit chain, and every day of the event chain — each
// link recomputed from the stored event, and a closed day against what its
// close sealed. The chains' own functions do the checking.
import type { DatabaseSync } from 'node:sqlite';
import { checkAuditChain } from '../audit.ts';
import { bindChainKeys, type ChainKeys } from '../chain-keys.ts';
import { checkDay, sealDay, type SealedDay } from '../event-chain.ts';

/**
 * Null when everything holds; otherwise what failed, for the refusal. The
 * chains are keyed from the backup's master key, bound to `db` here.
 */
export function verifyRestoredChains(db: DatabaseSync, keys: ChainKeys): string | null {
  bindChainKeys(db, keys);
  const integrity = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
  if (integrity.integrity_check !== 'ok') return 'database';
  if (!checkAuditChain(db).intact) return 'audit_log';
  const closes = new Map(
    (
      db.prepare('SELECT day, first_seq, last_seq, events, chain_hash FROM day_closes').all() as {
        day: string;
        first_seq: number | null;
        last_seq: number | null;
        events: number;
        chain_hash: string;
      }[]
    ).map((r): [string, SealedDay] => [
      r.day,
      { firstSeq: r.first_seq, lastSeq: r.last_seq, events: r.events, hash: r.chain_hash },
    ]),
  );
  const days = db.prepare('SELECT DISTINCT day FROM event_chain ORDER BY day').all() as { day: string }[];
  for (const { day } of days) {
    if (checkDay(db, day, closes.get(day) ?? sealDay(db, day)).length > 0) return 'event_chain';
  }
  // Every event must be a link: one that is not was slipped in past the chain.
  const unchained = db
    .prepare('SELECT 1 FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM event_chain l WHERE l.event_id = e.event_id)')
    .get();
  return unchained ? 'event_chain' : null;
}
