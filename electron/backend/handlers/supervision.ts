// Supervision: consultations, the daily ledger (台账) with its exports and
// prints, the warnings and the statistics.
import type { supervisionMethods } from '../../../shared/rpc/contract.ts';
import { RpcError } from '../../../shared/rpc/framing.ts';
import type { UserSession } from '../services/auth.ts';
import { exportFile } from '../services/exports.ts';
import type { Supervision } from '../services/supervision.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function supervisionHandlers({
  supervision,
  users,
  reportTables,
  language,
  auditLog,
  device,
}: HandlerContext): DomainHandlers<typeof supervisionMethods> {
  /** The ledger, unmasked only for a caller with personal.export: the handler checks, not the UI. */
  function ledgerFor(session: UserSession, filter: Parameters<Supervision['ledger']>[0], unmasked: boolean) {
    if (unmasked && !session.permissions.has('personal.export')) {
      throw new RpcError({ code: 'PERMISSION_DENIED', message: 'Unmasked exports need their own permission.' });
    }
    if (!unmasked) return supervision.ledger(filter, null);
    return supervision.ledger(filter, { userId: session.userId, user: users.displayName(session.userId) });
  }

  const hall = (): string => device.read()?.hall ?? '';

  return {
    'consultations.log': (input, { session }) => supervision.logConsultation(session.userId, input),

    'supervision.ledger': ({ unmasked, ...filter }, { session }) => ledgerFor(session, filter, unmasked),
    'supervision.exportLedger': async ({ format, unmasked, ...filter }, { session }) => {
      const ledger = ledgerFor(session, filter, unmasked);
      const file = await exportFile(
        format,
        `ledger-${filter.day}${unmasked ? '-unmasked' : ''}`,
        reportTables.ledger(ledger, language.get()),
        reportTables.heading(
          language.get(),
          { document: 'ledger', hall: hall(), from: ledger.day, to: ledger.day },
          ledger.watermark,
        ),
      );
      auditLog.record({
        userId: session.userId,
        action: 'ledger.export',
        target: filter.day,
        detail: { format, unmasked, cases: ledger.rows.length },
      });
      return file;
    },
    'supervision.recordLedgerPrint': ({ day, output, outcome, unmasked }, { session }) => {
      if (unmasked && !session.permissions.has('personal.export')) {
        throw new RpcError({ code: 'PERMISSION_DENIED', message: 'Unmasked prints need their own permission.' });
      }
      auditLog.record({
        userId: session.userId,
        // The browser's print dialog never says whether it printed: such a print is only requested.
        action: outcome === 'requested' ? 'ledger.print_requested' : 'ledger.print',
        target: day,
        detail: { output, unmasked },
      });
      return { ok: true };
    },
    'supervision.warnings': () => supervision.warnings(),
    'supervision.setThresholds': (thresholds, { session }) => supervision.setThresholds(session.userId, thresholds),
    'supervision.stats': ({ from, to }) => supervision.stats(from, to),
    'supervision.exportStats': async ({ from, to, format }, { session }) => {
      const stats = supervision.stats(from, to);
      const file = await exportFile(
        format,
        `statistics-${from}-${to}`,
        reportTables.stats(stats, language.get()),
        reportTables.heading(language.get(), { document: 'stats', hall: hall(), from, to }, null),
      );
      auditLog.record({ userId: session.userId, action: 'stats.export', target: `${from}/${to}`, detail: { format } });
      return file;
    },
  };
}
