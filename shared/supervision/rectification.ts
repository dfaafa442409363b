// 差评整改: a bad rating (不满意 2, 非常不满意 1) opens a rectification item
// for the supervisor, who assigns it to a member of staff; they answer what
// they found and what was done, contact the applicant (回访) and close it.
// The steps, the deadlines and the shapes are declared here once: the backend
// enforces them, the screen offers only what they allow.
//
// The deadlines follow 国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见
// (国办发〔2019〕51号), which wants every bad rating verified, rectified and
// answered to the applicant, and GB/T 39734-2020 政务服务“一次一评”“一事一评”工作规范
// (差评处置): the applicant contacted within 1 working day, the rectification
// done within 15 working days of the rating.
import { z } from 'zod';

/** 1 and 2 of the five levels (非常满意 5 … 非常不满意 1) are bad ratings. */
export const BAD_RATING_MAX = 2;
export const CONTACT_WORKING_DAYS = 1;
export const RECTIFY_WORKING_DAYS = 15;

export const RECTIFICATION_STATES = ['open', 'assigned', 'answered', 'contacted', 'closed'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export const CONTACT_METHODS = ['phone', 'in_person', 'sms'] as const;
export const APPLICANT_RESPONSES = ['satisfied', 'not_satisfied'] as const;

export const RECTIFICATION_REFUSALS = [
  'rectification_not_found',
  'rectification_closed',
  'rectification_not_assigned',
  'rectification_not_answered',
  'rectification_not_contacted',
  'rectification_already_answered',
  'rectification_already_contacted',
  'rectification_assignee_unknown',
  'rectification_contact_time',
] as const;
export type RectificationRefusal = (typeof RECTIFICATION_REFUSALS)[number];

interface Step {
  /** The states the step may follow; they are consecutive in RECTIFICATION_STATES. */
  readonly from: readonly RectificationState[];
  readonly to: RectificationState;
  /** Why it is refused from a state before `from`, and from one after it (closed aside). */
  readonly early?: RectificationRefusal;
  readonly late?: RectificationRefusal;
}

/** The one table of what may follow what. Assigning again and answering or contacting again amend. */
export const RECTIFICATION_STEPS = {
  assign: { from: ['open', 'assigned'], to: 'assigned', late: 'rectification_already_answered' },
  answer: {
    from: ['assigned', 'answered'],
    to: 'answered',
    early: 'rectification_not_assigned',
    late: 'rectification_already_contacted',
  },
  contact: { from: ['answered', 'contacted'], to: 'contacted', early: 'rectification_not_answered' },
  close: { from: ['contacted'], to: 'closed', early: 'rectification_not_contacted' },
} as const satisfies Record<string, Step>;
export type RectificationStep = keyof typeof RECTIFICATION_STEPS;

/** Null when the step may follow the state; otherwise the reason it may not. */
export function stepRefusal(step: RectificationStep, state: RectificationState): RectificationRefusal | null {
  const rule: Step = RECTIFICATION_STEPS[step];
  if (rule.from.includes(state)) return null;
  if (state === 'closed') return 'rectification_closed';
  const order = (s: RectificationState): number => RECTIFICATION_STATES.indexOf(s);
  const early = order(state) < order(rule.from[0]!);
  return (early ? rule.early : rule.late) ?? 'rectification_closed';
}

const text = (max: number) => z.string().trim().min(1).max(max);
const caseKey = { caseId: z.string().min(1).max(64), eventId: z.string().min(1).max(64) };

export const rectificationFilter = z.object({
  // open: not closed (overdue ones too); overdue: past the rectification deadline, not closed.
  state: z.enum(['open', 'overdue', 'closed', 'all']).default('open'),
  assigneeUserId: z.string().min(1).max(64).optional(),
});

export const assignInput = z.object({ ...caseKey, assigneeUserId: z.string().min(1).max(64) });
export const answerInput = z.object({ ...caseKey, findings: text(1000), actions: text(1000) });
export const contactInput = z.object({
  ...caseKey,
  contactedAt: z.iso.datetime({ offset: true }),
  method: z.enum(CONTACT_METHODS),
  response: z.enum(APPLICANT_RESPONSES),
  note: text(500).optional(),
});
export const closeInput = z.object(caseKey);

export const rectificationSchema = z.object({
  caseId: z.string(),
  eventId: z.string(),
  caseNo: z.string(),
  matterId: z.string(),
  rating: z.number().int().min(1).max(BAD_RATING_MAX),
  ratedAt: z.string(),
  // The applicant's reason given with the rating, which a bad rating must have (null on older ratings).
  reason: z.string().nullable(),
  // The applicant, masked as the case row keeps them; the full values only through cases.reveal.
  applicantName: z.string(),
  applicantPhone: z.string().nullable(),
  state: z.enum(RECTIFICATION_STATES),
  // The applicant to be contacted by this day, the rectification done by that one (local days).
  contactBy: z.string(),
  rectifyBy: z.string(),
  // A deadline in a year with no loaded calendar, counted as if weekends alone were rest days.
  provisional: z.boolean(),
  overdue: z.boolean(),
  assignee: z.object({ userId: z.string(), displayName: z.string() }).nullable(),
  assignedAt: z.string().nullable(),
  answer: z.object({ findings: z.string(), actions: z.string(), at: z.string() }).nullable(),
  contact: z
    .object({
      at: z.string(),
      method: z.enum(CONTACT_METHODS),
      response: z.enum(APPLICANT_RESPONSES),
      note: z.string().nullable(),
    })
    .nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});
export type Rectification = z.infer<typeof rectificationSchema>;

export const rectificationListSchema = z.object({
  today: z.string(),
  items: z.array(rectificationSchema),
  // Who an item may be assigned to: the device's active staff.
  staff: z.array(z.object({ userId: z.string(), displayName: z.string() })),
});

/** The items opened by bad ratings in a statistics period, as they stand now. */
export const rectificationStatsSchema = z.object({
  opened: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  // Not closed and past the rectification deadline.
  overdue: z.number().int(),
});
