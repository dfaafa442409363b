// The audit log as the handlers use it: bound to the device's database, so a
// handler records who did what without holding the database itself.
import type { DatabaseSync } from 'node:sqlite';
import { audit, checkAuditChain, listAudit, type AuditQuery } from './audit.ts';

export type AuditEntry = Parameters<typeof audit>[1];

export class AuditLog {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  record(entry: AuditEntry): void {
    audit(this.db, entry);
  }

  list(query: AuditQuery, offset: number, limit: number): ReturnType<typeof listAudit> {
    return listAudit(this.db, query, offset, limit);
  }

  chain(): ReturnType<typeof checkAuditChain> {
    return checkAuditChain(this.db);
  }
}
