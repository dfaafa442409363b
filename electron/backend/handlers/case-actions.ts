// Acting on a case after intake: an event recorded (then sent), a document printed (audited).
import type { caseActionMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function caseActionHandlers({
  actions,
  cases,
  auditLog,
  caseWritten,
}: HandlerContext): DomainHandlers<typeof caseActionMethods> {
  return {
    'cases.record': (input, { session }) => {
      const result = actions.record(input, session);
      caseWritten(input.caseId);
      return result;
    },
    'cases.recordPrint': ({ caseId, document, output }, { session }) => {
      // Only a case that exists has a document to print.
      cases.document(caseId);
      auditLog.record({ userId: session.userId, action: 'case.print', target: caseId, detail: { document, output } });
      return { ok: true };
    },
  };
}
