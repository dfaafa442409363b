// The audit log as the handlers use it: bound to the device's database, so a
// handler records who did what without holding the database itself. Its check
// walks the keyed chain, and holds the log to the head the newest day close
// signed: entries cut from the end of the log (which leaves a shorter chain
// that still follows) show there.
import type { KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { audit, checkAuditChain, listAudit, type AuditQuery } from './audit.ts';
import { closeSignatureHolds, type CloseRecord } from './day-close-signature.ts';

export type AuditEntry = Parameters<typeof audit>[1];

export class AuditLog {
  private readonly db: DatabaseSync;
  private readonly ownKey: KeyObject;

  /** `ownKey`: the public half of the device's own private key, which signs the closes. */
  constructor(db: DatabaseSync, ownKey: KeyObject) {
    this.db = db;
    this.ownKey = ownKey;
  }

  record(entry: AuditEntry): void {
    audit(this.db, entry);
  }

  list(query: AuditQuery, offset: number, limit: number): ReturnType<typeof listAudit> {
    return listAudit(this.db, query, offset, limit);
  }

  chain(): ReturnType<typeof checkAuditChain> {
    const walked = checkAuditChain(this.db);
    if (!walked.intact) return walked;
    const cutAt = this.cutBelowClose();
    return cutAt === null ? walked : { entries: walked.entries, intact: false, brokenAt: cutAt };
  }

  /** The entry the newest signed close names, when the log no longer holds it as it was. */
  private cutBelowClose(): number | null {
    const close = this.db
      .prepare('SELECT * FROM day_closes WHERE audit_seq IS NOT NULL ORDER BY day DESC LIMIT 1')
      .get() as unknown as Omit<CloseRecord, 'display_name'> | undefined;
    // A close whose signature fails is reported as such by the close check.
    if (!close || close.audit_seq === null || close.audit_seq === 0 || !closeSignatureHolds(close, this.ownKey)) {
      return null;
    }
    const entry = this.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(close.audit_seq) as
      { hash: string } | undefined;
    return entry?.hash === close.audit_hash ? null : close.audit_seq;
  }
}
