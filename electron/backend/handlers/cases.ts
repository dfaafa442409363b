// Reading cases: the list, one case in full, one personal or sensitive form field revealed (audited by the service).
import type { caseMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function caseHandlers({ cases }: HandlerContext): DomainHandlers<typeof caseMethods> {
  return {
    'cases.list': (input, { session }) => cases.list(input, session.userId),
    'cases.get': ({ caseId }, { session }) => cases.get(caseId, session),
    'cases.reveal': ({ caseId, field }, { session }) => ({ value: cases.reveal(session.userId, caseId, field) }),
    'cases.revealField': ({ caseId, fieldId }, { session }) => ({
      value: cases.revealField(session, caseId, fieldId),
    }),
  };
}
