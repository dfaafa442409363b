// The counter's paperwork before a case exists: the one-time notice (一次性告知单),
// recorded on a consultation and reprinted from it, and the application form
// (申请表) the applicant signs, whose prints are recorded too.
import { z } from 'zod';
import { oneTimeNoticeInput, oneTimeNoticeSchema } from '../../paperwork/one-time-notice.ts';
import { PRINT_OUTCOMES } from './case-actions.ts';
import { id, noInput, ok, type MethodSpec } from './common.ts';

const printed = { output: z.enum(['printer', 'pdf']), outcome: z.enum(PRINT_OUTCOMES) };

export const paperworkMethods = {
  // Logs the consultation and the notice's list in one go: what was missing or wrong, by material and code.
  'paperwork.issueOneTimeNotice': {
    permission: 'consultations.log',
    input: oneTimeNoticeInput,
    output: oneTimeNoticeSchema,
  },
  // The notices issued at this window, newest first, to print again.
  'paperwork.oneTimeNotices': { permission: 'consultations.log', input: noInput, output: z.array(oneTimeNoticeSchema) },
  'paperwork.recordNoticePrint': {
    permission: 'consultations.log',
    input: z.object({ noticeId: id, ...printed }),
    output: ok,
  },
  // The application form printed from a draft for the applicant to sign on paper.
  'paperwork.recordFormPrint': {
    permission: 'intake.create',
    input: z.object({ draftId: z.uuid(), matterId: id, ...printed }),
    output: ok,
  },
  // The applicant signs the form on the pad: the PNG (base64) comes back to be drawn into the form, which
  // the window then keeps as a scan; the signature alone is not stored.
  'paperwork.signForm': {
    permission: 'intake.create',
    input: z.object({ prompt: z.string().trim().max(100) }),
    output: z.object({ png: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
