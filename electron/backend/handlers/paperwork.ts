// The counter's paperwork before a case exists: one-time notices and the
// application form's prints.
import type { paperworkMethods } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function paperworkHandlers({
  oneTimeNotices,
  auditLog,
  catalog,
  signatures,
}: HandlerContext): DomainHandlers<typeof paperworkMethods> {
  return {
    'paperwork.issueOneTimeNotice': (input, { session }) => oneTimeNotices.issue(session.userId, input),
    'paperwork.oneTimeNotices': () => oneTimeNotices.list(),
    'paperwork.recordNoticePrint': ({ noticeId, output, outcome }, { session }) => {
      oneTimeNotices.recordPrint(session.userId, noticeId, output, outcome);
      return { ok: true };
    },
    'paperwork.recordFormPrint': ({ draftId, matterId, output, outcome }, { session }) => {
      if (!catalog.matter(matterId))
        throw rejected('matter_unknown', 'The matter is not in the catalog.', { matterId });
      // The draft's id and the matter only: the form itself carries the applicant's data, the audit does not.
      auditLog.record({
        userId: session.userId,
        action: 'application_form.print',
        target: draftId,
        detail: { matterId, output, outcome },
      });
      return { ok: true };
    },
    'paperwork.signForm': async ({ prompt }, { session }) => ({
      png: (await signatures.captureForDocument(prompt, session.userId, 'application_form')).toString('base64'),
    }),
  };
}
