// The audit log for the auditor: browsed with its chain checked, and exported.
import type { auditMethods } from '../../../shared/rpc/contract.ts';
import { localDay } from '../../../shared/local-time.ts';
import { exportFile } from '../services/exports.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function auditHandlers({
  auditLog,
  users,
  reportTables,
  language,
  device,
}: HandlerContext): DomainHandlers<typeof auditMethods> {
  return {
    'audit.list': ({ offset, limit, ...query }) => ({
      ...auditLog.list(query, offset, limit),
      chain: auditLog.chain(),
      // Everyone with an account here, whether or not the log has entries of theirs yet.
      users: users.list().map(({ userId, username, displayName }) => ({ userId, username, displayName })),
    }),
    'audit.export': async ({ format, ...query }, { session }) => {
      // Recorded first, so the file holds its own export.
      auditLog.record({ userId: session.userId, action: 'audit.export', detail: { format, ...query } });
      const { rows } = auditLog.list(query, 0, Number.MAX_SAFE_INTEGER);
      const today = localDay(new Date());
      // The days asked for; without a bound, the days the entries span.
      const days = rows.map((row) => localDay(new Date(row.at))).sort();
      const from = query.from ?? days[0] ?? today;
      const to = query.to ?? days.at(-1) ?? today;
      return exportFile(
        format,
        `audit-${today}`,
        reportTables.audit(rows, language.get()),
        reportTables.heading(language.get(), { document: 'audit', hall: device.read()?.hall ?? '', from, to }, null),
      );
    },
  };
}
