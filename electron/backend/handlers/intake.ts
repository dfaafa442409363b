// Intake: the clerk's own drafts, and the submission that makes a case.
import type { intakeMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function intakeHandlers({ drafts, intake, caseWritten }: HandlerContext): DomainHandlers<typeof intakeMethods> {
  return {
    'drafts.list': (_input, { session }) => drafts.list(session.userId),
    'drafts.save': ({ draftId, state }, { session }) => drafts.save(session.userId, draftId, state),
    'drafts.discard': ({ draftId }, { session }) => {
      drafts.discard(session.userId, draftId);
      return { ok: true };
    },

    'intake.submit': (submission, { session }) => {
      const result = intake.submit(submission, session);
      caseWritten(result.caseId);
      return result;
    },
  };
}
