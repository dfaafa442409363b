// Audit entries: logins, role changes, reveals of personal data, prints. The
// detail never holds personal data: ids, codes and field names only.
import type { DatabaseSync } from 'node:sqlite';

export function audit(
  db: DatabaseSync,
  entry: { userId: string | null; action: string; target?: string; detail?: Record<string, unknown> },
): void {
  db.prepare('INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
    new Date().toISOString(),
    entry.userId,
    entry.action,
    entry.target ?? null,
    JSON.stringify(entry.detail ?? {}),
  );
}
