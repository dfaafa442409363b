// 差评整改: the supervisor's rectification items, opened by bad ratings. Read
// with supervision.read; each step is the supervisor's (supervision.close) and
// audited. The steps and their order are declared in shared/supervision/rectification.ts.
import {
  answerInput,
  assignInput,
  closeInput,
  contactInput,
  rectificationFilter,
  rectificationListSchema,
  rectificationSchema,
} from '../../supervision/rectification.ts';
import type { MethodSpec } from './common.ts';

export const rectificationMethods = {
  // Open first, each group oldest rating first.
  'rectifications.list': {
    permission: 'supervision.read',
    input: rectificationFilter,
    output: rectificationListSchema,
  },
  'rectifications.assign': { permission: 'supervision.close', input: assignInput, output: rectificationSchema },
  'rectifications.answer': { permission: 'supervision.close', input: answerInput, output: rectificationSchema },
  'rectifications.contact': { permission: 'supervision.close', input: contactInput, output: rectificationSchema },
  'rectifications.close': { permission: 'supervision.close', input: closeInput, output: rectificationSchema },
} as const satisfies Record<string, MethodSpec>;
