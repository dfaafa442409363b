// Acting on a case after intake: an event recorded (then sent), a document printed (audited).
import type { caseActionMethods } from '../../../shared/rpc/contract.ts';
import { BlobAccess } from '../services/blob-access.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function caseActionHandlers(context: HandlerContext): DomainHandlers<typeof caseActionMethods> {
  const { actions, cases, auditLog, caseWritten } = context;
  const access = new BlobAccess(context);
  return {
    'cases.record': (input, { session }) => {
      access.assertEventCitable(session.userId, input);
      const result = actions.record(input, session);
      caseWritten(input.caseId);
      return result;
    },
    'cases.recordPrint': ({ caseId, document, output, outcome }, { session }) => {
      // Only a case that exists has a document to print.
      cases.document(caseId);
      // A print only asked of the browser's dialog is not recorded as printed: it may have been cancelled.
      auditLog.record({
        userId: session.userId,
        action: outcome === 'requested' ? 'case.print_requested' : 'case.print',
        target: caseId,
        detail: { document, output, outcome },
      });
      return { ok: true };
    },
  };
}
