// Intake: the wizard's drafts, kept per user, and the submission that makes a case.
import { z } from 'zod';
import { intakeSubmissionSchema } from '../../case/intake.ts';
import { noInput, ok, type MethodSpec } from './common.ts';

export const draftSchema = z.object({
  draftId: z.string(),
  updatedAt: z.string(),
  // The wizard's own state; the backend stores it encrypted and does not read it.
  state: z.record(z.string(), z.unknown()),
});
export type Draft = z.infer<typeof draftSchema>;

export const intakeMethods = {
  'drafts.list': { permission: 'intake.create', input: noInput, output: z.array(draftSchema) },
  'drafts.save': {
    permission: 'intake.create',
    input: z.object({ draftId: z.uuid(), state: z.record(z.string(), z.unknown()) }),
    output: draftSchema,
  },
  'drafts.discard': { permission: 'intake.create', input: z.object({ draftId: z.uuid() }), output: ok },

  'intake.submit': {
    permission: 'intake.create',
    input: intakeSubmissionSchema,
    output: z.object({ caseId: z.string(), caseNo: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
