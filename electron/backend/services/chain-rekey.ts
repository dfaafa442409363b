// Once, at the first start after migration 0012: the chains made under the
// legacy rule (plain SHA-256) are checked as they were made and, when they
// hold, re-made under the device's chain keys; every day close whose signature
// and chain hash hold is re-signed over the new hash. A legacy chain that is
// already broken is kept as found, so the break stays visible where it is.
// Either way the outcome is sealed with an HMAC (chain-legacy.ts), so the
// file alone cannot turn keyed links back into legacy ones.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { audit, AUDIT_ORIGIN, auditLink, keyedAuditLink, type AuditRow } from './audit.ts';
import { chainKeysOf, LINK_RULES } from './chain-keys.ts';
import { legacyRecord, legacyRecordMac, type ChainName } from './chain-legacy.ts';
import { closeSignatureHolds, signClose, type CloseRecord } from './day-close-signature.ts';
import { CHAIN_ORIGIN, CHAINED_COLUMNS, chainLink, keyedChainLink, type ChainedEvent } from './event-chain.ts';
import { transaction } from './transaction.ts';

export interface RekeyOutcome {
  links: number;
  /** The first legacy link that did not follow; null when the chain held and was re-made. */
  brokenAt: number | null;
}

type Link<R> = R & { seq: number; hash: string; rule: number };

/**
 * Walks a chain checking each link under its rule (legacy up to `through`,
 * keyed after), and gives the links re-made under the key, or where it broke.
 */
function remake<R>(
  rows: Iterable<Link<R>>,
  through: number,
  origin: string,
  legacy: (previous: string, row: R) => string,
  keyed: (previous: string, row: R) => string,
  whole: (row: Link<R>) => boolean,
): { brokenAt: number | null; remade: { seq: number; old: string; hash: string }[] } {
  let previous = origin;
  let remadePrevious = origin;
  // Both chains number their links from 1 without gaps: a gap is a removed link.
  let expectedSeq = 1;
  const remade: { seq: number; old: string; hash: string }[] = [];
  for (const row of rows) {
    const rule = row.seq <= through ? LINK_RULES.legacy : LINK_RULES.keyed;
    const made = rule === LINK_RULES.legacy ? legacy(previous, row) : keyed(previous, row);
    if (row.seq !== expectedSeq || !whole(row) || row.rule !== rule || made !== row.hash)
      return { brokenAt: row.seq, remade: [] };
    remadePrevious = keyed(remadePrevious, row);
    remade.push({ seq: row.seq, old: row.hash, hash: remadePrevious });
    previous = row.hash;
    expectedSeq = row.seq + 1;
  }
  return { brokenAt: null, remade };
}

function rekeyAudit(db: DatabaseSync, through: number): RekeyOutcome {
  const key = chainKeysOf(db).auditChain;
  const rows = db
    .prepare('SELECT seq, at, user_id, action, target, detail, hash, rule FROM audit_log ORDER BY seq')
    .iterate() as Iterable<Link<AuditRow>>;
  const { brokenAt, remade } = remake(
    rows,
    through,
    AUDIT_ORIGIN,
    auditLink,
    (previous, row) => keyedAuditLink(key, previous, row),
    () => true,
  );
  if (brokenAt !== null) return { links: through, brokenAt };
  const issued = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as
    { seq: number } | undefined;
  // Entries removed from the end leave the counter ahead of the last one.
  if ((issued?.seq ?? 0) > remade.length) return { links: through, brokenAt: remade.length + 1 };
  const update = db.prepare(`UPDATE audit_log SET hash = ?, rule = ${LINK_RULES.keyed} WHERE seq = ?`);
  for (const link of remade) update.run(link.hash, link.seq);
  return { links: remade.length, brokenAt: null };
}

