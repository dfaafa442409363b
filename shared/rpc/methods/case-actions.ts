// Acting on a case after intake: its events, and the documents printed for it.
import { z } from 'zod';
import { EVENT_PAYLOADS, type EventType } from '../../case/events.ts';
import { caseStatusSchema } from '../../case/status.ts';
import { id, ok, type MethodSpec } from './common.ts';

/**
 * What is printed for a case: the intake receipt, the handling place's notices, the result collection slip,
 * the applicant's commitment for deferred materials.
 */
export const PRINTED_DOCUMENTS = [
  'receipt', // 收件回执
  'acceptance_notice', // 受理通知书
  'refusal_notice', // 不予受理通知书
  'correction_notice', // 补正材料通知书
  'collection_slip', // 结果领取单
  'commitment_letter', // 容缺受理承诺书
] as const;
export type PrintedDocument = (typeof PRINTED_DOCUMENTS)[number];

/**
 * What became of a print: known to have been produced — 'printed' (the
 * printer took it) or 'saved' (the PDF was written) — or only 'requested':
 * the browser's print dialog opened, and it never says whether the person
 * printed or cancelled.
 */
export const PRINT_OUTCOMES = ['printed', 'saved', 'requested'] as const;
export type PrintOutcome = (typeof PRINT_OUTCOMES)[number];

/** The two events intake.submit makes with the case; every other one is recorded with cases.record. */
const MADE_BY_INTAKE = ['case.received', 'case.materials_checked'] as const;
export type RecordableEventType = Exclude<EventType, (typeof MADE_BY_INTAKE)[number]>;

export const RECORDABLE_EVENTS = (Object.keys(EVENT_PAYLOADS) as EventType[]).filter(
  (type): type is RecordableEventType => !(MADE_BY_INTAKE as readonly EventType[]).includes(type),
) as [RecordableEventType, ...RecordableEventType[]];

export const caseActionMethods = {
  // Anything recorded on a case after intake: the payload is the event type's (shared/case/events.ts).
  'cases.record': {
    permission: 'cases.record',
    input: z.object({
      caseId: id,
      type: z.enum(RECORDABLE_EVENTS),
      payload: z.unknown(),
    }),
    output: z.object({ eventId: z.string(), status: caseStatusSchema }),
  },
  // Printing a case's document is recorded (who, when, which case, and whether it is known to have been produced).
  'cases.recordPrint': {
    permission: 'cases.read',
    input: z.object({
      caseId: id,
      document: z.enum(PRINTED_DOCUMENTS),
      output: z.enum(['printer', 'pdf']),
      outcome: z.enum(PRINT_OUTCOMES),
    }),
    output: ok,
  },
} as const satisfies Record<string, MethodSpec>;
