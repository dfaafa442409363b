// Where the applicant's identity came from: read from the ID card's chip at
// the window, or typed by the clerk. A chip read says which card it was and
// how long it is valid, and the clerk confirms having compared the card's
// photo with the person in front of them (face matching is not done here).
// Cases taken in before readers carry none of this.
import { z } from 'zod';

/** The cards a reader's chip read returns: 居民身份证, 港澳台居民居住证, 外国人永久居留身份证. */
export const ID_CARD_TYPES = ['resident', 'hmt_permit', 'foreign_permanent'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const identitySourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('typed') }),
  z.object({
    source: z.literal('chip'),
    cardType: z.enum(ID_CARD_TYPES),
    validFrom: isoDate,
    // null: valid for life (长期).
    validTo: isoDate.nullable(),
    // Past its validity when read: the clerk was warned and went on.
    expired: z.boolean(),
    // 人证核对: the clerk compared the card's photo with the applicant.
    photoCompared: z.boolean(),
  }),
]);
export type IdentitySource = z.infer<typeof identitySourceSchema>;

export const IDENTITY_SOURCE_PROBLEMS = ['id_card_photo_not_compared'] as const;
export type IdentitySourceProblem = (typeof IDENTITY_SOURCE_PROBLEMS)[number];

/** A chip-read identity goes through only once the clerk has compared the photo with the person. */
export function identitySourceProblems(submission: {
  identitySource?: IdentitySource | undefined;
}): { reason: IdentitySourceProblem; field: string }[] {
  const source = submission.identitySource;
  return source?.source === 'chip' && !source.photoCompared
    ? [{ reason: 'id_card_photo_not_compared', field: 'identitySource.photoCompared' }]
    : [];
}