function rekeyEvents(db: DatabaseSync, through: number, privateKey: KeyObject): RekeyOutcome & { closes: number } {
  const key = chainKeysOf(db).eventChain;
  const columns = CHAINED_COLUMNS.split(', ')
    .map((c) => `e.${c}`)
    .join(', ');
  const rows = db
    .prepare(
      `SELECT l.seq, l.hash, l.rule, ${columns} FROM event_chain l
       LEFT JOIN case_events e ON e.event_id = l.event_id ORDER BY l.seq`,
    )
    .iterate() as Iterable<Link<ChainedEvent>>;
  const { brokenAt, remade } = remake(
    rows,
    through,
    CHAIN_ORIGIN,
    chainLink,
    (previous, row) => keyedChainLink(key, previous, row),
    // A link whose event is gone cannot be re-made.
    (row) => row.event_id !== null,
  );
  if (brokenAt !== null) return { links: through, brokenAt, closes: 0 };
  const update = db.prepare(`UPDATE event_chain SET hash = ?, rule = ${LINK_RULES.keyed} WHERE seq = ?`);
  for (const link of remade) update.run(link.hash, link.seq);
  const renamed = new Map(remade.map((link) => [link.old, link.hash]));
  renamed.set(CHAIN_ORIGIN, CHAIN_ORIGIN);
  const publicKey = createPublicKey(privateKey);
  const resign = db.prepare('UPDATE day_closes SET chain_hash = ?, signature = ? WHERE day = ?');
  let closes = 0;
  for (const close of db.prepare('SELECT * FROM day_closes ORDER BY day').all() as unknown as CloseRecord[]) {
    const hash = renamed.get(close.chain_hash);
    // A close that no longer holds is left as it is, and shows as broken.
    if (hash === undefined || !closeSignatureHolds(close, publicKey)) continue;
    const record = { ...close, chain_hash: hash };
    resign.run(hash, signClose(record, privateKey), close.day);
    closes++;
  }
  return { links: remade.length, brokenAt: null, closes };
}

function seal(db: DatabaseSync, chain: ChainName, through: number, brokenAt: number | null): void {
  const record = { chain, through_seq: through, rekeyed_at: new Date().toISOString(), legacy_broken_at: brokenAt };
  db.prepare('UPDATE chain_rekey SET rekeyed_at = ?, legacy_broken_at = ?, mac = ? WHERE chain = ?').run(
    record.rekeyed_at,
    record.legacy_broken_at,
    legacyRecordMac(chainKeysOf(db).auditChain, record),
    chain,
  );
}

/** Deals with the legacy links still pending; nothing when there are none. In one transaction. */
export function rekeyLegacyChains(db: DatabaseSync, privateKey: KeyObject): void {
  const auditRecord = legacyRecord(db, 'audit');
  const eventsRecord = legacyRecord(db, 'events');
  const pendingAudit = auditRecord && auditRecord.rekeyed_at === null ? auditRecord : null;
  const pendingEvents = eventsRecord && eventsRecord.rekeyed_at === null ? eventsRecord : null;
  if (!pendingAudit && !pendingEvents) return;
  transaction(db, () => {
    const auditOutcome = pendingAudit ? rekeyAudit(db, pendingAudit.through_seq) : null;
    const eventsOutcome = pendingEvents ? rekeyEvents(db, pendingEvents.through_seq, privateKey) : null;
    if (pendingAudit) seal(db, 'audit', pendingAudit.through_seq, auditOutcome!.brokenAt);
    if (pendingEvents) seal(db, 'events', pendingEvents.through_seq, eventsOutcome!.brokenAt);
    if ((pendingAudit?.through_seq ?? 0) + (pendingEvents?.through_seq ?? 0) > 0) {
      audit(db, {
        userId: null,
        action: 'audit.chains_keyed',
        detail: {
          auditEntries: auditOutcome?.links ?? 0,
          auditBrokenAt: auditOutcome?.brokenAt ?? null,
          events: eventsOutcome?.links ?? 0,
          eventsBrokenAt: eventsOutcome?.brokenAt ?? null,
          closesResigned: eventsOutcome?.closes ?? 0,
        },
      });
    }
  });
}
