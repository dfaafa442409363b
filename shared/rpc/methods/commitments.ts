// 容缺受理承诺书: the materials applicants owe after they were deferred at
// intake, with the day promised. Receiving one is an event (cases.record,
// case.deferred_material_received); this domain reads what is still owed.
import { z } from 'zod';
import { caseStatusSchema } from '../../case/status.ts';
import { isoDate, noInput, type MethodSpec } from './common.ts';

/** One deferred material of a case, as the case's detail lists it. */
export const caseCommitmentSchema = z.object({
  materialId: z.string(),
  dueDate: isoDate,
  promisedAt: z.string(),
  receivedAt: z.string().nullable(),
  // Past its due day and not received (承诺逾期).
  lapsed: z.boolean(),
});
export type CaseCommitment = z.infer<typeof caseCommitmentSchema>;

/** An open commitment on the intake window's to-do (容缺待补). */
export const openCommitmentSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  matterId: z.string(),
  status: caseStatusSchema,
  applicantName: z.string(), // masked
  materialId: z.string(),
  dueDate: isoDate,
  promisedAt: z.string(),
  // Calendar days past the due day; 0 or less while not lapsed.
  daysOverdue: z.number().int(),
});
export type OpenCommitment = z.infer<typeof openCommitmentSchema>;

export const commitmentMethods = {
  // The window's cases that still owe a deferred material, soonest due first.
  'commitments.open': {
    permission: 'cases.read',
    input: noInput,
    output: z.object({ today: isoDate, items: z.array(openCommitmentSchema) }),
  },
} as const satisfies Record<string, MethodSpec>;
