// Audit entries: logins, role changes, reveals of personal data, prints and
// exports. The detail never holds personal data: ids, codes and field names
// only. Entries are chained in the order written, each link an HMAC under the
// device's audit-chain key (chain-keys.ts), so an entry edited or removed in
// the database file breaks the chain where it was, and the chain cannot be
// recomputed from the file.
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { chainKeysOf, hmacHex, LINK_RULES } from './chain-keys.ts';
import { legacyThrough } from './chain-legacy.ts';

export interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  target: string | null;
  detail: string;
}

export const AUDIT_ORIGIN = '0'.repeat(64);

const linkFields = (previous: string, row: Omit<AuditRow, 'seq'>): unknown[] => [
  previous,
  row.at,
  row.user_id,
  row.action,
  row.target,
  row.detail,
];

/** The legacy rule: plain SHA-256, as entries were linked before the chains were keyed. */
export function auditLink(previous: string, row: Omit<AuditRow, 'seq'>): string {
  return createHash('sha256')
    .update(JSON.stringify(linkFields(previous, row)))
    .digest('hex');
}

/** The keyed rule: HMAC-SHA-256 under the audit-chain key. */
export function keyedAuditLink(key: Buffer, previous: string, row: Omit<AuditRow, 'seq'>): string {
  return hmacHex(key, linkFields(previous, row));
}

export function audit(
  db: DatabaseSync,
  entry: { userId: string | null; action: string; target?: string; detail?: Record<string, unknown> },
): void {
  const row = {
    at: new Date().toISOString(),
    user_id: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const key = chainKeysOf(db).auditChain;
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  db.prepare(
    `INSERT INTO audit_log (at, user_id, action, target, detail, hash, rule) VALUES (?, ?, ?, ?, ?, ?, ${LINK_RULES.keyed})`,
  ).run(row.at, row.user_id, row.action, row.target, row.detail, keyedAuditLink(key, last?.hash ?? AUDIT_ORIGIN, row));
}

/**
 * Walks the whole log: the first entry whose link does not follow under the
 * rule it names, or whose predecessor is gone. A legacy (unkeyed) link stands
 * only where the legacy chain was found broken before it could be keyed.
 */
export function checkAuditChain(db: DatabaseSync): { entries: number; intact: boolean; brokenAt: number | null } {
  const key = chainKeysOf(db).auditChain;
  const legacyUpTo = legacyThrough(db, 'audit');
  const follows = (previous: string, row: AuditRow & { hash: string; rule: number }): boolean =>
    row.rule === LINK_RULES.keyed
      ? keyedAuditLink(key, previous, row) === row.hash
      : row.rule === LINK_RULES.legacy && row.seq <= legacyUpTo && auditLink(previous, row) === row.hash;
  let previous = AUDIT_ORIGIN;
  let previousSeq = 0;
  let entries = 0;
  for (const value of db
    .prepare('SELECT seq, at, user_id, action, target, detail, hash, rule FROM audit_log ORDER BY seq')
    .iterate()) {
    const row = value as unknown as AuditRow & { hash: string; rule: number };
    entries++;
    // AUTOINCREMENT never reuses a number: a gap is a removed entry.
    if (row.seq !== previousSeq + 1 || !follows(previous, row)) {
      return { entries, intact: false, brokenAt: row.seq };
    }
    previous = row.hash;
    previousSeq = row.seq;
  }
  const issued = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as
    { seq: number } | undefined;
  // Entries removed from the end leave the counter ahead of the last one.
  if ((issued?.seq ?? 0) > previousSeq) return { entries, intact: false, brokenAt: previousSeq + 1 };
  return { entries, intact: true, brokenAt: null };
}

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  userId?: string | undefined;
}

/** Entries newest first; days are local days, compared on the entry's local time. */
export function listAudit(db: DatabaseSync, query: AuditQuery, offset: number, limit: number) {
  const conditions: [string, string | undefined][] = [
    ["date(a.at, 'localtime') >= ?", query.from],
    ["date(a.at, 'localtime') <= ?", query.to],
    ['a.action = ?', query.action],
    ['a.user_id = ?', query.userId],
  ];
  const used = conditions.filter((condition): condition is [string, string] => condition[1] !== undefined);
  const params = used.map(([, value]) => value);
  const clause = used.length > 0 ? `WHERE ${used.map(([sql]) => sql).join(' AND ')}` : '';
  const { total } = db.prepare(`SELECT count(*) AS total FROM audit_log a ${clause}`).get(...params) as {
    total: number;
  };
  const rows = db
    .prepare(
      `SELECT a.seq, a.at, a.user_id, u.display_name, a.action, a.target, a.detail FROM audit_log a
       LEFT JOIN users u ON u.user_id = a.user_id ${clause} ORDER BY a.seq DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as unknown as (AuditRow & { display_name: string | null })[];
  return {
    total,
    rows: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      userId: r.user_id,
      user: r.display_name,
      action: r.action,
      target: r.target,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
  };
}
