// Intake: the clerk's own drafts, and the submission that makes a case.
import type { intakeMethods } from '../../../shared/rpc/contract.ts';
import { BlobAccess } from '../services/blob-access.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function intakeHandlers(context: HandlerContext): DomainHandlers<typeof intakeMethods> {
  const { drafts, intake, idCards, caseWritten, applicantScreen } = context;
  const access = new BlobAccess(context);
  return {
    'drafts.list': (_input, { session }) => drafts.list(session.userId),
    'drafts.save': ({ draftId, state }, { session }) => drafts.save(session.userId, draftId, state),
    'drafts.discard': ({ draftId }, { session }) => {
      drafts.discard(session.userId, draftId);
      applicantScreen.pairings.endDraft(draftId);
      return { ok: true };
    },

    'intake.submit': (submission, { session }) => {
      access.assertSubmissionCitable(session.userId, submission);
      idCards.assertChipRead(session.userId, submission);
      const result = intake.submit(submission, session);
      idCards.submitted(session.userId, result.caseId, submission.identitySource);
      caseWritten(result.caseId);
      applicantScreen.pairings.submitted(submission.submissionId, result.caseId, result.caseNo);
      return result;
    },
  };
}
