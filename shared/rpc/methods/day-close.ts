// 日结: the day's summary, signed by the supervisor, and the days closed so far.
import { z } from 'zod';
import { closeCommentSchema, closePreviewSchema, dayCloseSchema } from '../../supervision/schemas.ts';
import { isoDate, type MethodSpec } from './common.ts';

export const dayCloseMethods = {
  // The day's summary and the warnings to answer before it is signed.
  'supervision.closePreview': {
    permission: 'supervision.close',
    input: z.object({ day: isoDate }),
    output: closePreviewSchema,
  },
  'supervision.closeDay': {
    permission: 'supervision.close',
    input: z.object({ day: isoDate, comments: z.array(closeCommentSchema).max(1000) }),
    output: dayCloseSchema,
  },
  // Closed days, newest first, each checked against the hash it was signed with.
  'supervision.closedDays': {
    permission: 'supervision.read',
    input: z.object({ limit: z.number().int().min(1).max(366).default(30) }),
    output: z.array(dayCloseSchema),
  },
} as const satisfies Record<string, MethodSpec>;
