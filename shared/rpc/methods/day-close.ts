// 日结: the day's summary, signed by the supervisor, and the days closed so far.
import { z } from 'zod';
import { closeCommentSchema, closePreviewSchema, dayCloseSchema } from '../../supervision/schemas.ts';
import { isoDate, type MethodSpec } from './common.ts';

/**
 * A closed day against the servers' anchors: the same head as the server
 * keeps (intact), another head or a close removed here (altered), no server
 * has it yet (not_anchored), or no server could be asked (unreachable).
 */
export const ANCHOR_STATES = ['intact', 'altered', 'not_anchored', 'unreachable'] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];
export const anchorCheckSchema = z.object({
  servers: z.array(
    z.object({
      name: z.string(),
      reachable: z.boolean(),
      // Whether the key the server holds for this device is this device's key; null when not asked.
      keyMatches: z.boolean().nullable(),
      highestDay: isoDate.nullable(),
    }),
  ),
  days: z.array(z.object({ day: isoDate, state: z.enum(ANCHOR_STATES) })),
});
export type AnchorCheck = z.infer<typeof anchorCheckSchema>;

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
  // Closed days against the copies the exchange servers keep (anchors); talks to the servers.
  'supervision.anchorCheck': {
    permission: 'supervision.read',
    input: z.object({ limit: z.number().int().min(1).max(366).default(30) }),
    output: anchorCheckSchema,
  },
  // Closed days, newest first, each checked against the hash it was signed with.
  'supervision.closedDays': {
    permission: 'supervision.read',
    input: z.object({ limit: z.number().int().min(1).max(366).default(30) }),
    output: z.array(dayCloseSchema),
  },
} as const satisfies Record<string, MethodSpec>;
